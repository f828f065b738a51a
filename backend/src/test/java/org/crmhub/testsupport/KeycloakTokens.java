package org.crmhub.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crmhub.identity.EmbeddedKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens from the test JVM's Keycloak, by the password grant of the public frontend
 * client for the demo user of each role (keycloak/demo/), cached until shortly before they expire.
 */
public final class KeycloakTokens {

    private record Cached(String token, Instant expires) {
    }

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeycloakTokens() {
    }

    /** The demo user's token for a role, e.g. {@code civil-society} → demo-civil-society. */
    public static String forRole(String role) {
        Cached cached = CACHE.get(role);
        if (cached != null && cached.expires().isAfter(Instant.now().plusSeconds(60))) {
            return cached.token();
        }
        HttpResponse<String> response = passwordGrant("demo-" + role, "demo-" + role + "-pass");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the demo user of " + role + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.get("access_token").asString();
        CACHE.put(role, new Cached(token, Instant.now().plusSeconds(body.get("expires_in").asLong())));
        return token;
    }

    public static HttpResponse<String> passwordGrant(String username, String password) {
        String url = EmbeddedKeycloak.url().orElseThrow(() -> new IllegalStateException("no embedded Keycloak"))
                + "/realms/" + EmbeddedKeycloak.REALM + "/protocol/openid-connect/token";
        String form = "grant_type=password&client_id=hub-frontend&scope=openid&username=" + enc(username)
                + "&password=" + enc(password);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
