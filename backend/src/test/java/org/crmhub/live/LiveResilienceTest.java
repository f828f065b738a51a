package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmhub.HubApplication;
import org.crmhub.embedded.EmbeddedDatabase;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The live layer under faults: the listening connection or every connection killed (as by a
 * database restart), two instances on one database, a subscriber that cannot keep up, and tokens
 * that are missing, forged or expiring.
 */
class LiveResilienceTest extends HubTest {

    @Autowired
    ChangeFeed feed;
    @Autowired
    org.crmhub.task.Tasks tasks;
    @Autowired
    org.crmhub.resource.Resources resources;
    @Autowired
    DatabaseClient db;

    private Fixture fixture;
    private final List<WebSocketGraphQlTester> testers = new CopyOnWriteArrayList<>();
    private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    @AfterEach
    void stop() {
        subscriptions.forEach(Disposable::dispose);
        testers.forEach(t -> t.stop().block(Duration.ofSeconds(5)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> collect(WebSocketGraphQlTester tester) {
        testers.add(tester);
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        Flux<Map<String, Object>> changes = tester.document(LiveChangesTest.TASKS).variable("plan", fixture.planId)
                .variable("after", LiveChangesTest.now(db))
                .executeSubscription().toFlux("taskChanged", Map.class).map(m -> (Map<String, Object>) m);
        subscriptions.add(changes.subscribe(received::add, error -> { }));   // a closed instance ends it
        return received;
    }

    private String createTask(String title) {
        return Fixture.create(as("government"), "createTask", "task", "{workstreamId: \"" + fixture.openWorkstreamId
                + "\", title: \"" + title + "\", kind: ACTION, responsible: PPT}");
    }

    /** Kills server connections of the API's role, as a database restart would (superuser side). */
    private static int terminate(String which) throws Exception {
        try (var connection = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE usename = 'hub_app' AND " + which)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void theListenerReconnectsAfterItsConnectionDiesAndCatchesUpFromTheLog() throws Exception {
        List<Map<String, Object>> received = collect(subscriber("civil-society"));
        String before = createTask("Before the cut");
        LiveChangesTest.await(received, l -> LiveChangesTest.kinds(l, before).contains("CREATED"));

        assertThat(terminate("application_name = '" + ChangeFeed.LISTENER_NAME + "'")).isEqualTo(1);
        String during = createTask("Made while the listener is down");
        // then every connection of the hub, as if the database had restarted
        terminate("TRUE");
        LiveChangesTest.sleep(1000);   // requests in flight at the cut fail; the pool drops the dead connections
        String after = createTask("Made after the restart");
        LiveChangesTest.await(received, l -> LiveChangesTest.kinds(l, after).contains("CREATED"));
        assertThat(received.stream().map(e -> e.get("taskId")).toList()).containsSubsequence(before, during, after)
                .doesNotHaveDuplicates();
    }

    /**
     * Another hub in this JVM, on the same database and Keycloak. Like Spring's own test contexts it
     * must not use (and, when closed, dispose) Reactor Netty's global resources, which this test's
     * instance is using.
     */
    private static SpringApplicationBuilder anotherInstance() {
        return new SpringApplicationBuilder(HubApplication.class).profiles("test")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(
                        new org.springframework.beans.factory.config.BeanPostProcessor() {
                            @Override
                            public Object postProcessBeforeInitialization(Object bean, String name) {
                                if (bean instanceof org.springframework.http.client.ReactorResourceFactory factory) {
                                    factory.setUseGlobalResources(false);
                                }
                                return bean;
                            }
                        }));
    }

    @Test
    void aChangeMadeThroughOneInstanceReachesSubscribersOfAnother() {
        ConfigurableApplicationContext second = anotherInstance().run("--server.port=0");
        try {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            assertThat(secondPort).isNotEqualTo(port);
            List<Map<String, Object>> onSecond = collect(subscriberWithToken(KeycloakTokens.forRole("observer"), secondPort));
            String task = createTask("Made on the first instance");   // through this test's (first) instance
            LiveChangesTest.await(onSecond, l -> LiveChangesTest.kinds(l, task).contains("CREATED"));
        } finally {
            second.close();
        }
    }

    private Runnable burst(int count) {
        return () -> db.sql("INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, created_by)"
                        + " SELECT w.id, w.work_plan_id, 'Burst ' || n, 'ACTION', 'PLANNED', 'PPT', 't'"
                        + " FROM workstream w, generate_series(1, :count) n WHERE w.id = :ws")
                .bind("count", count).bind("ws", GlobalId.parse(fixture.openWorkstreamId).orElseThrow().id())
                .then().contextWrite(org.crmhub.visibility.ClearanceConnectionFactory.system()).block();
    }

    @Test
    void aSubscriberThatCannotKeepUpIsClosedWithACursorToResumeFrom() {
        UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        LiveChanges strict = new LiveChanges(feed, tasks, resources, 50);
        StepVerifier.create(strict.events(plan, "task", null), 0)
                .then(() -> LiveChangesTest.sleep(500))
                .then(burst(30))
                .then(() -> LiveChangesTest.sleep(1000))
                // it takes nothing while 60 more changes pile up behind the 30 it has not taken
                .then(burst(60))
                .then(() -> LiveChangesTest.sleep(1000))
                .thenRequest(30)
                .expectNextCount(30)
                .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("fell more than 50 changes behind")
                        .contains("after: '"))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aCursorOlderThanTheRetainedLogIsRefusedRatherThanResumedWithAGap() {
        String old = LiveChangesTest.now(db);
        createTask("Pruned away");
        assertThat(feed.prune(Duration.ZERO).block()).isPositive();
        createTask("Kept");
        WebSocketGraphQlTester tester = subscriber("civil-society");
        testers.add(tester);
        StepVerifier.create(tester.document(LiveChangesTest.TASKS).variable("plan", fixture.planId).variable("after", old)
                        .executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("older than the event log keeps"))
                .verify(Duration.ofSeconds(15));
    }

    /** Speaks graphql-transport-ws by hand: sends connection_init and returns the server's close code. */
    private int closeCodeFor(String initPayload) {
        java.util.concurrent.atomic.AtomicInteger code = new java.util.concurrent.atomic.AtomicInteger();
        org.springframework.web.reactive.socket.WebSocketHandler handler = new org.springframework.web.reactive.socket.WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public reactor.core.publisher.Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session) {
                // watch for the close from the start: the server may close before anything is read
                return session.closeStatus().doOnNext(status -> code.set(status.getCode())).then()
                        .and(session.send(reactor.core.publisher.Mono.just(session.textMessage(
                                        "{\"type\":\"connection_init\",\"payload\":" + initPayload + "}")))
                                .thenMany(session.receive()).then());
            }
        };
        reactor.netty.resources.LoopResources loops = reactor.netty.resources.LoopResources.create("close-code", 1, true);
        try {
            new org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient(
                    reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection()).runOn(loops))
                    .execute(java.net.URI.create("ws://127.0.0.1:" + port + "/graphql"), handler)
                    .timeout(Duration.ofSeconds(15))
                    .onErrorResume(java.util.concurrent.TimeoutException.class, e -> reactor.core.publisher.Mono.empty())
                    .block(Duration.ofSeconds(20));
        } finally {
            loops.disposeLater().block(Duration.ofSeconds(5));
        }
        return code.get();
    }

    @Test
    void aMissingOrForgedTokenClosesTheConnectionUnauthorized() {
        assertThat(closeCodeFor("{}")).isEqualTo(4401);
        assertThat(closeCodeFor("{\"Authorization\":\"Bearer not-a-token\"}")).isEqualTo(4401);
        assertThat(closeCodeFor("{\"Authorization\":\"Bearer " + TestTokens.forRole("ppt") + "\"}")).isEqualTo(4401);
        // and a real token is accepted: the server acknowledges instead of closing
        WebSocketGraphQlTester accepted = subscriber("observer");
        testers.add(accepted);
        List<Map<String, Object>> received = collect(accepted);
        String task = createTask("Seen by an accepted socket");
        LiveChangesTest.await(received, l -> LiveChangesTest.kinds(l, task).contains("CREATED"));
    }

    @Test
    void theSocketIsClosedWhenTheTokenExpires() {
        // Keycloak's tokens live 15 minutes: this instance trusts the test key instead, so that a
        // token can be minted to expire in 3 seconds
        ConfigurableApplicationContext minted = anotherInstance().run("--server.port=0", "--hub.keycloak.embedded=false", "--hub.security.jwk-set-uri=",
                        "--hub.security.public-key=classpath:test-keys/public.pem", "--hub.security.issuer=" + TestTokens.ISSUER,
                        "--hub.demo-data=false");
        try {
            int mintedPort = Integer.parseInt(minted.getEnvironment().getProperty("local.server.port"));
            String shortLived = TestTokens.token("brief", List.of("observer"), b -> b.expirationTime(
                    java.util.Date.from(java.time.Instant.now().plusSeconds(3))));
            WebSocketGraphQlTester tester = subscriberWithToken(shortLived, mintedPort);
            testers.add(tester);
            long start = System.nanoTime();
            StepVerifier.create(tester.document(LiveChangesTest.TASKS).variable("plan", fixture.planId)
                            .executeSubscription().toFlux())
                    .expectErrorSatisfies(e -> assertThat(e.toString()).contains("4401").contains("Token expired"))
                    .verify(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            minted.close();
        }
    }
}
