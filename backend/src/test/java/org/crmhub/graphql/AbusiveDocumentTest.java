package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import java.util.Map;

/**
 * Abusive documents are refused before execution with a clear error, and the server stays responsive.
 * The abusive documents and bodies are built here and sent raw on purpose: they are generated
 * (thousands of aliases, 400 KB of variables), or not a GraphQL request at all (a JSON array), and
 * the test reads the raw answer or the HTTP status. QueryLimitsTest checks the same limits without
 * a server.
 */
class AbusiveDocumentTest extends HubTest {

    private void assertStillResponsive() {
        as("civil-society").documentName("viewer").execute().path("viewer.username").entity(String.class)
                .isEqualTo("demo-civil-society");
    }

    @Test
    void nestingBeyondTheDepthLimitIsRefused() {
        String deep = "{ workPlans(first: 1) { edges { node { workstreams(first: 1) { edges { node { workPlan {"
                + " workstreams(first: 1) { edges { node { workPlan { workstreams(first: 1) { edges { node { workPlan {"
                + " workstreams(first: 1) { edges { node { title } } } } } } } } } } } } } } } } } } }";
        assertThat(raw("civil-society", deep)).contains("maximum query depth exceeded").doesNotContain("\"title\"");
        assertStillResponsive();
    }

    @Test
    void costBeyondTheBudgetIsRefused() {
        String costly = "{ workPlans(first: 100) { edges { node { workstreams(first: 100) { edges { node {"
                + " tasks(first: 100) { edges { node { title resources { description } } } } } } } } } } }";
        assertThat(raw("civil-society", costly)).contains("maximum query complexity exceeded").doesNotContain("\"title\"");
        assertStillResponsive();
    }

    @Test
    void thousandsOfAliasesAreRefused() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            doc.append(" a").append(i).append(": decisions { title }");
        }
        String answer = raw("civil-society", doc.append(" }").toString());
        assertThat(answer).contains("\"errors\"").doesNotContain("\"a0\"");
        assertStillResponsive();
    }

    @Test
    void batchedOperationsAndHugeBodiesAreRefused() {
        client.post().uri("/graphql").header("Authorization", "Bearer " + org.crmhub.testsupport.KeycloakTokens.forRole("observer"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"query\":\"{ viewer { username } }\"},{\"query\":\"{ viewer { username } }\"}]")
                .exchange().expectStatus().is4xxClientError();
        String huge = "x".repeat(400_000);
        client.post().uri("/graphql").header("Authorization", "Bearer " + org.crmhub.testsupport.KeycloakTokens.forRole("observer"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ viewer { username } }", "variables", Map.of("x", huge)))
                .exchange().expectStatus().value(status -> assertThat(status).isBetween(400, 499));
        assertStillResponsive();
    }
}
