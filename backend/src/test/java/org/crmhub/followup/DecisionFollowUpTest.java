package org.crmhub.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.embedded.EmbeddedDatabase;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Import;

/**
 * A decision's tasks and implementation as each role may see them: a reserved task (or a task under
 * a reserved workstream) never shows in an uncleared viewer's counts, averages, statuses, task
 * list or filter results. Each test works on a decision of its own meeting, so the figures are
 * exact whatever other tests link to the declaration's decisions.
 */
@Import(StatementLog.class)
class DecisionFollowUpTest extends HubTest {

    private Fixture fixture;
    private String meeting;
    private String decisionId;
    private String reservedTask;
    private String inheritedTask;

    /**
     * A decision of a meeting of its own, implemented by four tasks of a fresh plan:
     * OPEN and PLANNED; OPEN, IN_PROGRESS at 40 %; RESERVED, BLOCKED at 90 %; and, under the
     * fixture's RESERVED workstream, a PLANNED task past its due date.
     */
    @BeforeEach
    void aDecisionAndItsTasks() throws Exception {
        fixture = new Fixture(as("government"));
        meeting = "Test meeting " + fixture.marker;
        decisionId = GlobalId.encode(ItemType.DECISION, insertDecision(meeting));
        task(fixture.openWorkstreamId, "Follow-up planned", "OPEN", Map.of());
        String started = task(fixture.openWorkstreamId, "Follow-up started", "OPEN", Map.of());
        update(started, 1, "status", "IN_PROGRESS", "progress", 40);
        reservedTask = task(fixture.openWorkstreamId, fixture.marker + " follow-up blocked", "RESERVED", Map.of());
        update(reservedTask, 1, "status", "IN_PROGRESS", "progress", 90);
        update(reservedTask, 2, "status", "BLOCKED");
        inheritedTask = task(fixture.reservedWorkstreamId, fixture.marker + " follow-up late", "OPEN",
                Map.of("startDate", "2020-01-01", "dueDate", "2020-02-01"));
    }

    @Test
    void clearedRolesCountEveryTask() {
        for (String role : CLEARED_ROLES) {
            Map<String, Object> decision = decision(role);
            assertThat(decision.get("summary")).as(role).isEqualTo("A test decision");
            assertThat(implementation(decision)).as(role).containsEntry("status", "AT_RISK").containsEntry("taskCount", 4)
                    .containsEntry("overdueCount", 1).containsEntry("averageProgress", 32.5)
                    .containsEntry("byStatus", List.of(Map.of("status", "PLANNED", "count", 2),
                            Map.of("status", "IN_PROGRESS", "count", 1), Map.of("status", "BLOCKED", "count", 1)));
            assertThat(tasks(decision)).as(role).containsEntry("totalCount", 4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void unclearedRolesFiguresNeverReflectAReservedTask(String role) {
        Map<String, Object> decision = decision(role);
        assertThat(implementation(decision)).containsEntry("status", "IN_PROGRESS").containsEntry("taskCount", 2)
                .containsEntry("overdueCount", 0).containsEntry("averageProgress", 20.0)
                .containsEntry("byStatus", List.of(Map.of("status", "PLANNED", "count", 1), Map.of("status", "IN_PROGRESS", "count", 1)));
        assertThat(tasks(decision)).containsEntry("totalCount", 2);
        String answer = rawDocument(role, "decisionFollowUp", Map.of("meeting", meeting));
        assertThat(answer).doesNotContain(fixture.marker).doesNotContain(reservedTask).doesNotContain(inheritedTask)
                .doesNotContain("BLOCKED").doesNotContain("AT_RISK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"st-rrocm", "civil-society", "observer"})
    void theStatusFilterFollowsWhatTheViewerMaySee(String role) {
        // a blocked reserved task puts the decision at risk for governments only: the filter must not tell
        assertThat(decisionsWith(role, "AT_RISK")).isEmpty();
        assertThat(decisionsWith(role, "IN_PROGRESS")).containsExactly(decisionId);
        assertThat(decisionsWith("government", "AT_RISK")).containsExactly(decisionId);
        assertThat(decisionsWith("government", "IN_PROGRESS")).isEmpty();
    }

    @Test
    void aRoleWithoutAccessToWorkPlanDataSeesTheDecisionButNoneOfItsTasks() {
        Map<String, Object> decision = decision("hub-admin");
        assertThat(implementation(decision)).containsEntry("status", "NOT_STARTED").containsEntry("taskCount", 0)
                .containsEntry("byStatus", List.of()).containsEntry("averageProgress", null);
        assertThat(tasks(decision)).containsEntry("totalCount", 0);
    }

    @Test
    void doneWhenEveryVisibleTaskIsDoneOrCancelled() throws Exception {
        Fixture own = new Fixture(as("government"));
        String ownMeeting = "Test meeting " + own.marker;
        String ownDecision = GlobalId.encode(ItemType.DECISION, insertDecision(ownMeeting));
        String done = task(own.openWorkstreamId, "Done", "OPEN", Map.of("decisionIds", List.of(ownDecision)));
        update(done, 1, "status", "IN_PROGRESS", "progress", 100);
        update(done, 2, "status", "DONE");
        String cancelled = task(own.openWorkstreamId, "Cancelled", "OPEN", Map.of("decisionIds", List.of(ownDecision)));
        update(cancelled, 1, "status", "CANCELLED");
        Map<String, Object> decision = as("civil-society").documentName("decisionFollowUp").variable("meeting", ownMeeting)
                .execute().path("decisions[0]").entity(MAP).get();
        // the cancelled task counts in the statuses, not in the average
        assertThat(implementation(decision)).containsEntry("status", "DONE").containsEntry("taskCount", 2)
                .containsEntry("averageProgress", 100.0);
    }

    @Test
    void decisionsWithTheirTasksAndFiguresCostTheSameStatementsWhateverTheirNumber() {
        as("government").documentName("decisionFollowUp").execute().path("decisions").hasValue();   // warm up
        StatementLog.clear();
        as("government").documentName("decisionFollowUp").variable("meeting", meeting).execute().path("decisions").hasValue();
        int one = StatementLog.sent().size();
        StatementLog.clear();
        as("government").documentName("decisionFollowUp").execute().path("decisions").hasValue();
        int all = StatementLog.sent().size();
        // decisions, their figures, their tasks
        assertThat(one).isEqualTo(all).isEqualTo(3);
    }

    @Test
    void theDeclarationsDecisionsAllHaveASummary() {
        List<Map<String, Object>> decisions = as("civil-society").documentName("decisionFollowUp")
                .variable("meeting", "XXI CRM (2016)").execute().path("decisions").entityList(MAP).get();
        assertThat(decisions).hasSize(38).allSatisfy(d -> assertThat((String) d.get("summary")).hasSizeGreaterThan(30));
    }

    @Test
    void thePresidencyPassesFromHondurasToElSalvadorToPanama() {
        String plan = as("government").documentName("createWorkPlan").variable("input",
                        Map.of("title", "Plan 2017 " + fixture.marker.substring(7), "cycle", 2017, "visibility", "OPEN"))
                .execute().path("createWorkPlan.workPlan.id").entity(String.class).get();
        var answer = as("civil-society").documentName("presidencies").variable("planId", plan).execute();
        answer.path("presidencies").entityList(MAP).isEqualTo(List.of(
                Map.of("cycle", 2016, "country", Map.of("code", "HN", "kind", "MEMBER_STATE"), "decision", Map.of("number", 37)),
                Map.of("cycle", 2017, "country", Map.of("code", "SV", "kind", "MEMBER_STATE"), "decision", Map.of("number", 33)),
                Map.of("cycle", 2018, "country", Map.of("code", "PA", "kind", "MEMBER_STATE"), "decision", Map.of("number", 36))));
        // a plan without a presidency of its own shows the catalogue's holder for its cycle, and the next
        answer.path("workPlan.presidency.code").entity(String.class).isEqualTo("SV")
                .path("workPlan.nextPresidency.code").entity(String.class).isEqualTo("PA");
        // the fixture's plan (cycle 2031): no term recorded
        as("civil-society").documentName("presidencies").variable("planId", fixture.planId).execute()
                .path("workPlan.nextPresidency").valueIsNull();
    }

    @Test
    void onlyTheOrganisationsTheSeedNamesAsObserversAreObservers() {
        assertThat(codes("OBSERVER")).containsExactlyInAnyOrder("IOM", "UNHCR", "UNICEF", "ICRC", "SICA", "ILO");
        assertThat(codes("PARTNER")).containsExactlyInAnyOrder("UNDP", "UNODC", "UN-WOMEN", "PDD");
    }

    private static final Class<Map<String, Object>> MAP = mapClass();

    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> mapClass() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }

    private List<String> codes(String kind) {
        return as("civil-society").documentName("organisationsOfKind").variable("kind", kind).execute()
                .path("organisations[*].code").entityList(String.class).get();
    }

    private Map<String, Object> decision(String role) {
        return as(role).documentName("decisionFollowUp").variable("meeting", meeting).execute()
                .path("decisions").entityList(MAP).hasSize(1).path("decisions[0]").entity(MAP).get();
    }

    private List<String> decisionsWith(String role, String status) {
        return as(role).documentName("decisionFollowUp").variable("meeting", meeting).variable("status", List.of(status))
                .execute().path("decisions[*].id").entityList(String.class).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> implementation(Map<String, Object> decision) {
        return (Map<String, Object>) decision.get("implementation");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tasks(Map<String, Object> decision) {
        return (Map<String, Object>) decision.get("tasks");
    }

    /** A task implementing this test's decision (or the decisions in {@code extra}), created by government. */
    private String task(String workstreamId, String title, String visibility, Map<String, Object> extra) {
        Map<String, Object> input = new HashMap<>(Map.of("workstreamId", workstreamId, "title", title, "kind", "ACTION",
                "responsible", "PPT", "visibility", visibility, "decisionIds", List.of(decisionId)));
        input.putAll(extra);
        return as("government").documentName("createTask").variable("input", input).execute()
                .path("createTask.errors").entityList(Object.class).hasSize(0)
                .path("createTask.task.id").entity(String.class).get();
    }

    private void update(String taskId, int version, Object... fields) {
        Map<String, Object> input = new HashMap<>(Map.of("id", taskId, "expectedVersion", version));
        for (int i = 0; i < fields.length; i += 2) {
            input.put((String) fields[i], fields[i + 1]);
        }
        as("government").documentName("updateTask").variable("input", input).execute()
                .path("updateTask.errors").entityList(Object.class).hasSize(0);
    }

    /** Decisions come from migrations only (the API role cannot write them): the test adds its own as the superuser. */
    private static UUID insertDecision(String meeting) throws Exception {
        try (Connection connection = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO decision (meeting, number, title, summary) VALUES (?, 1, 'Test decision', 'A test decision') RETURNING id")) {
            insert.setString(1, meeting);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }
}
