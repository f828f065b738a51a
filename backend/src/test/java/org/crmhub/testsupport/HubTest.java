package org.crmhub.testsupport;

import java.time.Duration;
import java.util.Map;
import org.crmhub.HubApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Base of the end-to-end tests: the whole hub on a random loopback port, a real embedded
 * PostgreSQL with the demo data, and one GraphQL tester per role.
 */
@Tag("e2e")   // run by failsafe in `./mvnw verify`, not by `./mvnw test`
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HubTest {

    public static final String[] ALL_ROLES = {"ppt", "government", "st-crm", "st-rrocm", "civil-society", "observer", "hub-admin"};
    public static final String[] CLEARED_ROLES = {"ppt", "government", "st-crm"};
    public static final String[] UNCLEARED_ROLES = {"st-rrocm", "civil-society", "observer"};

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @BeforeEach
    void connect() {
        // a new connection per request: reusing a kept-alive connection that the server was closing
        // (after refusing a request) lost the next request now and then, with no answer at all until
        // the client's timeout (one in a few hundred forged-token requests; ReportDocumentsTest)
        client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A tester acting as a user with one realm role. */
    protected HttpGraphQlTester as(String role) {
        return withToken(KeycloakTokens.forRole(role));
    }

    /** The raw JSON answer to a document, to search it for anything that must not be there. */
    protected String raw(String role, String document) {
        return rawWithToken(KeycloakTokens.forRole(role), document);
    }

    protected String rawWithToken(String token, String document) {
        return client.post().uri("/graphql")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document))
                .exchange()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The raw JSON answer to a document of graphql-test/ (see {@link Documents}) with its variables. */
    protected String rawDocument(String role, String documentName, Map<String, Object> variables) {
        return raw(role, Documents.named(documentName), variables);
    }

    /**
     * The raw JSON answer to a document written in the test itself, with variables: for documents
     * that are deliberately malformed or hold a deliberately bad literal, which the test should show.
     */
    protected String raw(String role, String document, Map<String, Object> variables) {
        return client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** A graphql-transport-ws tester authenticated by the role's token in connection_init. */
    protected WebSocketGraphQlTester subscriber(String role) {
        return subscriberWithToken(KeycloakTokens.forRole(role), port);
    }

    protected static WebSocketGraphQlTester subscriberWithToken(String token, int port) {
        return WebSocketGraphQlTester
                .builder("ws://127.0.0.1:" + port + "/graphql",
                        webSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
    }

    /**
     * A WebSocket client on its own event loops: tests that start and close other hub instances
     * in this JVM must not pull Reactor Netty's global resources from under it.
     */
    protected static ReactorNettyWebSocketClient webSocketClient() {
        return new ReactorNettyWebSocketClient(
                HttpClient.create(ConnectionProvider.newConnection())
                        .runOn(TEST_LOOPS));
    }

    private static final LoopResources TEST_LOOPS =
            LoopResources.create("hub-test-ws", 2, true);

    protected HttpGraphQlTester withToken(String token) {
        return HttpGraphQlTester.builder(client.mutate().baseUrl("http://127.0.0.1:" + port + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .build();
    }
}
