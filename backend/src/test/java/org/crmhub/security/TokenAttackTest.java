package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.crmhub.identity.EmbeddedKeycloak;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import java.util.Map;

/** Forged and broken tokens get 401 and no data; real Keycloak tokens of each demo user work. */
class TokenAttackTest extends HubTest {

    // Raw requests on purpose: these tests forge the Authorization header and read the HTTP status,
    // which GraphQlTester does not expose. The document itself is ordinary and has no variable.
    private static final String QUERY = "{ workPlans { totalCount edges { node { title } } } }";

    private void assertRefused(String token) {
        var request = client.post().uri("/graphql").contentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        request.bodyValue(Map.of("query", QUERY)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).value(body -> assertThat(body == null ? "" : body).doesNotContain("work plan"));
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        assertRefused(null);
        assertRefused("not.a.token");
        assertRefused("");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        assertRefused(TestTokens.sign(TestTokens.privateKey("test-keys/other-private.pem"),
                TestTokens.claims("mallory", List.of("ppt"), b -> b.issuer(EmbeddedKeycloak.url().orElseThrow() + "/realms/crm-hub"))));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String realPayload = KeycloakTokens.forRole("civil-society").split("\\.")[1];
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertRefused(header + "." + realPayload + ".");
        assertRefused(header + "." + realPayload);
    }

    @Test
    void aRealTokenWithEditedRolesIsRefused() {
        String[] parts = KeycloakTokens.forRole("civil-society").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"civil-society\"", "\"ppt\"");
        assertThat(payload).contains("\"ppt\"");
        assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void theBackendsOwnServiceAccountTokenHasNotTheHubAudienceAndIsRefused() throws Exception {
        String url = EmbeddedKeycloak.url().orElseThrow() + "/realms/crm-hub/protocol/openid-connect/token";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=tripartite-hub&client_secret=hub-backend-dev-secret"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String token = response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        assertRefused(token);
    }

    @Test
    void keycloakRefusesAWrongPassword() {
        var response = KeycloakTokens.passwordGrant("demo-observer", "wrong");
        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(response.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    @Test
    void eachDemoUserSignsInWithTheirRoleAndOrganisation() {
        String[][] users = {
                {"ppt", "SV", "true"}, {"government", "HN", "true"}, {"st-crm", "ST-CRM", "true"},
                {"st-rrocm", "ST-RROCM", "false"}, {"civil-society", "CSO-HN-1", "false"}, {"observer", "IOM", "false"}};
        for (String[] user : users) {
            as(user[0]).documentName("viewer").execute()
                    .path("viewer.username").entity(String.class).isEqualTo("demo-" + user[0])
                    .path("viewer.roles").entityList(String.class).containsExactly(user[0])
                    .path("viewer.canSeeReserved").entity(Boolean.class).isEqualTo(Boolean.valueOf(user[2]))
                    .path("viewer.organisation.code").entity(String.class).isEqualTo(user[1]);
        }
        as("hub-admin").documentName("viewer").execute()
                .path("viewer.roles").entityList(String.class).containsExactly("hub-admin")
                .path("viewer.organisation").valueIsNull();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
