package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.Recording;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Comments and decisions on proposals go live through the same event log and the same
 * delivery-time rules as tasks: nothing reserved reaches an uncleared subscriber, and a decision
 * reaches only those it concerns (the proposer, their organisation, the secretariats).
 */
class CollaborationLiveTest extends LiveTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> EVENT = new ParameterizedTypeReference<>() { };

    private Recording<Map<String, Object>> follow(String role, String document, String field, String after) {
        return record(socket(role).documentName(document).variable("plan", fixture.planId).variable("after", after)
                .executeSubscription().toFlux().map(r -> r.path(field).entity(EVENT).get()));
    }

    private String comment(String subjectId, String body, String visibility) {
        return Fixture.create(as("government"), "addComment", "comment",
                visibility == null ? variables("subjectId", subjectId, "body", body)
                        : variables("subjectId", subjectId, "body", body, "visibility", visibility));
    }

    @Test
    void commentsArriveForEveryItemOfThePlanAndNeverAReservedOne() {
        String from = now();
        Recording<Map<String, Object>> civil = follow("civil-society", "commentAdded", "commentAdded", from);
        Recording<Map<String, Object>> government = follow("government", "commentAdded", "commentAdded", from);

        String onReservedTask = comment(fixture.reservedTaskId, fixture.marker + " on a reserved task", null);
        String reservedOnOpenTask = comment(fixture.openTaskId, fixture.marker + " reserved remark", "RESERVED");
        String onOpenTask = comment(fixture.openTaskId, "On the open workshop", null);
        String onReservedLine = comment(fixture.reservedWorkstreamId, fixture.marker + " on the reserved line", null);
        String onPlan = comment(fixture.planId, "On the plan", null);
        String onOpenLine = comment(fixture.openWorkstreamId, "On the open line", null);

        government.awaitUntil(events -> ids(events).contains(onOpenLine));
        assertThat(ids(government.items()))
                .containsExactly(onReservedTask, reservedOnOpenTask, onOpenTask, onReservedLine, onPlan, onOpenLine);
        civil.awaitUntil(events -> ids(events).contains(onOpenLine));
        assertThat(ids(civil.items())).containsExactly(onOpenTask, onPlan, onOpenLine);
        assertThat(civil.items().toString()).doesNotContain(fixture.marker);
        assertThat(civil.items()).extracting(e -> e.get("subjectId"))
                .containsExactly(fixture.openTaskId, fixture.planId, fixture.openWorkstreamId);
        assertThat(civil.items().get(0).get("comment")).isEqualTo(Map.of("id", onOpenTask, "body", "On the open workshop",
                "author", "demo-government", "visibility", "OPEN"));
    }

    @Test
    void aDecisionOnAProposalReachesTheProposerTheirOrganisationAndTheSecretariatsOnly() {
        String from = now();
        Recording<Map<String, Object>> civil = follow("civil-society", "proposalDecided", "proposalDecided", from);
        Recording<Map<String, Object>> ppt = follow("ppt", "proposalDecided", "proposalDecided", from);
        Recording<Map<String, Object>> secretariat = follow("st-rrocm", "proposalDecided", "proposalDecided", from);

        String declined = propose("civil-society", "Consultation on returns");
        decline(declined, "Already covered by the regional workshop");
        String fromPresidency = propose("ppt", "Presidency's seminar");
        accept(fromPresidency);
        String reservedSince = propose("civil-society", fixture.marker + " proposal");
        setVisibility(reservedSince, "RESERVED");
        decline(reservedSince, fixture.marker + " reason");
        String accepted = propose("civil-society", "Regional forum");
        accept(accepted);
        String lastFromPresidency = propose("ppt", "Presidency's second seminar");
        accept(lastFromPresidency);

        civil.awaitUntil(events -> taskIds(events).contains(accepted));
        assertThat(taskIds(civil.items())).containsExactly(declined, accepted);
        assertThat(civil.items().get(0)).containsEntry("outcome", "DECLINED")
                .containsEntry("reason", "Already covered by the regional workshop");
        assertThat(civil.items().get(1)).containsEntry("outcome", "ACCEPTED").containsEntry("reason", null);
        assertThat(civil.items().toString()).doesNotContain(fixture.marker);

        ppt.awaitUntil(events -> taskIds(events).contains(lastFromPresidency));
        assertThat(taskIds(ppt.items())).containsExactly(fromPresidency, lastFromPresidency);

        secretariat.awaitUntil(events -> taskIds(events).contains(lastFromPresidency));
        assertThat(taskIds(secretariat.items())).containsExactly(declined, fromPresidency, accepted, lastFromPresidency);
        assertThat(secretariat.items().toString()).doesNotContain(fixture.marker);
    }

    private String propose(String role, String title) {
        return Fixture.create(as(role), "proposeTask", "task", variables("workstreamId", fixture.openWorkstreamId,
                "title", title, "kind", "WORKSHOP", "responsible", "ST_RROCM"));
    }

    private void accept(String taskId) {
        Fixture.create(as("government"), "acceptProposal", "task", variables("id", taskId, "expectedVersion", version(taskId)));
    }

    private void decline(String taskId, String reason) {
        Fixture.create(as("government"), "declineProposal", "task",
                variables("id", taskId, "expectedVersion", version(taskId), "reason", reason));
    }

    private int version(String id) {
        return as("government").documentName("nodeVersion").variable("id", id).execute()
                .path("node.version").entity(Integer.class).get();
    }

    private static List<Object> ids(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("commentId")).toList();
    }
}
