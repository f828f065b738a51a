package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmhub.testsupport.Recording;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Subscriptions end to end over graphql-transport-ws with real Keycloak tokens: delivery-time
 * visibility (reclassification of an item and of its parent while events flow), every role, and
 * resuming by cursor without gap or duplicate.
 */
class LiveChangesTest extends LiveTestBase {

    /**
     * Waits until subscriptions made "from now" are live. The client cannot tell when the hub has
     * started a subscription (changes made before that are rightly not delivered), so it creates a
     * probe task at each poll until every subscriber has received one of them.
     */
    void awaitLive(List<Recording<Map<String, Object>>> subscribers) {
        List<String> probes = new CopyOnWriteArrayList<>();
        await("subscriptions live").atMost(Recording.PATIENCE).pollInterval(Duration.ofMillis(500))
                .failFast("a subscription ended before it was live", () -> subscribers.forEach(Recording::assertOpen))
                .untilAsserted(() -> {
                    probes.add(createTask("Live probe " + probes.size()));
                    assertThat(subscribers).allSatisfy(s -> assertThat(probes).as("probes, received: %s", s.items())
                            .anyMatch(probe -> kinds(s.items(), probe).contains("CREATED")));
                });
    }

    @Test
    void anUnclearedSubscriberSeesOpenChangesGetsRevokedAndNeverAReservedItem() {
        Recording<Map<String, Object>> civil = taskChanges("civil-society", null);
        Recording<Map<String, Object>> government = taskChanges("government", null);
        awaitLive(List.of(civil, government));
        String open = createTask(fixture.openWorkstreamId, "Live open task", "OPEN");
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " live secret", "RESERVED");
        setVisibility(open, "RESERVED");
        setVisibility(open, "OPEN");
        String last = createTask(fixture.openWorkstreamId, "Live last task", "OPEN");
        civil.awaitUntil(l -> kinds(l, last).contains("CREATED"));
        government.awaitUntil(l -> kinds(l, last).contains("CREATED"));

        assertThat(kinds(civil.items(), open)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(civil.items(), secret)).isEmpty();
        assertThat(civil.items().toString()).doesNotContain(fixture.marker).doesNotContain(secret);
        Map<String, Object> revoked = civil.items().stream().filter(e -> "REVOKED".equals(e.get("kind"))).findFirst().orElseThrow();
        assertThat(revoked.get("task")).isNull();
        assertThat(kinds(government.items(), open)).containsExactly("CREATED", "UPDATED", "UPDATED");
        assertThat(kinds(government.items(), secret)).containsExactly("CREATED");
    }

    /**
     * A subscription that does not select the task is told its changes from the event log alone
     * (no read of the task): it must get exactly what a subscriber who reads the task gets, and
     * nothing of a reserved task, through a reclassification of the item and of its parent.
     */
    @Test
    void aSubscriptionWithoutTheItemGetsTheSameChangesAndNothingReserved() {
        Recording<Map<String, Object>> withTask = taskChanges("civil-society", now());
        Recording<Map<String, Object>> idsOnly = taskChanges(socket("civil-society"), "taskChangedIds", null);
        awaitLive(List.of(withTask, idsOnly));
        String open = createTask(fixture.openWorkstreamId, "Ids open", "OPEN");
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " ids secret", "RESERVED");
        setVisibility(open, "RESERVED");
        setVisibility(open, "OPEN");
        setVisibility(fixture.openWorkstreamId, "RESERVED");
        String hidden = createTask(fixture.openWorkstreamId, "Ids created while reserved", "OPEN");
        setVisibility(fixture.openWorkstreamId, "OPEN");
        String last = createTask(fixture.openWorkstreamId, "Ids last", "OPEN");
        withTask.awaitUntil(l -> kinds(l, last).contains("CREATED"));
        idsOnly.awaitUntil(l -> kinds(l, last).contains("CREATED"));

        assertThat(kinds(idsOnly.items(), open)).containsExactly("CREATED", "REVOKED", "CREATED", "REVOKED", "CREATED");
        assertThat(kinds(idsOnly.items(), hidden)).containsExactly("CREATED");
        assertThat(kinds(idsOnly.items(), secret)).isEmpty();
        assertThat(idsOnly.items().toString()).doesNotContain(secret).doesNotContain(fixture.marker);
        for (String task : List.of(open, hidden, secret, last, fixture.openTaskId, fixture.reservedTaskId)) {
            assertThat(kinds(idsOnly.items(), task)).as(task).isEqualTo(kinds(withTask.items(), task));
        }
    }

    /**
     * Which changes a subscriber gets follows from the log alone: a replay made after an item left
     * the viewer's view still delivers its earlier changes (without the item), then REVOKED, as a
     * live subscriber received them. Before, a late reader silently lost the CREATED.
     */
    @Test
    void aReplayAfterAReclassificationDeliversTheSameKindsAsALiveStreamWithoutTheHiddenItem() {
        String from = now();
        String gone = createTask(fixture.openWorkstreamId, fixture.marker + " soon reserved", "OPEN");
        setVisibility(gone, "RESERVED");
        String last = createTask(fixture.openWorkstreamId, "Replay last task", "OPEN");

        Recording<Map<String, Object>> replay = taskChanges("civil-society", from);
        replay.awaitUntil(l -> kinds(l, last).contains("CREATED"));
        assertThat(kinds(replay.items(), gone)).containsExactly("CREATED", "REVOKED");
        assertThat(replay.items()).filteredOn(e -> gone.equals(e.get("taskId"))).allSatisfy(e -> assertThat(e.get("task")).isNull());
        assertThat(replay.items().toString()).doesNotContain(fixture.marker);
    }

    /**
     * Live subscribers share one read of each change; a replay must not be served that shared
     * read of an item reserved since: it reads for itself, and so gets the change without the item.
     */
    @Test
    void aReplayIsNeverServedWhatLiveSubscribersWereGivenOfAnItemReservedSince() {
        String from = now();
        Recording<Map<String, Object>> live = taskChanges("civil-society", null);
        awaitLive(List.of(live));
        String hidden = createTask(fixture.openWorkstreamId, fixture.marker + " open for a moment", "OPEN");
        live.awaitUntil(l -> kinds(l, hidden).contains("CREATED"));
        setVisibility(hidden, "RESERVED");
        String last = createTask(fixture.openWorkstreamId, "Replay after the live read", "OPEN");

        Recording<Map<String, Object>> replay = taskChanges("civil-society", from);
        replay.awaitUntil(l -> kinds(l, last).contains("CREATED"));
        assertThat(kinds(replay.items(), hidden)).containsExactly("CREATED", "REVOKED");
        assertThat(replay.items().toString()).doesNotContain(fixture.marker);
    }

    @Test
    void reservingTheParentWorkstreamWhileEventsFlowRevokesEveryTaskUnderIt() {
        Recording<Map<String, Object>> observer = taskChanges("observer", now());
        String a = createTask(fixture.openWorkstreamId, "Under the line A", "OPEN");
        String b = createTask(fixture.openWorkstreamId, "Under the line B", "OPEN");
        setVisibility(fixture.openWorkstreamId, "RESERVED");
        String hidden = createTask(fixture.openWorkstreamId, "Created while reserved", "OPEN");
        setVisibility(fixture.openWorkstreamId, "OPEN");
        observer.awaitUntil(l -> kinds(l, hidden).contains("CREATED"));
        assertThat(kinds(observer.items(), a)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(observer.items(), b)).containsExactly("CREATED", "REVOKED", "CREATED");
        assertThat(kinds(observer.items(), fixture.openTaskId)).containsExactly("REVOKED", "CREATED");
        // the task born under the reserved line reaches the observer only once the line is open
        assertThat(kinds(observer.items(), hidden)).containsExactly("CREATED");
        assertThat(kinds(observer.items(), fixture.reservedTaskId)).isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatItMaySee() {
        Map<String, Recording<Map<String, Object>>> byRole = new LinkedHashMap<>();
        for (String role : new String[] {"ppt", "government", "st-crm", "st-rrocm", "civil-society", "observer"}) {
            byRole.put(role, taskChanges(role, now()));
        }
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " per role", "RESERVED");
        String open = createTask(fixture.openWorkstreamId, "Per role open", "OPEN");
        byRole.values().forEach(changes -> changes.awaitUntil(l -> kinds(l, open).contains("CREATED")));
        for (String role : CLEARED_ROLES) {
            assertThat(kinds(byRole.get(role).items(), secret)).as(role).containsExactly("CREATED");
        }
        for (String role : UNCLEARED_ROLES) {
            assertThat(kinds(byRole.get(role).items(), secret)).as(role).isEmpty();
            assertThat(byRole.get(role).items().toString()).as(role).doesNotContain(fixture.marker);
        }
        // hub-admin reads no work plan: the subscription is refused
        StepVerifier.create(socket("hub-admin").documentName("taskChanged").variable("plan", fixture.planId)
                        .executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("FORBIDDEN"))
                .verify(Duration.ofSeconds(15));
        // the ID of something that is not a work plan is refused before anything runs
        StepVerifier.create(socket("civil-society").documentName("taskChanged").variable("plan", fixture.reservedWorkstreamId)
                        .executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("VALIDATION"))
                .verify(Duration.ofSeconds(15));
    }

    @Test
    void aSubscriberResumingFromItsLastCursorGetsEveryMissedChangeInOrderWithoutDuplicates() {
        Recording<Map<String, Object>> first = taskChanges("civil-society", now());
        String one = createTask(fixture.openWorkstreamId, "Resume one", "OPEN");
        first.awaitUntil(l -> kinds(l, one).contains("CREATED"));
        String cursor = (String) first.items().get(first.items().size() - 1).get("cursor");
        stopSubscriptions();   // the subscriber goes away

        String two = createTask(fixture.openWorkstreamId, "Resume two", "OPEN");
        String secret = createTask(fixture.openWorkstreamId, fixture.marker + " missed", "RESERVED");
        String three = createTask(fixture.openWorkstreamId, "Resume three", "OPEN");

        Recording<Map<String, Object>> resumed = taskChanges("civil-society", cursor);
        String four = createTask(fixture.openWorkstreamId, "Resume four", "OPEN");
        resumed.awaitUntil(l -> kinds(l, four).contains("CREATED"));
        assertThat(taskIds(resumed.items())).containsExactly(two, three, four);
        assertThat(kinds(resumed.items(), secret)).isEmpty();
        List<String> cursors = resumed.items().stream().map(e -> (String) e.get("cursor")).toList();
        assertThat(cursors).doesNotHaveDuplicates().doesNotContain(cursor);
    }
}
