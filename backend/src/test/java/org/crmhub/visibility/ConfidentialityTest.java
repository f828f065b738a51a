package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tries every read path against reserved items planted at every level, as every role. Uncleared
 * users must not learn that any of them exists; cleared users see them all.
 */
class ConfidentialityTest extends HubTest {

    private static Fixture fixture;

    @BeforeEach
    void plantReservedItems() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
        }
    }

    private String wholePlan() {
        return """
                { workPlan(id: "%s") { id title resourceSummary { kind status currency amount count }
                    comments(first: 5) { totalCount edges { node { body } } }
                    history(first: 5) { totalCount edges { node { action changes { field before after } } } }
                    workstreams(first: 10) { totalCount edges { cursor node { id title visibility
                      comments(first: 5) { totalCount edges { node { body } } }
                      history(first: 5) { totalCount edges { node { changes { field after } } } }
                      tasks(first: 20) { totalCount edges { node { id title description
                        resources { id description amount { amount } }
                        indicators { id title periods { actualValue } }
                        progressReports { id summary }
                        comments(first: 5) { totalCount edges { node { id body } } }
                        history(first: 5) { totalCount edges { node { changes { field before after } } } } } } } } } } }
                  resources(workPlanId: "%s", first: 100) { totalCount edges { node { id description task { id } } } } }
                """.formatted(fixture.planId, fixture.planId);
    }

    private List<String> reservedIds() {
        return List.of(fixture.reservedWorkstreamId, fixture.reservedTaskId, fixture.inheritedTaskId,
                fixture.reservedResourceId, fixture.inheritedResourceId, fixture.reservedCommentId,
                fixture.reservedReportId, fixture.reservedIndicatorId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void nestedReadOfTheWholePlanShowsNoReservedItemToUnclearedRoles(String role) {
        String answer = raw(role, wholePlan());
        assertThat(answer).contains("Open workshop").doesNotContain(fixture.marker).doesNotContain("7777.77")
                .doesNotContain("333.33").doesNotContain("\"errors\"");
        reservedIds().forEach(id -> assertThat(answer).doesNotContain(id));
        as(role).document(wholePlan()).execute()
                .path("workPlan.workstreams.totalCount").entity(Integer.class).isEqualTo(1)
                .path("workPlan.workstreams.edges[0].node.tasks.totalCount").entity(Integer.class).isEqualTo(1)
                .path("workPlan.workstreams.edges[0].node.tasks.edges[0].node.indicators").entityList(Object.class).hasSize(0)
                .path("workPlan.resourceSummary").entityList(Object.class).hasSize(1)
                .path("workPlan.resourceSummary[0].amount").entity(String.class).isEqualTo("1000.50")
                .path("workPlan.resourceSummary[0].count").entity(Integer.class).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppt", "government", "st-crm"})
    void clearedRolesSeeEveryReservedItem(String role) {
        String answer = raw(role, wholePlan());
        reservedIds().forEach(id -> assertThat(answer).contains(id));
        as(role).document(wholePlan()).execute()
                .path("workPlan.workstreams.totalCount").entity(Integer.class).isEqualTo(2)
                .path("workPlan.resourceSummary").entityList(Object.class).hasSize(2)
                // exact decimal arithmetic: 1000.50 + 7777.77
                .path("workPlan.resourceSummary[0].amount").entity(String.class).isEqualTo("8778.27");
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void aReservedIdAnswersExactlyAsAnUnknownId(String role) {
        for (String id : reservedIds()) {
            GlobalId parsed = GlobalId.parse(id).orElseThrow();
            String unknown = GlobalId.encode(parsed.type(), java.util.UUID.randomUUID());
            String asked = raw(role, "{ node(id: \"" + id + "\") { id } nodes(ids: [\"" + id + "\"]) { id } }");
            String control = raw(role, "{ node(id: \"" + unknown + "\") { id } nodes(ids: [\"" + unknown + "\"]) { id } }");
            assertThat(asked).isEqualTo(control).isEqualTo("{\"data\":{\"node\":null,\"nodes\":[null]}}");
        }
        assertThat(raw(role, "{ task(id: \"" + fixture.reservedTaskId + "\") { id } resource(id: \"" + fixture.reservedResourceId
                + "\") { id } }")).isEqualTo("{\"data\":{\"task\":null,\"resource\":null}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void filtersSearchAndCountsNeverMatchReservedItems(String role) {
        String plan = fixture.planId;
        as(role).document("{ tasks(workPlanId: \"" + plan + "\", filter: {search: \"" + fixture.marker + "\"}) { totalCount } }")
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        as(role).document("{ tasks(workPlanId: \"" + plan + "\", filter: {visibility: RESERVED}) { totalCount } }")
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        as(role).document("{ tasks(workPlanId: \"" + plan + "\", filter: {overdue: true}) { totalCount edges { node { title } } } }")
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(1);
        as(role).document("{ resources(workPlanId: \"" + plan + "\") { totalCount } }")
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(1);
        as(role).document("{ resources(workPlanId: \"" + plan + "\", filter: {search: \"" + fixture.marker + "\"}) { totalCount } }")
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(0);
        as("government").document("{ tasks(workPlanId: \"" + plan + "\", filter: {search: \"" + fixture.marker + "\"}) { totalCount } }")
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void mutationsOnReservedIdsAnswerNotFoundExactlyAsUnknownIds(String role) {
        String unknownTask = GlobalId.encode(ItemType.TASK, java.util.UUID.randomUUID());
        for (String template : List.of(
                "mutation { updateTask(input: {id: \"%s\", expectedVersion: 1, title: \"x\"}) { errors { code message field } } }",
                "mutation { addComment(input: {subjectId: \"%s\", body: \"hello\"}) { errors { code message field } } }",
                "mutation { addProgressReport(input: {taskId: \"%s\", periodStart: \"2031-01-01\", periodEnd: \"2031-01-02\", health: ON_TRACK, summary: \"s\"}) { errors { code message field } } }",
                "mutation { setVisibility(input: {id: \"%s\", expectedVersion: 1, visibility: OPEN}) { errors { code message field } } }",
                "mutation { deleteTask(input: {id: \"%s\", expectedVersion: 1}) { errors { code message field } } }")) {
            String reserved = raw(role, template.formatted(fixture.reservedTaskId));
            String unknown = raw(role, template.formatted(unknownTask));
            assertThat(reserved).isEqualTo(unknown).contains("\"code\":\"NOT_FOUND\"").doesNotContain("FORBIDDEN");
        }
        String createUnder = "mutation { proposeTask(input: {workstreamId: \"%s\", title: \"t\", kind: ACTION, responsible: ST_RROCM}) { errors { code message field } } }";
        assertThat(raw(role, createUnder.formatted(fixture.reservedWorkstreamId)))
                .isEqualTo(raw(role, createUnder.formatted(GlobalId.encode(ItemType.WORKSTREAM, java.util.UUID.randomUUID()))))
                .contains("NOT_FOUND");
    }

    @Test
    void hubAdminReadsNoWorkPlanData() {
        String answer = raw("hub-admin", "{ workPlans { totalCount } }");
        assertThat(answer).contains("\"code\":\"FORBIDDEN\"").doesNotContain("totalCount\":");
        assertThat(raw("hub-admin", "{ node(id: \"" + fixture.openTaskId + "\") { id } }")).contains("FORBIDDEN");
    }

    @Test
    void reservingAWorkstreamHidesEverythingUnderItAtOnceAndOpeningItShowsItAgain() {
        Fixture own = new Fixture(as("government"));
        String query = "{ tasks(workPlanId: \"" + own.planId + "\") { totalCount } node(id: \"" + own.openResourceId + "\") { id } }";
        as("civil-society").document(query).execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(1)
                .path("node.id").entity(String.class).isEqualTo(own.openResourceId);

        int version = as("government").document("{ node(id: \"" + own.openWorkstreamId + "\") { ... on Workstream { version } } }")
                .execute().path("node.version").entity(Integer.class).get();
        as("government").document("mutation { setVisibility(input: {id: \"" + own.openWorkstreamId + "\", expectedVersion: " + version
                        + ", visibility: RESERVED}) { node { ... on Workstream { visibility effectiveVisibility } } errors { code } } }")
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0)
                .path("setVisibility.node.effectiveVisibility").entity(String.class).isEqualTo("RESERVED");
        as("civil-society").document(query).execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0)
                .path("node").valueIsNull();
        assertThat(raw("civil-society", "{ workPlan(id: \"" + own.planId + "\") { resourceSummary { amount } } }"))
                .doesNotContain("1000.50");

        as("government").document("mutation { setVisibility(input: {id: \"" + own.openWorkstreamId + "\", expectedVersion: "
                        + (version + 1) + ", visibility: OPEN}) { errors { code } } }")
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("civil-society").document(query).execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void theAuditTrailOfAReservedItemIsNotReachableAndFollowsReclassification() {
        Fixture own = new Fixture(as("government"));
        // the open task's history is readable; after reserving the task it is gone with the task
        as("civil-society").document("{ task(id: \"" + own.openTaskId + "\") { history { totalCount } } }")
                .execute().path("task.history.totalCount").entity(Integer.class).isEqualTo(1);
        as("government").document("mutation { setVisibility(input: {id: \"" + own.openTaskId
                        + "\", expectedVersion: 1, visibility: RESERVED}) { errors { code } } }")
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("civil-society").document("{ task(id: \"" + own.openTaskId + "\") { id } }").execute().path("task").valueIsNull();
        as("government").document("{ task(id: \"" + own.openTaskId + "\") { history(first: 5) { totalCount edges { node { action changes { field before after } } } } } }")
                .execute().path("task.history.totalCount").entity(Integer.class).isEqualTo(2)
                .path("task.history.edges[0].node.action").entity(String.class).isEqualTo("CLASSIFIED")
                .path("task.history.edges[0].node.changes[0].after").entity(String.class).isEqualTo("\"RESERVED\"");
    }
}
