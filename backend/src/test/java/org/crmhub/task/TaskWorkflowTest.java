package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.core.ParameterizedTypeReference;

/** Proposals, state machines, the audit trail, overdue detection and paging, end to end. */
class TaskWorkflowTest extends HubTest {

    private Fixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    /** updateTask of one task at one version, changing the given fields ({@code "status", "BLOCKED", …}). */
    private GraphQlTester.Response update(String role, String id, int version, Object... fields) {
        Map<String, Object> input = variables("id", id, "expectedVersion", version);
        input.putAll(variables(fields));
        return as(role).documentName("updateTask").variable("input", input).execute();
    }

    private GraphQlTester.Response mutate(String role, String mutation, Object... input) {
        return as(role).documentName(mutation).variable("input", variables(input)).execute();
    }

    @Test
    void civilSocietyProposesAndTheTeamAcceptsOrDeclines() {
        String proposal = Fixture.create(as("civil-society"), "proposeTask", "task", variables(
                "workstreamId", fixture.openWorkstreamId, "title", "Returnee job fair", "kind", "WORKSHOP", "responsible", "ST_RROCM"));
        as("observer").documentName("task").variable("id", proposal).execute()
                .path("task.status").entity(String.class).isEqualTo("PROPOSED")
                .path("task.proposedBy").entity(String.class).isEqualTo("demo-civil-society");
        // leaving PROPOSED is the team's decision, not an ordinary update
        update("government", proposal, 1, "status", "PLANNED").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        mutate("civil-society", "acceptProposal", "id", proposal, "expectedVersion", 1)
                .path("acceptProposal.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        mutate("st-rrocm", "acceptProposal", "id", proposal, "expectedVersion", 1)
                .path("acceptProposal.task.status").entity(String.class).isEqualTo("PLANNED");

        String second = Fixture.create(as("civil-society"), "proposeTask", "task", variables(
                "workstreamId", fixture.openWorkstreamId, "title", "Second idea", "kind", "ACTION", "responsible", "ST_RROCM"));
        mutate("government", "declineProposal", "id", second, "expectedVersion", 1, "reason", " ")
                .path("declineProposal.errors[0].field").entityList(String.class).containsExactly("input", "reason");
        mutate("government", "declineProposal", "id", second, "expectedVersion", 1, "reason", "Covered by the 2017 workshop")
                .path("declineProposal.task.status").entity(String.class).isEqualTo("CANCELLED")
                .path("declineProposal.task.declineReason").entity(String.class).isEqualTo("Covered by the 2017 workshop");
        mutate("government", "acceptProposal", "id", second, "expectedVersion", 2)
                .path("acceptProposal.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        // a proposal is always OPEN
        assertThat(rawDocument("civil-society", "proposeTask", variables("input", variables("workstreamId", fixture.openWorkstreamId,
                "title", "x", "kind", "ACTION", "responsible", "PPT", "visibility", "RESERVED"))))
                .contains("VALIDATION").contains("visibility");
    }

    @Test
    void taskStatusFollowsItsStateMachineAndOverdueFollowsTheStatus() {
        String id = fixture.openTaskId;   // PLANNED, due 2020-01-31: overdue
        as("civil-society").documentName("task").variable("id", id).execute()
                .path("task.overdue").entity(Boolean.class).isEqualTo(true);
        update("government", id, 1, "status", "DONE").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION")
                .path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "status");
        update("government", id, 1, "status", "IN_PROGRESS", "progress", 40).path("updateTask.task.status").entity(String.class).isEqualTo("IN_PROGRESS");
        update("st-rrocm", id, 2, "status", "BLOCKED").path("updateTask.task.status").entity(String.class).isEqualTo("BLOCKED");
        update("government", id, 3, "status", "IN_PROGRESS").path("updateTask.task.version").entity(Integer.class).isEqualTo(4);
        update("government", id, 4, "status", "DONE", "progress", 100).path("updateTask.task.overdue").entity(Boolean.class).isEqualTo(false);
        as("civil-society").documentName("tasks").variable("workPlanId", fixture.planId).variable("filter", Map.of("overdue", true))
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        update("government", id, 5, "status", "CANCELLED").path("updateTask.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        update("government", id, 5, "progress", 101).path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "progress");
    }

    @Test
    void everyChangeIsInTheAuditTrailWithWhoWhenAndBeforeAfter() {
        update("st-crm", fixture.openTaskId, 1, "title", "Renamed workshop", "dueDate", "2032-06-30")
                .path("updateTask.errors").entityList(Object.class).hasSize(0);
        // an update that changes nothing writes no entry
        update("st-crm", fixture.openTaskId, 2, "title", "Renamed workshop").path("updateTask.task.version").entity(Integer.class).isEqualTo(2);
        var history = as("observer").documentName("taskHistory").variable("id", fixture.openTaskId).execute();
        history.path("task.history.totalCount").entity(Integer.class).isEqualTo(2)
                .path("task.history.edges[0].node.action").entity(String.class).isEqualTo("UPDATED")
                .path("task.history.edges[0].node.actor").entity(String.class).isEqualTo("demo-st-crm")
                .path("task.history.edges[1].node.action").entity(String.class).isEqualTo("CREATED");
        List<Map<String, String>> changes = history.path("task.history.edges[0].node.changes")
                .entityList(new ParameterizedTypeReference<Map<String, String>>() { }).get();
        assertThat(changes).containsExactlyInAnyOrder(
                Map.of("field", "title", "before", "\"Open workshop\"", "after", "\"Renamed workshop\""),
                Map.of("field", "dueDate", "before", "\"2020-01-31\"", "after", "\"2032-06-30\""));
    }

    @Test
    void resourcesFollowTheirStateMachine() {
        mutate("government", "updateResource", "id", fixture.openResourceId, "expectedVersion", 1, "status", "REQUESTED")
                .path("updateResource.errors[0].code").entity(String.class).isEqualTo("VALIDATION");   // PLEDGED cannot go back
        mutate("government", "updateResource", "id", fixture.openResourceId, "expectedVersion", 1, "status", "DELIVERED")
                .path("updateResource.resource.status").entity(String.class).isEqualTo("DELIVERED");
        mutate("government", "updateResource", "id", fixture.openResourceId, "expectedVersion", 2, "status", "WITHDRAWN")
                .path("updateResource.errors[0].code").entity(String.class).isEqualTo("VALIDATION");   // final
    }

    @Test
    void workPlansGoFromDraftToAdoptedToClosedOnly() {
        mutate("ppt", "updateWorkPlan", "id", fixture.planId, "expectedVersion", 1, "status", "CLOSED")
                .path("updateWorkPlan.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
        mutate("ppt", "updateWorkPlan", "id", fixture.planId, "expectedVersion", 1, "status", "ADOPTED")
                .path("updateWorkPlan.workPlan.status").entity(String.class).isEqualTo("ADOPTED");
        mutate("ppt", "updateWorkPlan", "id", fixture.planId, "expectedVersion", 2, "status", "DRAFT")
                .path("updateWorkPlan.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
    }

    @Test
    void deletingATaskRemovesItAndLeavesADeletedEntry() {
        mutate("government", "deleteTask", "id", fixture.openTaskId, "expectedVersion", 1)
                .path("deleteTask.deletedId").entity(String.class).isEqualTo(fixture.openTaskId);
        as("government").documentName("twoNodes").variable("a", fixture.openTaskId).variable("b", fixture.openResourceId)
                .execute().path("a").valueIsNull().path("b").valueIsNull();
        // its comments go with it
        String comment = Fixture.create(as("government"), "addComment", "comment",
                variables("subjectId", fixture.reservedTaskId, "body", "Goes with the task"));
        mutate("government", "deleteTask", "id", fixture.reservedTaskId, "expectedVersion", 1)
                .path("deleteTask.errors").entityList(Object.class).hasSize(0);
        as("government").documentName("twoNodes").variable("a", comment).variable("b", fixture.reservedCommentId)
                .execute().path("a").valueIsNull().path("b").valueIsNull();
    }

    @Test
    void listsArePagedByCursorsInTheAskedOrder() {
        for (int i = 0; i < 23; i++) {
            Fixture.create(as("government"), "createTask", "task", variables("workstreamId", fixture.openWorkstreamId,
                    "title", "Task " + (char) ('a' + i), "kind", "MEETING", "responsible", "PPT"));
        }
        var page1 = as("civil-society").documentName("pagedTasksOfWorkstreams").variable("id", fixture.planId).execute();
        String tasks = "workPlan.workstreams.edges[0].node.tasks";
        page1.path(tasks + ".totalCount").entity(Integer.class).isEqualTo(24)
                .path(tasks + ".edges").entityList(Object.class).hasSize(20)
                .path(tasks + ".edges[0].node.title").entity(String.class).isEqualTo("Task w")
                .path(tasks + ".pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path(tasks + ".pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
        String cursor = page1.path(tasks + ".pageInfo.endCursor").entity(String.class).get();
        as("civil-society").documentName("pagedTasksOfWorkstreams").variable("id", fixture.planId)
                .variable("first", 10).variable("after", cursor).execute()
                .path(tasks + ".edges").entityList(Object.class).hasSize(4)
                .path(tasks + ".edges[3].node.title").entity(String.class).isEqualTo("Open workshop")
                .path(tasks + ".pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path(tasks + ".pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true)
                .path(tasks + ".totalCount").entity(Integer.class).isEqualTo(24);
    }
}
