package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Proposals, state machines, the audit trail, overdue detection and paging, end to end. */
class TaskWorkflowTest extends HubTest {

    private Fixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    private GraphQlTester.Response update(String role, String id, int version, String fields) {
        return as(role).document("mutation { updateTask(input: {id: \"" + id + "\", expectedVersion: " + version + ", "
                + fields + "}) { task { status version overdue progress } errors { code message field } } }").execute();
    }

    @Test
    void civilSocietyProposesAndTheTeamAcceptsOrDeclines() {
        String proposal = Fixture.create(as("civil-society"), "proposeTask", "task", "{workstreamId: \""
                + fixture.openWorkstreamId + "\", title: \"Returnee job fair\", kind: WORKSHOP, responsible: ST_RROCM}");
        as("observer").document("{ task(id: \"" + proposal + "\") { status proposedBy visibility } }").execute()
                .path("task.status").entity(String.class).isEqualTo("PROPOSED")
                .path("task.proposedBy").entity(String.class).isEqualTo("demo-civil-society");
        // leaving PROPOSED is the team's decision, not an ordinary update
        update("government", proposal, 1, "status: PLANNED").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        as("civil-society").document("mutation { acceptProposal(input: {id: \"" + proposal + "\", expectedVersion: 1}) { errors { code } } }")
                .execute().path("acceptProposal.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        as("st-rrocm").document("mutation { acceptProposal(input: {id: \"" + proposal + "\", expectedVersion: 1}) { task { status } errors { code } } }")
                .execute().path("acceptProposal.task.status").entity(String.class).isEqualTo("PLANNED");

        String second = Fixture.create(as("civil-society"), "proposeTask", "task", "{workstreamId: \""
                + fixture.openWorkstreamId + "\", title: \"Second idea\", kind: ACTION, responsible: ST_RROCM}");
        as("government").document("mutation { declineProposal(input: {id: \"" + second + "\", expectedVersion: 1, reason: \" \"}) { errors { code field } } }")
                .execute().path("declineProposal.errors[0].field").entityList(String.class).containsExactly("input", "reason");
        as("government").document("mutation { declineProposal(input: {id: \"" + second + "\", expectedVersion: 1, reason: \"Covered by the 2017 workshop\"})"
                        + " { task { status declineReason } errors { code } } }")
                .execute().path("declineProposal.task.status").entity(String.class).isEqualTo("CANCELLED")
                .path("declineProposal.task.declineReason").entity(String.class).isEqualTo("Covered by the 2017 workshop");
        as("government").document("mutation { acceptProposal(input: {id: \"" + second + "\", expectedVersion: 2}) { errors { code } } }")
                .execute().path("acceptProposal.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        // a proposal is always OPEN
        assertThat(raw("civil-society", "mutation { proposeTask(input: {workstreamId: \"" + fixture.openWorkstreamId
                + "\", title: \"x\", kind: ACTION, responsible: PPT, visibility: RESERVED}) { errors { code field } } }"))
                .contains("VALIDATION").contains("visibility");
    }

    @Test
    void taskStatusFollowsItsStateMachineAndOverdueFollowsTheStatus() {
        String id = fixture.openTaskId;   // PLANNED, due 2020-01-31: overdue
        as("civil-society").document("{ task(id: \"" + id + "\") { overdue status } }").execute()
                .path("task.overdue").entity(Boolean.class).isEqualTo(true);
        update("government", id, 1, "status: DONE").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION")
                .path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "status");
        update("government", id, 1, "status: IN_PROGRESS, progress: 40").path("updateTask.task.status").entity(String.class).isEqualTo("IN_PROGRESS");
        update("st-rrocm", id, 2, "status: BLOCKED").path("updateTask.task.status").entity(String.class).isEqualTo("BLOCKED");
        update("government", id, 3, "status: IN_PROGRESS").path("updateTask.task.version").entity(Integer.class).isEqualTo(4);
        update("government", id, 4, "status: DONE, progress: 100").path("updateTask.task.overdue").entity(Boolean.class).isEqualTo(false);
        as("civil-society").document("{ tasks(workPlanId: \"" + fixture.planId + "\", filter: {overdue: true}) { totalCount } }")
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        update("government", id, 5, "status: CANCELLED").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        update("government", id, 5, "progress: 101").path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "progress");
    }

    @Test
    void everyChangeIsInTheAuditTrailWithWhoWhenAndBeforeAfter() {
        update("st-crm", fixture.openTaskId, 1, "title: \"Renamed workshop\", dueDate: \"2032-06-30\"")
                .path("updateTask.errors").entityList(Object.class).hasSize(0);
        // an update that changes nothing writes no entry
        update("st-crm", fixture.openTaskId, 2, "title: \"Renamed workshop\"").path("updateTask.task.version").entity(Integer.class).isEqualTo(2);
        var history = as("observer").document("{ task(id: \"" + fixture.openTaskId + "\") { history { totalCount edges { node {"
                        + " action actor at changes { field before after } } } } } }").execute();
        history.path("task.history.totalCount").entity(Integer.class).isEqualTo(2)
                .path("task.history.edges[0].node.action").entity(String.class).isEqualTo("UPDATED")
                .path("task.history.edges[0].node.actor").entity(String.class).isEqualTo("demo-st-crm")
                .path("task.history.edges[1].node.action").entity(String.class).isEqualTo("CREATED");
        List<Map<String, String>> changes = history.path("task.history.edges[0].node.changes")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, String>>() { }).get();
        assertThat(changes).containsExactlyInAnyOrder(
                Map.of("field", "title", "before", "\"Open workshop\"", "after", "\"Renamed workshop\""),
                Map.of("field", "dueDate", "before", "\"2020-01-31\"", "after", "\"2032-06-30\""));
    }

    @Test
    void resourcesFollowTheirStateMachine() {
        String update = "mutation { updateResource(input: {id: \"%s\", expectedVersion: %d, status: %s}) { resource { status } errors { code } } }";
        as("government").document(update.formatted(fixture.openResourceId, 1, "REQUESTED")).execute()
                .path("updateResource.errors[0].code").entity(String.class).isEqualTo("VALIDATION");   // PLEDGED cannot go back
        as("government").document(update.formatted(fixture.openResourceId, 1, "DELIVERED")).execute()
                .path("updateResource.resource.status").entity(String.class).isEqualTo("DELIVERED");
        as("government").document(update.formatted(fixture.openResourceId, 2, "WITHDRAWN")).execute()
                .path("updateResource.errors[0].code").entity(String.class).isEqualTo("VALIDATION");   // final
    }

    @Test
    void workPlansGoFromDraftToAdoptedToClosedOnly() {
        String update = "mutation { updateWorkPlan(input: {id: \"%s\", expectedVersion: %d, status: %s}) { workPlan { status } errors { code } } }";
        as("ppt").document(update.formatted(fixture.planId, 1, "CLOSED")).execute()
                .path("updateWorkPlan.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        as("ppt").document(update.formatted(fixture.planId, 1, "ADOPTED")).execute()
                .path("updateWorkPlan.workPlan.status").entity(String.class).isEqualTo("ADOPTED");
        as("ppt").document(update.formatted(fixture.planId, 2, "DRAFT")).execute()
                .path("updateWorkPlan.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
    }

    @Test
    void deletingATaskRemovesItAndLeavesADeletedEntry() {
        as("government").document("mutation { deleteTask(input: {id: \"" + fixture.openTaskId + "\", expectedVersion: 1}) { deletedId errors { code } } }")
                .execute().path("deleteTask.deletedId").entity(String.class).isEqualTo(fixture.openTaskId);
        as("government").document("{ node(id: \"" + fixture.openTaskId + "\") { id } node2: node(id: \"" + fixture.openResourceId + "\") { id } }")
                .execute().path("node").valueIsNull().path("node2").valueIsNull();
        // its comments go with it
        String comment = Fixture.create(as("government"), "addComment", "comment", "{subjectId: \"" + fixture.reservedTaskId
                + "\", body: \"Goes with the task\"}");
        as("government").document("mutation { deleteTask(input: {id: \"" + fixture.reservedTaskId + "\", expectedVersion: 1}) { errors { code } } }")
                .execute().path("deleteTask.errors").entityList(Object.class).hasSize(0);
        as("government").document("{ a: node(id: \"" + comment + "\") { id } b: node(id: \"" + fixture.reservedCommentId + "\") { id } }")
                .execute().path("a").valueIsNull().path("b").valueIsNull();
    }

    @Test
    void listsArePagedByCursorsInTheAskedOrder() {
        for (int i = 0; i < 23; i++) {
            Fixture.create(as("government"), "createTask", "task", "{workstreamId: \"" + fixture.openWorkstreamId
                    + "\", title: \"Task " + (char) ('a' + i) + "\", kind: MEETING, responsible: PPT}");
        }
        String query = "{ workPlan(id: \"" + fixture.planId + "\") { workstreams { edges { node { title"
                + " tasks(first: %s after: %s orderBy: {field: TITLE, direction: DESC}) { totalCount"
                + " pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { title } } } } } } } }";
        var page1 = as("civil-society").document(query.formatted("null", "null")).execute();
        String tasks = "workPlan.workstreams.edges[0].node.tasks";
        page1.path(tasks + ".totalCount").entity(Integer.class).isEqualTo(24)
                .path(tasks + ".edges").entityList(Object.class).hasSize(20)
                .path(tasks + ".edges[0].node.title").entity(String.class).isEqualTo("Task w")
                .path(tasks + ".pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path(tasks + ".pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
        String cursor = page1.path(tasks + ".pageInfo.endCursor").entity(String.class).get();
        as("civil-society").document(query.formatted("10", "\"" + cursor + "\"")).execute()
                .path(tasks + ".edges").entityList(Object.class).hasSize(4)
                .path(tasks + ".edges[3].node.title").entity(String.class).isEqualTo("Open workshop")
                .path(tasks + ".pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path(tasks + ".pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true)
                .path(tasks + ".totalCount").entity(Integer.class).isEqualTo(24);
    }
}
