package org.crmhub.workplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.crmhub.item.GlobalId;
import org.crmhub.visibility.ClearanceConnectionFactory;

/**
 * No N+1: the nested read of a work plan (workstreams → tasks → resources, decisions,
 * organisations) sends the same number of SQL statements whether the plan holds 5 tasks or 50
 * times more. Statements are counted as r2dbc-proxy sees them ({@link StatementLog}).
 */
@Import(StatementLog.class)
class StatementCountTest extends HubTest {

    @Autowired
    DatabaseClient db;

    @Test
    void theNestedReadOfAWorkPlanSendsAConstantNumberOfStatements() {
        Fixture small = new Fixture(as("government"));
        grow(small, 1, 5);
        Fixture large = new Fixture(as("government"));
        grow(large, 10, 50);

        int smallCount = count(small.planId);
        int largeCount = count(large.planId);
        // work plan, presidency, summary, workstreams, tasks, organisations, decisions, resources, providers
        assertThat(smallCount).isEqualTo(largeCount).isBetween(5, 9);
        assertThat(rawDocument("civil-society", "nestedWorkPlan", Map.of("id", large.planId))).contains("Bulk task 9-49");
    }

    /**
     * The registrations of every event of a plan (workstreams → tasks → registration settings,
     * registrations → organisation, event, waiting position, viewerCanCancel) cost the same
     * statements for 3 events with 2 registrations each as for 100 events with 6 each.
     */
    @Test
    void theRegistrationsOfAPlansEventsCostAConstantNumberOfStatements() {
        Fixture small = new Fixture(as("government"));
        grow(small, 1, 3);
        registrations(small, 2);
        Fixture large = new Fixture(as("government"));
        grow(large, 5, 20);
        registrations(large, 6);

        int smallCount = countRegistrations(small.planId);
        int largeCount = countRegistrations(large.planId);
        // plan, workstreams, tasks, settings, registrations, organisations (+ the network), events, waiting positions
        assertThat(smallCount).isEqualTo(largeCount).isBetween(6, 11);
        assertThat(rawDocument("st-rrocm", "workstreamTaskRegistrations", Map.of("id", large.planId)))
                .contains("Bulk person 5").contains("\"waitingPosition\":1");
    }

    private int countRegistrations(String planId) {
        as("st-rrocm").documentName("workstreamTaskRegistrations").variable("id", planId).execute()
                .path("workPlan.workstreams").hasValue();   // warm up
        StatementLog.clear();
        as("st-rrocm").documentName("workstreamTaskRegistrations").variable("id", planId).execute()
                .path("workPlan.workstreams").hasValue();
        int statements = StatementLog.sent().size();
        System.out.println("Registrations of " + planId + ": " + statements + " SQL statements");
        return statements;
    }

    /** Opens registrations on every task of the plan, with {@code each} people on each (the last one waiting). */
    private void registrations(Fixture fixture, int each) {
        String plan = GlobalId.parse(fixture.planId).orElseThrow().id().toString();
        db.sql("INSERT INTO registration_event (id, task_id, capacity, deadline, created_by)"
                        + " SELECT t.id, t.id, :seats, now() + interval '30 days', 'test' FROM task t"
                        + " WHERE t.work_plan_id = CAST(:plan AS uuid) AND NOT t.reserved")
                .bind("plan", plan).bind("seats", each - 1).then()
                .then(db.sql("INSERT INTO registration (event_id, organisation_id, person_name, person_email, status, created_by)"
                                + " SELECT e.id, (SELECT id FROM organisation WHERE code = 'CSO-GT-1'), 'Bulk person ' || n,"
                                + " 'bulk' || n || '@example.org', CASE WHEN n = :each THEN 'WAITLISTED' ELSE 'CONFIRMED' END, 'test'"
                                + " FROM registration_event e JOIN task t ON t.id = e.task_id, generate_series(1, :each) n"
                                + " WHERE t.work_plan_id = CAST(:plan AS uuid)")
                        .bind("plan", plan).bind("each", each).then())
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }

    private int count(String planId) {
        // graphql-test/nestedWorkPlan.graphql: workstreams → tasks → resources, decisions, organisations
        as("civil-society").documentName("nestedWorkPlan").variable("id", planId).execute().path("workPlan.title").hasValue();   // warm up
        StatementLog.clear();
        as("civil-society").documentName("nestedWorkPlan").variable("id", planId).execute()
                .path("workPlan.workstreams.totalCount").hasValue();
        int statements = StatementLog.sent().size();
        System.out.println("Nested read of " + planId + ": " + statements + " SQL statements");
        return statements;
    }

    /** Adds workstreams of tasks, each task with a resource and two decisions, in a few statements. */
    private void grow(Fixture fixture, int workstreams, int tasksEach) {
        String plan = GlobalId.parse(fixture.planId).orElseThrow().id().toString();
        db.sql("""
                WITH ws AS (
                    INSERT INTO workstream (work_plan_id, title, lead, created_by)
                    SELECT CAST(:plan AS uuid), 'Bulk line ' || w, 'PPT', 'test' FROM generate_series(0, :ws - 1) w
                    RETURNING id, title),
                t AS (
                    INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible,
                                      responsible_organisation_id, due_date, created_by)
                    SELECT ws.id, CAST(:plan AS uuid), 'Bulk task ' || substr(ws.title, 11) || '-' || n, 'ACTION',
                           'PLANNED', 'PPT', (SELECT id FROM organisation WHERE code = 'SV'), DATE '2030-01-01' + n, 'test'
                    FROM ws, generate_series(0, :tasks - 1) n
                    RETURNING id),
                r AS (
                    INSERT INTO resource (work_plan_id, task_id, kind, status, description, provider_id, amount, currency, created_by)
                    SELECT CAST(:plan AS uuid), t.id, 'FUNDING', 'PLEDGED', 'Bulk money', (SELECT id FROM organisation WHERE code = 'CA'),
                           100.00, 'USD', 'test' FROM t
                    RETURNING id)
                SELECT count(*) FROM r
                """)
                .bind("plan", plan).bind("ws", workstreams).bind("tasks", tasksEach)
                .then()
                // a statement of its own: the link's row-level check must see the new tasks
                .then(db.sql("""
                        INSERT INTO task_decision (task_id, decision_id)
                        SELECT t.id, d.id FROM task t, decision d
                        WHERE t.work_plan_id = CAST(:plan AS uuid) AND t.title LIKE 'Bulk task %' AND d.number IN (22, 23)""")
                        .bind("plan", plan).then())
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }
}
