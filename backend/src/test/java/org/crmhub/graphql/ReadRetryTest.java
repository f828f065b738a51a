package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.crmhub.item.GlobalId;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.testsupport.ConnectionKiller;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads in flight when every database connection dies (as at a restart) still get their answers:
 * graphql/ReadRetry runs them again on a new connection, and no error reaches the client. (With
 * {@code hub.graphql.read-retries=0} this test fails: some reads answer UNAVAILABLE.)
 */
class ReadRetryTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLOW_READ = """
            query SlowRead($plan: ID!) {
              workPlan(id: $plan) { title }
              tasks(workPlanId: $plan, first: 10, filter: {search: "no task has this in its title"}) { totalCount edges { node { id } } }
            }""";

    @Autowired
    DatabaseClient db;

    @Test
    void readsInFlightWhileEveryConnectionIsKilledAreAnsweredWithoutError() throws Exception {
        Fixture fixture = new Fixture(as("government"));
        // 30,000 tasks, and a search that matches none: each read keeps the database busy for a while,
        // so the cuts find statements in flight
        db.sql("""
                INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, created_by)
                SELECT w.id, w.work_plan_id, 'Slow read ' || n, 'ACTION', 'PLANNED', 'PPT', 'test'
                FROM workstream w, generate_series(1, 30000) n WHERE w.id = :ws""")
                .bind("ws", GlobalId.parse(fixture.openWorkstreamId).orElseThrow().id())
                .then().contextWrite(ClearanceConnectionFactory.system()).block();
        String token = KeycloakTokens.forRole("civil-society");
        WebClient web = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        Map<String, Object> body = Map.of("query", SLOW_READ, "variables", Map.of("plan", fixture.planId));
        read(web, token, body, 8);   // a full pool

        // eight clients read without pause while every connection is killed four times, a second apart:
        // far enough apart that a read run again (after 50, 100, 200, 400, 800 ms) outlasts one cut
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try {
                for (int i = 0; i < 4; i++) {
                    Thread.sleep(1000);   // the pace of the cuts, not a wait for an outcome
                    killed.addAndGet(ConnectionKiller.kill("TRUE"));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                reading.set(false);
            }
        });
        killer.start();
        List<JsonNode> answers = Flux.range(0, 8)
                .flatMap(client -> Flux.defer(() -> post(web, token, body)).repeat(reading::get), 8)
                .collectList().block(Duration.ofSeconds(60));
        killer.join();

        assertThat(killed.get()).as("connections killed").isGreaterThanOrEqualTo(4);
        assertThat(answers).hasSizeGreaterThan(20);
        for (JsonNode answer : answers) {
            assertThat(answer.has("errors")).as("%s", answer).isFalse();
            assertThat(answer.at("/data/workPlan/title").isString()).isTrue();
            assertThat(answer.at("/data/tasks/totalCount").asInt()).isZero();
        }
    }

    /** {@code concurrency} reads at once. */
    private static List<JsonNode> read(WebClient web, String token, Map<String, Object> body, int concurrency) {
        return Flux.range(0, concurrency).flatMap(i -> post(web, token, body), concurrency)
                .collectList().block(Duration.ofSeconds(60));
    }

    /** One read through graphql-java (a compiled read that fails falls back to it by itself). */
    private static reactor.core.publisher.Mono<JsonNode> post(WebClient web, String token, Map<String, Object> body) {
        return web.post().uri("/graphql").header("Authorization", "Bearer " + token)
                .header("X-Hub-Engine", "graphql-java").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(String.class).map(JSON::readTree);
    }
}
