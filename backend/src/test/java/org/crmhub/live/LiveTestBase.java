package org.crmhub.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.Recording;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What the live tests share: a fresh fixture plan per test, subscriptions to its task changes
 * (graphql-test/taskChanged.graphql) recorded with {@link Recording} and stopped after each test,
 * and the mutations that make changes.
 */
abstract class LiveTestBase extends HubTest {

    private static final ParameterizedTypeReference<Map<String, Object>> CHANGE = new ParameterizedTypeReference<>() { };

    @Autowired
    DatabaseClient db;

    Fixture fixture;
    private final List<WebSocketGraphQlTester> testers = new CopyOnWriteArrayList<>();
    private final List<Recording<?>> recordings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    /**
     * Cancels every recorded subscription and closes every socket. A subscription that failed or
     * completed without the test awaiting it fails the test here, with its error.
     */
    @AfterEach
    void stopSubscriptions() {
        List<AssertionError> unexpected = new ArrayList<>();
        for (Recording<?> recording : recordings) {
            try {
                recording.stop();
            } catch (AssertionError e) {
                unexpected.add(e);
            }
        }
        recordings.clear();
        testers.forEach(t -> t.stop().block(Duration.ofSeconds(5)));
        testers.clear();
        if (!unexpected.isEmpty()) {
            AssertionError first = unexpected.get(0);
            unexpected.subList(1, unexpected.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** The position of the log's newest change (0 when the log is empty). */
    long newestPosition() {
        return db.sql("SELECT coalesce(max(position), 0) AS p FROM change_event")
                .map((row, meta) -> row.get("p", Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }

    /** The cursor of the log's newest change: subscribing after it misses nothing made later. */
    String now() {
        return LiveChanges.encode(newestPosition());
    }

    /** A socket of a role, closed after the test. */
    WebSocketGraphQlTester socket(String role) {
        return keep(subscriber(role));
    }

    /** Closes a socket (and so ends its subscriptions) after the test. */
    WebSocketGraphQlTester keep(WebSocketGraphQlTester tester) {
        testers.add(tester);
        return tester;
    }

    /** Records a role's task changes of the fixture's plan after a cursor (null: from now). */
    Recording<Map<String, Object>> taskChanges(String role, String after) {
        return taskChanges(socket(role), after);
    }

    /** Records the fixture plan's task changes on a socket after a cursor (null: from now). */
    Recording<Map<String, Object>> taskChanges(WebSocketGraphQlTester socket, String after) {
        return taskChanges(socket, "taskChanged", after);
    }

    /** As above, with another subscription document (graphql-test/{document}.graphql) of taskChanged. */
    Recording<Map<String, Object>> taskChanges(WebSocketGraphQlTester socket, String document, String after) {
        return record(socket.documentName(document).variable("plan", fixture.planId).variable("after", after)
                .executeSubscription().toFlux().map(response -> response.path("taskChanged").entity(CHANGE).get()));
    }

    /** Subscribes to a stream and records it until the end of the test. */
    <T> Recording<T> record(Publisher<T> stream) {
        Recording<T> recording = Recording.of(stream);
        recordings.add(recording);
        return recording;
    }

    /** The kinds of change delivered for one task, in order. */
    static List<String> kinds(List<Map<String, Object>> changes, String taskId) {
        return changes.stream().filter(c -> taskId.equals(c.get("taskId"))).map(c -> (String) c.get("kind")).toList();
    }

    /** The tasks the changes were about, in order (with repeats). */
    static List<String> taskIds(List<Map<String, Object>> changes) {
        return changes.stream().map(c -> (String) c.get("taskId")).toList();
    }

    /** Creates a task as a government user and returns its ID. */
    String createTask(String workstreamId, String title, String visibility) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("workstreamId", workstreamId);
        input.put("title", title);
        input.put("kind", "ACTION");
        input.put("responsible", "PPT");
        input.put("visibility", visibility);
        return as("government").documentName("createTask").variable("input", input).execute()
                .path("createTask.errors").entityList(Object.class).hasSize(0)
                .path("createTask.task.id").entity(String.class).get();
    }

    /** Creates an OPEN task in the fixture's open workstream. */
    String createTask(String title) {
        return createTask(fixture.openWorkstreamId, title, "OPEN");
    }

    /** Classifies a task or workstream as a government user, at its current version. */
    void setVisibility(String id, String visibility) {
        int version = as("government").documentName("nodeVersion").variable("id", id).execute()
                .path("node.version").entity(Integer.class).get();
        as("government").documentName("setVisibility")
                .variable("input", Map.of("id", id, "expectedVersion", version, "visibility", visibility)).execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
    }
}
