package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Subscriptions end to end over graphql-transport-ws with real Keycloak tokens: delivery-time
 * visibility (reclassification of an item and of its parent while events flow), every role, and
 * resuming by cursor without gap or duplicate.
 */
class LiveChangesTest extends HubTest {

    static final String TASKS = "subscription($plan: ID!, $after: String) { taskChanged(workPlanId: $plan, after: $after) {"
            + " kind taskId cursor task { id title visibility } } }";

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

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    /** The cursor of the log's newest change: subscribing after it misses nothing made later. */
    String now() {
        return now(db);
    }

    static String now(org.springframework.r2dbc.core.DatabaseClient db) {
        return LiveChanges.encode(db.sql("SELECT coalesce(max(position), 0) AS p FROM change_event")
                .map((row, meta) -> row.get("p", Long.class)).one()
                .contextWrite(org.crmhub.visibility.ClearanceConnectionFactory.system()).block());
    }

    /** Starts collecting a role's task changes of the fixture's plan. */
    List<Map<String, Object>> collect(String role, String after) {
        WebSocketGraphQlTester tester = subscriber(role);
        testers.add(tester);
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        Flux<Map<String, Object>> changes = tester.document(TASKS).variable("plan", fixture.planId).variable("after", after)
                .executeSubscription()
                .toFlux("taskChanged", Map.class).map(m -> (Map<String, Object>) m);
        subscriptions.add(changes.subscribe(received::add, error -> { }));   // a closed instance ends it
        return received;
    }

    /** Waits until a list holds what a predicate wants (events travel asynchronously). */
    static void await(List<Map<String, Object>> received, java.util.function.Predicate<List<Map<String, Object>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(received) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(done.test(received)).as("events received: %s", received).isTrue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void awaitLive(List<List<Map<String, Object>>> subscribers) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String probe = createTask(fixture.openWorkstreamId, "Live probe " + attempt, "OPEN");
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < deadline) {
                if (subscribers.stream().allMatch(l -> kinds(l, probe).contains("CREATED"))) {
                    return;
                }
                sleep(50);
            }
        }
        assertThat(subscribers).as("subscriptions never became live").isEmpty();
    }

    static List<String> kinds(List<Map<String, Object>> events, String taskId) {
        return events.stream().filter(e -> taskId.equals(e.get("taskId"))).map(e -> (String) e.get("kind")).toList();
    }

    String createTask(String workstreamId, String title, String visibility) {
        return Fixture.create(as("government"), "createTask", "task", "{workstreamId: \"" + workstreamId + "\", title: \""
                + title + "\", kind: ACTION, responsible: PPT, visibility: " + visibility + "}");
    }

    void setVisibility(String id, String visibility) {
        int version = as("government").document("{ node(id: \"" + id + "\") { ... on Task { version } ... on Workstream { version } } }")
                .execute().path("node.version").entity(Integer.class).get();
        as("government").document("mutation { setVisibility(input: {id: \"" + id + "\", expectedVersion: " + version
                + ", visibility: " + visibility + "}) { errors { code } } }").execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
    }

    @Test
    void anUnclearedSubscriberSeesOpenChangesGetsRevokedAndNeverAReservedItem() {
        List<Map<String, Object>> civil = collect("civil-society", null);
        List<Map<String, Object>> government = collect("government", null);
        // subscribed "from now": changes made before the subscriptions reach the hub are rightly
        // not delivered, so probe until both are live
        awaitLive(List.of(civil, government));
        String open = createTask(fixture.openWorkstreamId, "Live open task", "OPEN");
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " live secret", "RESERVED");
        setVisibility(open, "RESERVED");
        setVisibility(open, "OPEN");
        String last = createTask(fixture.openWorkstreamId, "Live last task", "OPEN");
        await(civil, l -> kinds(l, last).contains("CREATED"));
        await(government, l -> kinds(l, last).contains("CREATED"));

        assertThat(kinds(civil, open)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(civil, secret)).isEmpty();
        assertThat(civil.toString()).doesNotContain(fixture.marker).doesNotContain(secret);
        Map<String, Object> revoked = civil.stream().filter(e -> "REVOKED".equals(e.get("kind"))).findFirst().orElseThrow();
        assertThat(revoked.get("task")).isNull();
        assertThat(kinds(government, open)).containsExactly("CREATED", "UPDATED", "UPDATED");
        assertThat(kinds(government, secret)).containsExactly("CREATED");
    }

    @Test
    void reservingTheParentWorkstreamWhileEventsFlowRevokesEveryTaskUnderIt() {
        List<Map<String, Object>> observer = collect("observer", now());
        String a = createTask(fixture.openWorkstreamId, "Under the line A", "OPEN");
        String b = createTask(fixture.openWorkstreamId, "Under the line B", "OPEN");
        setVisibility(fixture.openWorkstreamId, "RESERVED");
        String hidden = createTask(fixture.openWorkstreamId, "Created while reserved", "OPEN");
        setVisibility(fixture.openWorkstreamId, "OPEN");
        await(observer, l -> kinds(l, hidden).contains("CREATED"));
        assertThat(kinds(observer, a)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(observer, b)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(observer, fixture.openTaskId)).containsExactly("REVOKED", "CREATED");
        // the task born under the reserved line reaches the observer only once the line is open
        assertThat(kinds(observer, hidden)).containsExactly("CREATED");
        assertThat(kinds(observer, fixture.reservedTaskId)).isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatItMaySee() {
        Map<String, List<Map<String, Object>>> byRole = new java.util.LinkedHashMap<>();
        for (String role : new String[] {"ppt", "government", "st-crm", "st-rrocm", "civil-society", "observer"}) {
            byRole.put(role, collect(role, now()));
        }
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " per role", "RESERVED");
        String open = createTask(fixture.openWorkstreamId, "Per role open", "OPEN");
        byRole.forEach((role, events) -> await(events, l -> kinds(l, open).contains("CREATED")));
        for (String role : CLEARED_ROLES) {
            assertThat(kinds(byRole.get(role), secret)).as(role).containsExactly("CREATED");
        }
        for (String role : UNCLEARED_ROLES) {
            assertThat(kinds(byRole.get(role), secret)).as(role).isEmpty();
            assertThat(byRole.get(role).toString()).as(role).doesNotContain(fixture.marker);
        }
        // hub-admin reads no work plan: the subscription is refused
        WebSocketGraphQlTester admin = subscriber("hub-admin");
        testers.add(admin);
        reactor.test.StepVerifier.create(admin.document(TASKS).variable("plan", fixture.planId).executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("FORBIDDEN"))
                .verify(Duration.ofSeconds(15));
        // the ID of something that is not a work plan is refused before anything runs
        WebSocketGraphQlTester civil = subscriber("civil-society");
        testers.add(civil);
        reactor.test.StepVerifier.create(civil.document(TASKS).variable("plan", fixture.reservedWorkstreamId).executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("VALIDATION"))
                .verify(Duration.ofSeconds(15));
    }

    @Test
    void aSubscriberResumingFromItsLastCursorGetsEveryMissedChangeInOrderWithoutDuplicates() {
        List<Map<String, Object>> first = collect("civil-society", now());
        String one = createTask(fixture.openWorkstreamId, "Resume one", "OPEN");
        await(first, l -> kinds(l, one).contains("CREATED"));
        String cursor = (String) first.get(first.size() - 1).get("cursor");
        stop();
        testers.clear();
        subscriptions.clear();

        String two = createTask(fixture.openWorkstreamId, "Resume two", "OPEN");
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " missed", "RESERVED");
        String three = createTask(fixture.openWorkstreamId, "Resume three", "OPEN");

        List<Map<String, Object>> resumed = collect("civil-society", cursor);
        String four = createTask(fixture.openWorkstreamId, "Resume four", "OPEN");
        await(resumed, l -> kinds(l, four).contains("CREATED"));
        assertThat(resumed.stream().map(e -> (String) e.get("taskId")).toList()).containsExactly(two, three, four);
        assertThat(kinds(resumed, secret)).isEmpty();
        List<String> cursors = resumed.stream().map(e -> (String) e.get("cursor")).toList();
        assertThat(cursors).doesNotHaveDuplicates().doesNotContain(cursor);
    }
}
