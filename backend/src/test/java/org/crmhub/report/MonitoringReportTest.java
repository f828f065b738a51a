package org.crmhub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The monitoring report as each role may see it: every count, sum and list leaves out what the
 * viewer may not see, and bad input answers a typed error.
 */
@Import(StatementLog.class)
class MonitoringReportTest extends HubTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private Fixture fixture;
    private String done;
    private String openIndicator;

    /**
     * The fixture (an OPEN, a RESERVED and an inherited task; resources of each kind of
     * visibility; a reserved report and indicator), plus a task done today, an OPEN indicator and
     * an OPEN progress report saying OFF_TRACK on the open task.
     */
    @BeforeEach
    void plan() {
        fixture = new Fixture(as("government"));
        String decision22 = as("government").documentName("decisionFollowUp").variable("meeting", "XXI CRM (2016)").execute()
                .path("decisions[?(@.number == 22)].id").entityList(String.class).get().get(0);
        done = Fixture.create(as("government"), "createTask", "task", Map.of("workstreamId", fixture.openWorkstreamId,
                "title", "Done today", "kind", "ACTION", "responsible", "PPT", "decisionIds", List.of(decision22)));
        update(done, 1, "IN_PROGRESS");
        update(done, 2, "DONE");
        openIndicator = Fixture.create(as("government"), "createIndicator", "indicator", Map.of("taskId", fixture.openTaskId,
                "title", "People trained", "unit", "people", "baselineValue", "0", "targetValue", "40"));
        Fixture.create(as("government"), "addProgressReport", "progressReport", Map.of("taskId", fixture.openTaskId,
                "periodStart", TODAY.minusDays(10).toString(), "periodEnd", TODAY.minusDays(5).toString(),
                "health", "OFF_TRACK", "summary", "Behind"));
    }

    private void update(String task, int version, String status) {
        as("government").documentName("updateTask").variable("input", Map.of("id", task, "expectedVersion", version,
                "status", status)).execute().path("updateTask.errors").entityList(Object.class).hasSize(0);
    }

    private GraphQlTester.Response report(String role, Map<String, Object> period, String workstream) {
        Map<String, Object> variables = new HashMap<>(Map.of("plan", fixture.planId, "period", period));
        if (workstream != null) {
            variables.put("workstream", workstream);
        }
        return as(role).documentName("monitoringReport").variables(variables).execute();
    }

    private static Map<String, Object> around(LocalDate day) {
        return Map.of("from", day.minusDays(1).toString(), "to", day.plusDays(1).toString());
    }

    @Test
    void governmentsCountEveryTaskResourceAndWorkstream() {
        report("government", around(TODAY), null)
                .path("monitoringReport.taskCount").entity(Integer.class).isEqualTo(4)
                .path("monitoringReport.tasksByStatus").entityList(Map.class).isEqualTo(List.of(
                        Map.of("status", "PLANNED", "count", 3), Map.of("status", "DONE", "count", 1)))
                .path("monitoringReport.tasksByParty").entityList(Map.class).isEqualTo(List.of(
                        Map.of("party", "PPT", "count", 2), Map.of("party", "ST_CRM", "count", 1), Map.of("party", "ST_RROCM", "count", 1)))
                .path("monitoringReport.completedInPeriod").entity(Integer.class).isEqualTo(1)
                .path("monitoringReport.overdueAtEnd").entity(Integer.class).isEqualTo(2)
                .path("monitoringReport.resources").entityList(Map.class).isEqualTo(List.of(
                        Map.of("kind", "FUNDING", "status", "PLEDGED", "currency", "USD", "amount", "8778.27", "count", 2),
                        Map.of("kind", "STAFF", "status", "CONFIRMED", "currency", "EUR", "amount", "333.33", "count", 1)))
                .path("monitoringReport.indicators[*].indicator.id").entityList(String.class)
                .contains(openIndicator, fixture.reservedIndicatorId).hasSize(2)
                .path("monitoringReport.decisions[*].decision.number").entityList(Integer.class).containsExactly(22);
        // the reserved workstream's latest report (2031) says AT_RISK; the open one's OFF_TRACK
        report("government", Map.of("year", 2031, "quarter", 1), null)
                .path("monitoringReport.from").entity(String.class).isEqualTo("2031-01-01")
                .path("monitoringReport.to").entity(String.class).isEqualTo("2031-03-31")
                .path("monitoringReport.workstreams[*].health").entityList(String.class).containsExactly("OFF_TRACK", "AT_RISK");
    }

    @Test
    void anUnclearedReaderSeesNoReservedItemInAnyFigure() {
        for (String role : UNCLEARED_ROLES) {
            report(role, around(TODAY), null)
                    .path("monitoringReport.taskCount").entity(Integer.class).isEqualTo(2)
                    .path("monitoringReport.tasksByStatus").entityList(Map.class).isEqualTo(List.of(
                            Map.of("status", "PLANNED", "count", 1), Map.of("status", "DONE", "count", 1)))
                    .path("monitoringReport.tasksByParty").entityList(Map.class).isEqualTo(List.of(
                            Map.of("party", "PPT", "count", 1), Map.of("party", "ST_RROCM", "count", 1)))
                    .path("monitoringReport.completedInPeriod").entity(Integer.class).isEqualTo(1)
                    .path("monitoringReport.overdueAtEnd").entity(Integer.class).isEqualTo(1)
                    .path("monitoringReport.resources").entityList(Map.class).isEqualTo(List.of(
                            Map.of("kind", "FUNDING", "status", "PLEDGED", "currency", "USD", "amount", "1000.50", "count", 1)))
                    .path("monitoringReport.indicators[*].indicator.id").entityList(String.class).containsExactly(openIndicator)
                    .path("monitoringReport.workstreams[*].workstream.id").entityList(String.class)
                    .containsExactly(fixture.openWorkstreamId);
            String answer = rawDocument(role, "monitoringReport", Map.of("plan", fixture.planId, "period", Map.of("year", 2031, "quarter", 1)));
            assertThat(answer).as(role).doesNotContain(fixture.marker).doesNotContain("7777.77").doesNotContain("333.33")
                    .doesNotContain(fixture.reservedWorkstreamId);
        }
    }

    @Test
    void badInputAnswersATypedError() {
        assertRefused("government", Map.of("from", TODAY.toString(), "to", TODAY.minusDays(1).toString()), null,
                "VALIDATION", List.of("period", "to"));
        assertRefused("government", Map.of("year", 2031, "quarter", 5), null, "VALIDATION", List.of("period", "quarter"));
        assertRefused("government", Map.of("year", 2031, "quarter", 1, "from", TODAY.toString()), null,
                "VALIDATION", List.of("period"));
        // a reserved workstream does not exist for an uncleared reader; a cleared one gets its report
        assertRefused("civil-society", around(TODAY), fixture.reservedWorkstreamId, "NOT_FOUND", List.of("workstreamId"));
        report("government", around(TODAY), fixture.reservedWorkstreamId).path("monitoringReport.taskCount")
                .entity(Integer.class).isEqualTo(1);
        // another plan's workstream
        Fixture other = new Fixture(as("government"));
        assertRefused("government", around(TODAY), other.openWorkstreamId, "VALIDATION", List.of("workstreamId"));
        report("government", Map.of("year", 2031, "quarter", 4), fixture.openWorkstreamId)
                .path("monitoringReport.from").entity(String.class).isEqualTo("2031-10-01")
                .path("monitoringReport.to").entity(String.class).isEqualTo("2031-12-31")
                .path("monitoringReport.taskCount").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void aReportCostsTheSameStatementsWhateverThePlansSize() {
        report("government", around(TODAY), null).path("monitoringReport.taskCount").hasValue();   // warm up
        StatementLog.clear();
        report("government", around(TODAY), null).path("monitoringReport.taskCount").entity(Integer.class).isEqualTo(4);
        int small = StatementLog.sent().size();
        for (int i = 0; i < 15; i++) {
            String task = Fixture.create(as("government"), "createTask", "task", Map.of("workstreamId", fixture.openWorkstreamId,
                    "title", "More " + i, "kind", "ACTION", "responsible", "ST_CRM"));
            Fixture.create(as("government"), "createIndicator", "indicator", Map.of("taskId", task, "title", "Measure " + i,
                    "unit", "people"));
        }
        StatementLog.clear();
        report("government", around(TODAY), null).path("monitoringReport.taskCount").entity(Integer.class).isEqualTo(19);
        int large = StatementLog.sent().size();
        // plan, tasks, indicators and their values, resources, contributions, health and its workstreams, decisions and theirs
        assertThat(small).isEqualTo(large).isLessThanOrEqualTo(12);
    }

    private void assertRefused(String role, Map<String, Object> period, String workstream, String code, List<String> field) {
        report(role, period, workstream).errors().satisfy(errors -> {
            assertThat(errors).as("%s", errors).hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", code).containsEntry("field", field);
        }).path("monitoringReport").valueIsNull();
    }
}
