package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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
    /** A RESERVED meeting with minutes, an agenda and a comment, and the decision it reached. */
    private static String reservedMeetingId;
    private static String reachedDecisionId;
    /** An OPEN meeting that links the reserved task and whose history records the link. */
    private static String openMeetingId;

    @BeforeEach
    void plantReservedItems() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
            reservedMeetingId = Fixture.create(as("government"), "createMeeting", "meeting", variables("workPlanId", fixture.planId,
                    "kind", "IN_PERSON", "title", fixture.marker + " closed-door meeting", "venue", fixture.marker + " room",
                    "startsAt", "2031-01-10T16:00:00Z", "endsAt", "2031-01-10T18:00:00Z", "timeZone", "America/Tegucigalpa",
                    "agenda", List.of(fixture.marker + " salaries"), "taskIds", List.of(fixture.openTaskId),
                    "visibility", "RESERVED"));
            Fixture.create(as("government"), "updateMeeting", "meeting",
                    variables("id", reservedMeetingId, "expectedVersion", 1, "status", "HELD"));
            reachedDecisionId = as("government").documentName("recordMeetingMinutes").variable("input", variables(
                            "meetingId", reservedMeetingId, "expectedVersion", 2, "text", fixture.marker + " minutes",
                            "decisions", List.of(fixture.marker + " agreement"))).execute()
                    .path("recordMeetingMinutes.meeting.minutes.decisions[0].id").entity(String.class).get();
            Fixture.create(as("government"), "addComment", "comment",
                    variables("subjectId", reservedMeetingId, "body", fixture.marker + " on the closed-door meeting"));
            openMeetingId = Fixture.create(as("government"), "createMeeting", "meeting", variables("workPlanId", fixture.planId,
                    "kind", "VIRTUAL", "title", "Open follow-up meeting", "link", "https://meet.example.org/open",
                    "startsAt", "2031-02-10T16:00:00Z", "endsAt", "2031-02-10T18:00:00Z", "timeZone", "America/Panama",
                    "taskIds", List.of(fixture.openTaskId, fixture.reservedTaskId)));
        }
    }

    /** The whole plan in one answer (graphql-test/wholePlan.graphql). */
    private String wholePlan(String role) {
        return rawDocument(role, "wholePlan", variables("id", fixture.planId));
    }

    private List<String> reservedIds() {
        return List.of(fixture.reservedWorkstreamId, fixture.reservedTaskId, fixture.inheritedTaskId,
                fixture.reservedResourceId, fixture.inheritedResourceId, fixture.reservedCommentId,
                fixture.reservedReportId, fixture.reservedIndicatorId, reservedMeetingId, reachedDecisionId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void nestedReadOfTheWholePlanShowsNoReservedItemToUnclearedRoles(String role) {
        String answer = wholePlan(role);
        assertThat(answer).contains("Open workshop", "Open follow-up meeting", openMeetingId).doesNotContain(fixture.marker).doesNotContain("7777.77")
                .doesNotContain("333.33").doesNotContain("\"errors\"");
        reservedIds().forEach(id -> assertThat(answer).doesNotContain(id));
        as(role).documentName("wholePlan").variable("id", fixture.planId).execute()
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
        String answer = wholePlan(role);
        reservedIds().forEach(id -> assertThat(answer).contains(id));
        as(role).documentName("wholePlan").variable("id", fixture.planId).execute()
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
            String unknown = GlobalId.encode(parsed.type(), UUID.randomUUID());
            String asked = rawDocument(role, "nodeAndNodes", variables("id", id));
            String control = rawDocument(role, "nodeAndNodes", variables("id", unknown));
            assertThat(asked).isEqualTo(control).isEqualTo("{\"data\":{\"node\":null,\"nodes\":[null]}}");
        }
        assertThat(rawDocument(role, "taskAndResource",
                variables("taskId", fixture.reservedTaskId, "resourceId", fixture.reservedResourceId)))
                .isEqualTo("{\"data\":{\"task\":null,\"resource\":null}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void filtersSearchAndCountsNeverMatchReservedItems(String role) {
        String plan = fixture.planId;
        as(role).documentName("tasks").variable("workPlanId", plan).variable("filter", Map.of("search", fixture.marker))
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        as(role).documentName("tasks").variable("workPlanId", plan).variable("filter", Map.of("visibility", "RESERVED"))
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(0);
        as(role).documentName("tasks").variable("workPlanId", plan).variable("filter", Map.of("overdue", true))
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(1);
        as(role).documentName("resources").variable("workPlanId", plan)
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(1);
        as(role).documentName("resources").variable("workPlanId", plan).variable("filter", Map.of("search", fixture.marker))
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(0);
        as("government").documentName("tasks").variable("workPlanId", plan).variable("filter", Map.of("search", fixture.marker))
                .execute().path("tasks.totalCount").entity(Integer.class).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void mutationsOnReservedIdsAnswerNotFoundExactlyAsUnknownIds(String role) {
        String unknownTask = GlobalId.encode(ItemType.TASK, UUID.randomUUID());
        // each mutation with the input it gets, given the task's ID
        Map<String, Function<String, Map<String, Object>>> mutations = new LinkedHashMap<>();
        mutations.put("updateTask", id -> variables("id", id, "expectedVersion", 1, "title", "x"));
        mutations.put("addComment", id -> variables("subjectId", id, "body", "hello"));
        mutations.put("addProgressReport", id -> variables("taskId", id, "periodStart", "2031-01-01", "periodEnd", "2031-01-02",
                "health", "ON_TRACK", "summary", "s"));
        mutations.put("setVisibility", id -> variables("id", id, "expectedVersion", 1, "visibility", "OPEN"));
        mutations.put("deleteTask", id -> variables("id", id, "expectedVersion", 1));
        // the same for a reserved meeting against an unknown one
        String unknownMeeting = GlobalId.encode(ItemType.MEETING, UUID.randomUUID());
        Map<String, Function<String, Map<String, Object>>> onMeetings = new LinkedHashMap<>();
        onMeetings.put("updateMeeting", id -> variables("id", id, "expectedVersion", 3, "title", "x"));
        onMeetings.put("recordMeetingMinutes", id -> variables("meetingId", id, "expectedVersion", 3, "text", "x"));
        onMeetings.put("addComment", id -> variables("subjectId", id, "body", "hello"));
        onMeetings.put("openRegistrations", id -> variables("eventId", id, "capacity", 5, "deadline", "2999-01-01T00:00:00Z"));
        onMeetings.forEach((mutation, input) -> {
            String reserved = rawDocument(role, mutation, variables("input", input.apply(reservedMeetingId)));
            String unknown = rawDocument(role, mutation, variables("input", input.apply(unknownMeeting)));
            assertThat(reserved).as(mutation).isEqualTo(unknown).contains("\"code\":\"NOT_FOUND\"").doesNotContain("FORBIDDEN");
        });
        mutations.forEach((mutation, input) -> {
            String reserved = rawDocument(role, mutation, variables("input", input.apply(fixture.reservedTaskId)));
            String unknown = rawDocument(role, mutation, variables("input", input.apply(unknownTask)));
            assertThat(reserved).as(mutation).isEqualTo(unknown).contains("\"code\":\"NOT_FOUND\"").doesNotContain("FORBIDDEN");
        });
        Map<String, Object> proposal = variables("title", "t", "kind", "ACTION", "responsible", "ST_RROCM");
        proposal.put("workstreamId", fixture.reservedWorkstreamId);
        String underReserved = rawDocument(role, "proposeTask", variables("input", Map.copyOf(proposal)));
        proposal.put("workstreamId", GlobalId.encode(ItemType.WORKSTREAM, UUID.randomUUID()));
        assertThat(underReserved).isEqualTo(rawDocument(role, "proposeTask", variables("input", proposal))).contains("NOT_FOUND");
    }

    @Test
    void hubAdminReadsNoWorkPlanData() {
        String answer = rawDocument("hub-admin", "workPlansCount", Map.of());
        assertThat(answer).contains("\"code\":\"FORBIDDEN\"").doesNotContain("totalCount\":");
        assertThat(rawDocument("hub-admin", "node", variables("id", fixture.openTaskId))).contains("FORBIDDEN");
    }

    @Test
    void reservingAWorkstreamHidesEverythingUnderItAtOnceAndOpeningItShowsItAgain() {
        Fixture own = new Fixture(as("government"));
        Map<String, Object> query = variables("workPlanId", own.planId, "nodeId", own.openResourceId);
        as("civil-society").documentName("tasksAndNode").variables(query).execute()
                .path("tasks.totalCount").entity(Integer.class).isEqualTo(1)
                .path("node.id").entity(String.class).isEqualTo(own.openResourceId);

        int version = as("government").documentName("nodeVersion").variable("id", own.openWorkstreamId)
                .execute().path("node.version").entity(Integer.class).get();
        as("government").documentName("setVisibility")
                .variable("input", variables("id", own.openWorkstreamId, "expectedVersion", version, "visibility", "RESERVED"))
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0)
                .path("setVisibility.node.effectiveVisibility").entity(String.class).isEqualTo("RESERVED");
        as("civil-society").documentName("tasksAndNode").variables(query).execute()
                .path("tasks.totalCount").entity(Integer.class).isEqualTo(0)
                .path("node").valueIsNull();
        assertThat(rawDocument("civil-society", "resourceSummary", variables("id", own.planId))).doesNotContain("1000.50");

        as("government").documentName("setVisibility")
                .variable("input", variables("id", own.openWorkstreamId, "expectedVersion", version + 1, "visibility", "OPEN"))
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("civil-society").documentName("tasksAndNode").variables(query).execute()
                .path("tasks.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void theAuditTrailOfAReservedItemIsNotReachableAndFollowsReclassification() {
        Fixture own = new Fixture(as("government"));
        // the open task's history is readable; after reserving the task it is gone with the task
        as("civil-society").documentName("taskHistory").variable("id", own.openTaskId)
                .execute().path("task.history.totalCount").entity(Integer.class).isEqualTo(1);
        as("government").documentName("setVisibility")
                .variable("input", variables("id", own.openTaskId, "expectedVersion", 1, "visibility", "RESERVED"))
                .execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("civil-society").documentName("task").variable("id", own.openTaskId).execute().path("task").valueIsNull();
        as("government").documentName("taskHistory").variable("id", own.openTaskId).variable("first", 5)
                .execute().path("task.history.totalCount").entity(Integer.class).isEqualTo(2)
                .path("task.history.edges[0].node.action").entity(String.class).isEqualTo("CLASSIFIED")
                .path("task.history.edges[0].node.changes[0].after").entity(String.class).isEqualTo("\"RESERVED\"");
    }
}
