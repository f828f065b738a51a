package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.crmhub.HubApplication;
import org.crmhub.embedded.EmbeddedDatabase;
import org.crmhub.item.GlobalId;
import org.crmhub.resource.Resources;
import org.crmhub.task.Tasks;
import org.crmhub.testsupport.ConnectionKiller;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.Recording;
import org.crmhub.testsupport.TestTokens;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.WebSocketDisconnectedException;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The live layer under faults: the listening connection or every connection killed (as by a
 * database restart), two instances on one database, a subscriber that cannot keep up, and tokens
 * that are missing, forged or expiring.
 */
class LiveResilienceTest extends LiveTestBase {

    @Autowired
    ChangeFeed feed;
    @Autowired
    Tasks tasks;
    @Autowired
    Resources resources;

    @Autowired
    org.crmhub.collaboration.Comments comments;

    @Autowired
    org.crmhub.meeting.Meetings meetings;

    private static int terminate(String which) throws Exception {
        return ConnectionKiller.kill(which);
    }

    /** How many listening connections (of any hub instance) the database has. */
    private static int listeners() throws Exception {
        try (Connection connection = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'hub_app'"
                     + " AND application_name = '" + ChangeFeed.LISTENER_NAME + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void theListenerReconnectsAfterItsConnectionDiesAndCatchesUpFromTheLog() throws Exception {
        Recording<Map<String, Object>> received = taskChanges("civil-society", now());
        String before = createTask("Before the cut");
        received.awaitUntil(l -> kinds(l, before).contains("CREATED"));

        // the listener of an instance another test closed may take a moment to leave
        await("one listener").atMost(Recording.PATIENCE).until(() -> listeners() == 1);
        assertThat(terminate("application_name = '" + ChangeFeed.LISTENER_NAME + "'")).isEqualTo(1);
        String during = createTask("Made while the listener is down");
        // then every connection of the hub, as if the database had restarted
        terminate("TRUE");
        // requests in flight at the cut may fail; the pool drops the dead connections as it hands
        // them out, so the hub is back once a request that needs the database succeeds
        await("the hub reads the database again").atMost(Recording.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> as("government").documentName("nodeVersion").variable("id", fixture.openTaskId)
                        .execute().path("node.version").entity(Integer.class).get());
        String after = createTask("Made after the restart");
        received.awaitUntil(l -> kinds(l, after).contains("CREATED"));
        assertThat(taskIds(received.items())).containsSubsequence(before, during, after).doesNotHaveDuplicates();
    }

    /**
     * Another hub in this JVM, on the same database and Keycloak. Like Spring's own test contexts it
     * must not use (and, when closed, dispose) Reactor Netty's global resources, which this test's
     * instance is using.
     */
    static SpringApplicationBuilder anotherInstance() {
        return new SpringApplicationBuilder(HubApplication.class).profiles("test")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessBeforeInitialization(Object bean, String name) {
                        if (bean instanceof ReactorResourceFactory factory) {
                            factory.setUseGlobalResources(false);
                        }
                        return bean;
                    }
                }));
    }

    @Test
    void aChangeMadeThroughOneInstanceReachesSubscribersOfAnother() {
        Recording<Map<String, Object>> onSecond;
        ConfigurableApplicationContext second = anotherInstance().run("--server.port=0");
        try {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            assertThat(secondPort).isNotEqualTo(port);
            onSecond = taskChanges(keep(subscriberWithToken(KeycloakTokens.forRole("observer"), secondPort)), now());
            String task = createTask("Made on the first instance");   // through this test's (first) instance
            onSecond.awaitUntil(l -> kinds(l, task).contains("CREATED"));
        } finally {
            second.close();
        }
        // closing the second instance closes its sockets, which ends their subscriptions
        assertThat(onSecond.awaitFailure()).isInstanceOf(WebSocketDisconnectedException.class);
    }

    /** Inserts tasks into the fixture's open workstream in one statement; returns the log's newest position. */
    private long burst(int count) {
        db.sql("INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, created_by)"
                        + " SELECT w.id, w.work_plan_id, 'Burst ' || n, 'ACTION', 'PLANNED', 'PPT', 't'"
                        + " FROM workstream w, generate_series(1, :count) n WHERE w.id = :ws")
                .bind("count", count).bind("ws", GlobalId.parse(fixture.openWorkstreamId).orElseThrow().id())
                .then().contextWrite(ClearanceConnectionFactory.system()).block();
        return newestPosition();
    }

    /** Waits until this instance's feed has read the log up to a position. */
    private void awaitFeedAt(long position) {
        await("the feed's head at " + position).atMost(Recording.PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> feed.head() >= position);
    }

    @Test
    void aSubscriberThatCannotKeepUpIsClosedWithACursorToResumeFrom() {
        UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        LiveChanges strict = new LiveChanges(feed, tasks, resources, comments, meetings, null, 50);
        // a subscription from now starts at the feed's head: the fixture's own changes must be behind it
        awaitFeedAt(newestPosition());
        StepVerifier.create(strict.events(plan, "task", null), 0)
                // the subscriber takes the first of 30 changes: it has started on their page...
                .then(() -> awaitFeedAt(burst(30)))
                .thenRequest(1)
                .expectNextCount(1)
                // ...then takes nothing while 60 more changes pile up behind the 29 it has not taken
                .then(() -> awaitFeedAt(burst(60)))
                .thenRequest(29)
                .expectNextCount(29)
                .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("fell more than 50 changes behind")
                        .contains("after: '"))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aCursorOlderThanTheRetainedLogIsRefusedRatherThanResumedWithAGap() {
        String old = now();
        createTask("Pruned away");
        assertThat(feed.prune(Duration.ZERO).block()).isPositive();
        createTask("Kept");
        StepVerifier.create(socket("civil-society").documentName("taskChanged").variable("plan", fixture.planId)
                        .variable("after", old).executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("older than the event log keeps"))
                .verify(Duration.ofSeconds(15));
    }

    /** Speaks graphql-transport-ws by hand: sends connection_init and returns the server's close code. */
    private int closeCodeFor(String initPayload) {
        return closeFor(initPayload, port).getCode();
    }

    /** The close status of a hand-spoken graphql-transport-ws socket on a port, after connection_init. */
    private CloseStatus closeFor(String initPayload, int port) {
        AtomicReference<CloseStatus> closed = new AtomicReference<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                // watch for the close from the start: the server may close before anything is read
                return session.closeStatus().doOnNext(closed::set).then()
                        .and(session.send(Mono.just(session.textMessage(
                                        "{\"type\":\"connection_init\",\"payload\":" + initPayload + "}")))
                                .thenMany(session.receive()).then());
            }
        };
        webSocketClient().execute(URI.create("ws://127.0.0.1:" + port + "/graphql"), handler)
                .timeout(Duration.ofSeconds(15), Mono.error(() -> new AssertionError(
                        "the server neither closed nor acknowledged the socket in 15 s")))
                .block();
        assertThat(closed.get()).as("the socket ended without a close status").isNotNull();
        return closed.get();
    }

    @Test
    void aMissingOrForgedTokenClosesTheConnectionUnauthorized() {
        assertThat(closeCodeFor("{}")).isEqualTo(4401);
        assertThat(closeCodeFor("{\"Authorization\":\"Bearer not-a-token\"}")).isEqualTo(4401);
        assertThat(closeCodeFor("{\"Authorization\":\"Bearer " + TestTokens.forRole("ppt") + "\"}")).isEqualTo(4401);
        // and a real token is accepted: the server acknowledges instead of closing
        Recording<Map<String, Object>> received = taskChanges("observer", now());
        String task = createTask("Seen by an accepted socket");
        received.awaitUntil(l -> kinds(l, task).contains("CREATED"));
    }

    @Test
    void theSocketIsClosedWhenTheTokenExpires() {
        // Keycloak's tokens live 15 minutes: this instance trusts the test key instead, so that a
        // token can be minted to expire in 3 seconds
        ConfigurableApplicationContext minted = anotherInstance().run("--server.port=0", "--hub.keycloak.embedded=false",
                "--hub.security.jwk-set-uri=", "--hub.security.public-key=classpath:test-keys/public.pem",
                "--hub.security.issuer=" + TestTokens.ISSUER, "--hub.demo-data=false");
        try {
            int mintedPort = Integer.parseInt(minted.getEnvironment().getProperty("local.server.port"));
            String shortLived = TestTokens.token("brief", List.of("observer"),
                    b -> b.expirationTime(Date.from(Instant.now().plusSeconds(5))));
            WebSocketGraphQlTester tester = keep(subscriberWithToken(shortLived, mintedPort));
            long start = System.nanoTime();
            // the stream ends first, two seconds before the expiry, saying where to resume (GrantEndTest)
            StepVerifier.create(tester.documentName("taskChanged").variable("plan", fixture.planId)
                            .executeSubscription().toFlux())
                    .expectErrorSatisfies(e -> assertThat(e.toString()).contains("UNAUTHENTICATED").contains("after: '"))
                    .verify(Duration.ofSeconds(30));
            // the token was minted before the socket opened: the stream ends about 3 s after minting
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
            // then the socket itself closes at the expiry
            String another = TestTokens.token("brief", List.of("observer"),
                    b -> b.expirationTime(Date.from(Instant.now().plusSeconds(3))));
            long opened = System.nanoTime();
            CloseStatus closed = closeFor("{\"Authorization\":\"Bearer " + another + "\"}", mintedPort);
            assertThat(closed.getCode()).isEqualTo(4401);
            assertThat(closed.getReason()).isEqualTo("Token expired");
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            minted.close();
        }
    }
}
