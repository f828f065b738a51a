package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys: a mutation retried with the same clientMutationId by the same user is applied
 * at most once and answers with the same item; a retry that races the first waits for it.
 */
class IdempotencyTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DatabaseClient db;

    private Fixture fixture;

    @BeforeEach
    void plan() {
        fixture = new Fixture(as("government"));
    }

    private JsonNode send(String role, String document, Map<String, Object> input) {
        return JSON.readTree(client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", Documents.named(document), "variables", Map.of("input", input)))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private Map<String, Object> newTask(String title, String key) {
        Map<String, Object> input = new HashMap<>(Documents.variables("workstreamId", fixture.openWorkstreamId, "title", title,
                "kind", "MEETING", "responsible", "PPT"));
        input.put("clientMutationId", key);
        return input;
    }

    private long count(String sql, Object value) {
        return db.sql(sql).bind("v", value).map((row, meta) -> row.get(0, Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }

    @Test
    void aCreateRetriedWithItsKeyIsAppliedOnceAndAnswersTheSameTask() {
        String key = "create-" + UUID.randomUUID();
        JsonNode first = send("government", "createTask", newTask("Made once", key));
        JsonNode retry = send("government", "createTask", newTask("Made once", key));
        String id = first.at("/data/createTask/task/id").asString();
        assertThat(id).isNotEmpty();
        assertThat(retry.at("/data/createTask/task/id").asString()).isEqualTo(id);
        assertThat(retry.at("/data/createTask/errors").isEmpty()).as("%s", retry).isTrue();
        UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        assertThat(count("SELECT count(*) FROM task WHERE work_plan_id = :v AND title = 'Made once'", plan)).isEqualTo(1);
        UUID task = GlobalId.parse(id).orElseThrow().id();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE subject_id = :v", task)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM change_event WHERE item_id = :v", task)).isEqualTo(1);
        // without a key, the same input is a new change each time
        send("government", "createTask", Documents.variables("workstreamId", fixture.openWorkstreamId, "title", "Made once",
                "kind", "MEETING", "responsible", "PPT"));
        assertThat(count("SELECT count(*) FROM task WHERE work_plan_id = :v AND title = 'Made once'", plan)).isEqualTo(2);
    }

    @Test
    void anUpdateRetriedWithItsKeyDoesNotConflictWithItselfAndADeleteDoesNotGoMissing() {
        String task = fixture.openTaskId;
        Map<String, Object> update = new HashMap<>(Documents.variables("id", task, "expectedVersion", 1, "title", "Renamed once"));
        update.put("clientMutationId", "update-" + UUID.randomUUID());
        JsonNode first = send("government", "updateTask", update);
        JsonNode retry = send("government", "updateTask", update);
        assertThat(first.at("/data/updateTask/task/version").asInt()).isEqualTo(2);
        // without the key the retry would be a CONFLICT (version 1 is gone); with it, the same answer
        assertThat(retry.at("/data/updateTask/errors").isEmpty()).as("%s", retry).isTrue();
        assertThat(retry.at("/data/updateTask/task/version").asInt()).isEqualTo(2);
        UUID id = GlobalId.parse(task).orElseThrow().id();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE subject_id = :v AND action = 'UPDATED'", id)).isEqualTo(1);

        Map<String, Object> delete = new HashMap<>(Documents.variables("id", task, "expectedVersion", 2));
        delete.put("clientMutationId", "delete-" + UUID.randomUUID());
        assertThat(send("government", "deleteTask", delete).at("/data/deleteTask/deletedId").asString()).isEqualTo(task);
        JsonNode again = send("government", "deleteTask", delete);
        assertThat(again.at("/data/deleteTask/deletedId").asString()).as("%s", again).isEqualTo(task);
        assertThat(again.at("/data/deleteTask/errors").isEmpty()).isTrue();
    }

    @Test
    void aKeyIsTheUsersOwnAndNamesOneMutation() {
        String key = "shared-" + UUID.randomUUID();
        String byGovernment = send("government", "createTask", newTask("Government's", key)).at("/data/createTask/task/id").asString();
        // the same key from another user is another key
        String byPpt = send("ppt", "createTask", newTask("Presidency's", key)).at("/data/createTask/task/id").asString();
        assertThat(byPpt).isNotEmpty().isNotEqualTo(byGovernment);
        // reused for another mutation: refused, nothing changed
        Map<String, Object> update = new HashMap<>(Documents.variables("id", fixture.openTaskId, "expectedVersion", 1, "title", "Never"));
        update.put("clientMutationId", key);
        JsonNode refused = send("government", "updateTask", update);
        assertThat(refused.at("/data/updateTask/errors/0/code").asString()).isEqualTo("VALIDATION");
        assertThat(refused.at("/data/updateTask/errors/0/field").toString()).contains("clientMutationId");
        assertThat(count("SELECT count(*) FROM task WHERE title = 'Never' AND id = :v",
                GlobalId.parse(fixture.openTaskId).orElseThrow().id())).isZero();
    }

    @Test
    void duplicatesSentAtOnceApplyOnceAndAllAnswerTheSameTask() {
        String key = "burst-" + UUID.randomUUID();
        String token = KeycloakTokens.forRole("government");
        WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        Map<String, Object> body = Map.of("query", Documents.named("createTask"), "variables", Map.of("input", newTask("Sent ten times", key)));
        List<String> ids = Flux.range(0, 10)
                .flatMap(i -> web.post().uri("/graphql").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().bodyToMono(String.class), 10)
                .map(answer -> JSON.readTree(answer).at("/data/createTask/task/id").asString())
                .collectList().block(Duration.ofSeconds(60));
        assertThat(ids).hasSize(10).doesNotContain("");
        assertThat(ids.stream().distinct()).hasSize(1);
        assertThat(count("SELECT count(*) FROM task WHERE work_plan_id = :v AND title = 'Sent ten times'",
                GlobalId.parse(fixture.planId).orElseThrow().id())).isEqualTo(1);
    }

    @Test
    void twoKeyedMutationsInOneRequestAreRefusedAndAKeyHasALimit() {
        String two = """
                mutation Two($a: CreateTaskInput!, $b: CreateTaskInput!) {
                  a: createTask(input: $a) { task { id } }
                  b: createTask(input: $b) { task { id } }
                }""";
        JsonNode answer = JSON.readTree(client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole("government")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", two, "variables", Map.of("a", newTask("Two a", "k-a-" + UUID.randomUUID()),
                        "b", newTask("Two b", "k-b-" + UUID.randomUUID()))))
                .exchange().expectBody(String.class).returnResult().getResponseBody());
        assertThat(answer.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(answer.at("/data").isMissingNode() || answer.at("/data").isNull()).isTrue();
        assertThat(count("SELECT count(*) FROM task WHERE work_plan_id = :v AND title LIKE 'Two %'",
                GlobalId.parse(fixture.planId).orElseThrow().id())).isZero();

        JsonNode tooLong = send("government", "createTask", newTask("Long key", "k".repeat(129)));
        assertThat(tooLong.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
    }
}
