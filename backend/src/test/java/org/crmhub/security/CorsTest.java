package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * Browser frontends: the origins of hub.cors.origins (the test profile allows
 * http://localhost:5173) may call the API; any other origin is refused, preflight, request and
 * WebSocket handshake alike; requests without an Origin header are not affected.
 */
class CorsTest extends HubTest {

    private static final String ALLOWED = "http://localhost:5173";
    private static final String OTHER = "https://evil.example";

    @Test
    void thePreflightOfAGraphQlPostFromAnAllowedOriginIsAnswered() {
        client.options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        h -> assertThat(h.toLowerCase()).contains("authorization").contains("content-type"))
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        client.options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, OTHER)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        // a method the API does not offer, even from the allowed origin
        client.options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.DELETE.name())
                .exchange()
                .expectStatus().isForbidden();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec query(String origin) {
        var request = client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole("civil-society"))
                .contentType(MediaType.APPLICATION_JSON);
        if (origin != null) {
            request = request.header(HttpHeaders.ORIGIN, origin);
        }
        return request.bodyValue(Map.of("query", "{ __typename }")).exchange();
    }

    @Test
    void aRequestFromAnAllowedOriginIsAnsweredWithItsCorsHeaders() {
        query(ALLOWED).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, h -> assertThat(h).containsIgnoringCase("X-Request-Id"))
                .expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedEvenWithAValidToken() {
        query(OTHER).expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody(String.class).value(body -> assertThat(body == null ? "" : body).doesNotContain("__typename"));
    }

    @Test
    void aRequestWithoutAnOriginIsNotAffected() {
        query(null).expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
    }

    private WebSocketGraphQlTester socketFrom(String origin) {
        String token = KeycloakTokens.forRole("civil-society");
        return WebSocketGraphQlTester.builder("ws://127.0.0.1:" + port + "/graphql", webSocketClient())
                .header(HttpHeaders.ORIGIN, origin)
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
    }

    @Test
    void theWebSocketHandshakeChecksTheOriginAgainstTheSameList() {
        WebSocketGraphQlTester allowed = socketFrom(ALLOWED);
        try {
            allowed.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
        } finally {
            allowed.stop().block();
        }
        WebSocketGraphQlTester other = socketFrom(OTHER);
        Throwable refused = catchThrowable(() -> other.document("{ __typename }").execute());
        assertThat(refused).as("a handshake from another origin").isNotNull();
        assertThat(refused.toString()).contains("403");
    }
}
