package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many writers racing on few tasks (issue 14, case a): each reads a task's version and updates it
 * with that version. Every update either succeeds or answers CONFLICT; nothing is lost: a task's
 * final version counts exactly its successful updates, its title is the last success's, and each
 * success has exactly one audit entry and one change event.
 */
class ConflictingWritesTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TASKS = 5;
    private static final int UPDATES = 200;

    @Autowired
    DatabaseClient db;

    @Test
    void racingUpdatesEachSucceedOrConflictAndNoneIsLost() {
        Fixture fixture = new Fixture(as("government"));
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(Fixture.create(as("government"), "createTask", "task", Documents.variables("workstreamId",
                    fixture.openWorkstreamId, "title", "Raced " + i, "kind", "ACTION", "responsible", "PPT")));
        }
        String token = KeycloakTokens.forRole("government");
        WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();

        record Outcome(String task, String title, Integer version, String code) {
        }
        List<Outcome> outcomes = Flux.range(0, UPDATES)
                .flatMap(i -> {
                    String task = tasks.get(i % TASKS);
                    String title = "Update " + i;
                    return post(web, token, Documents.named("taskVersion"), Map.of("id", task))
                            .flatMap(read -> post(web, token, Documents.named("updateTask"), Map.of("input", Map.of(
                                    "id", task, "expectedVersion", read.at("/data/node/version").asInt(), "title", title))))
                            .map(answer -> {
                                assertThat(answer.has("errors")).as("%s", answer).isFalse();
                                JsonNode payload = answer.at("/data/updateTask");
                                return payload.at("/errors").isEmpty()
                                        ? new Outcome(task, title, payload.at("/task/version").asInt(), null)
                                        : new Outcome(task, title, null, payload.at("/errors/0/code").asString());
                            });
                }, 16)
                .collectList().block(Duration.ofSeconds(120));

        assertThat(outcomes).hasSize(UPDATES);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.version() != null || "CONFLICT".equals(o.code())).as("%s", o).isTrue());
        long successes = outcomes.stream().filter(o -> o.version() != null).count();
        assertThat(successes).as("some updates won").isGreaterThanOrEqualTo(TASKS);
        System.out.printf("%d racing updates on %d tasks: %d succeeded, %d CONFLICT%n", UPDATES, TASKS, successes, UPDATES - successes);

        for (String task : tasks) {
            List<Outcome> won = outcomes.stream().filter(o -> o.task().equals(task) && o.version() != null).toList();
            // versions contiguous: the successes produced exactly versions 2 … 1 + n, each once
            assertThat(won.stream().map(Outcome::version).sorted().toList())
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(2, 1 + won.size()).boxed().toList());
            Outcome last = won.stream().max(java.util.Comparator.comparing(Outcome::version)).orElseThrow();
            UUID id = GlobalId.parse(task).orElseThrow().id();
            Map<String, Object> stored = db.sql("""
                            SELECT t.title, t.version,
                                   (SELECT count(*) FROM audit_entry a WHERE a.subject_id = t.id AND a.action = 'UPDATED') AS audited,
                                   (SELECT count(*) FROM change_event e WHERE e.item_id = t.id AND e.kind = 'UPDATED') AS events
                            FROM task t WHERE t.id = :id""")
                    .bind("id", id).fetch().one().contextWrite(ClearanceConnectionFactory.system()).block();
            assertThat(stored).containsEntry("title", last.title()).containsEntry("version", 1 + won.size())
                    .containsEntry("audited", (long) won.size()).containsEntry("events", (long) won.size());
        }
    }

    private static Mono<JsonNode> post(WebClient web, String token, String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return web.post().uri("/graphql").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).retrieve().bodyToMono(String.class).map(JSON::readTree);
    }
}
