package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries over HTTP, as Apollo's link sends them: the hash alone first, the
 * document with its hash when the hub does not know it, the hash alone from then on. A document is
 * remembered for the user who sent it: another user's hash-only request learns nothing.
 */
class PersistedQueriesTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOCUMENT = "query PersistedPlans { workPlans(first: 3) { edges { node { title } } } }";

    private JsonNode send(String role, String document, String hash) {
        Map<String, Object> body = new HashMap<>();
        if (document != null) {
            body.put("query", document);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return JSON.readTree(client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void theHashAloneRunsTheDocumentOnceTheUserHasSentIt() {
        String hash = PersistedDocuments.sha256(DOCUMENT);
        assertThat(send("government", null, hash).at("/errors/0/extensions/code").asString())
                .isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
        JsonNode registered = send("government", DOCUMENT, hash);
        assertThat(registered.has("errors")).as("%s", registered).isFalse();
        JsonNode byHash = send("government", null, hash);
        assertThat(byHash).isEqualTo(registered);
        assertThat(byHash.at("/data/workPlans/edges").size()).isPositive();
        // another user has not sent it: the hub does not say whether anyone did
        assertThat(send("civil-society", null, hash).at("/errors/0/extensions/code").asString())
                .isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
    }

    @Test
    void aHashThatIsNotTheDocumentsIsRefusedAndNothingIsRemembered() {
        String wrong = PersistedDocuments.sha256("query Other { __typename }");
        assertThat(send("government", DOCUMENT, wrong).at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(send("government", null, wrong).at("/errors/0/extensions/code").asString())
                .isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
    }
}
