package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.Recording;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** The same subscriptions over GraphQL over SSE, for clients that cannot use WebSockets. */
class SseSubscriptionTest extends LiveTestBase {

    /** The documents of graphql-test/, found by name as the GraphQL testers find them. */
    private static final ResourceDocumentSource DOCUMENTS = new ResourceDocumentSource(
            List.of(new ClassPathResource("graphql-test/")), ResourceDocumentSource.FILE_EXTENSIONS);

    private static String document(String name) {
        return DOCUMENTS.getDocument(name).block();
    }

    @Test
    void changesArriveAsServerSentEventsWithTheSameVisibilityRules() {
        Map<String, Object> body = Map.of("query", document("taskChanged"),
                "variables", Map.of("plan", fixture.planId, "after", now()));
        // a non-blocking client: the hub sends the response head with the first event
        Recording<String> received = record(WebClient.create("http://127.0.0.1:" + port)
                .post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole("civil-society"))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(body)
                .retrieve().bodyToFlux(String.class));
        createTask(fixture.openWorkstreamId, fixture.marker + " over SSE", "RESERVED");
        createTask(fixture.openWorkstreamId, "Open over SSE", "OPEN");
        received.awaitUntil(events -> events.stream().anyMatch(e -> e.contains("Open over SSE")));
        assertThat(received.items().toString()).contains("CREATED").contains("Open over SSE").doesNotContain(fixture.marker);
    }

    @Test
    void anSseSubscriptionWithoutATokenIsRefused() {
        client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(Map.of("query", document("taskChanged"), "variables", Map.of("plan", "x")))
                .exchange().expectStatus().isUnauthorized();
    }
}
