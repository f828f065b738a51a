package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/** The same subscriptions over GraphQL over SSE, for clients that cannot use WebSockets. */
class SseSubscriptionTest extends HubTest {

    @Autowired
    DatabaseClient db;

    @Test
    void changesArriveAsServerSentEventsWithTheSameVisibilityRules() {
        Fixture fixture = new Fixture(as("government"));
        String query = "subscription { taskChanged(workPlanId: \"" + fixture.planId + "\", after: \"" + LiveChangesTest.now(db)
                + "\") { kind taskId task { title } } }";
        // a non-blocking client: the hub sends the response head with the first event
        Flux<String> events = org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port)
                .post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole("civil-society"))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(Map.of("query", query))
                .retrieve().bodyToFlux(String.class);
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable subscription = events.subscribe(received::add);
        try {
            Fixture.create(as("government"), "createTask", "task", "{workstreamId: \"" + fixture.openWorkstreamId
                    + "\", title: \"" + fixture.marker + " over SSE\", kind: ACTION, responsible: PPT, visibility: RESERVED}");
            Fixture.create(as("government"), "createTask", "task", "{workstreamId: \"" + fixture.openWorkstreamId
                    + "\", title: \"Open over SSE\", kind: ACTION, responsible: PPT}");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.stream().noneMatch(e -> e.contains("Open over SSE")) && System.nanoTime() < deadline) {
                LiveChangesTest.sleep(100);
            }
        } finally {
            subscription.dispose();
        }
        assertThat(received.toString()).contains("CREATED").contains("Open over SSE").doesNotContain(fixture.marker);
    }

    @Test
    void anSseSubscriptionWithoutATokenIsRefused() {
        client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(Map.of("query", "subscription { taskChanged(workPlanId: \"x\") { kind } }"))
                .exchange().expectStatus().isUnauthorized();
    }
}
