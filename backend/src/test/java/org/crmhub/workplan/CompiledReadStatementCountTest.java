package org.crmhub.workplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The nested read that the compiled path answers (work plan → workstreams → tasks → resources,
 * with counts) costs exactly one SQL statement, whether the plan holds 2 tasks or 1,000.
 */
@Import(StatementLog.class)
class CompiledReadStatementCountTest extends HubTest {

    @Autowired
    DatabaseClient db;

    @Test
    void theCompiledNestedReadIsOneStatementWhateverTheSizeOfThePlan() {
        Fixture small = new Fixture(as("government"));
        Fixture large = new Fixture(as("government"));
        addTasks(large, 10, 100);
        assertThat(statementsToRead(small.planId)).isEqualTo(1);
        assertThat(statementsToRead(large.planId)).isEqualTo(1);
    }

    private int statementsToRead(String planId) {
        as("civil-society").documentName("benchmarkPlan").variable("plan", planId).execute()
                .path("workPlan.title").hasValue();   // warm up: the connection's clearance is set once
        StatementLog.clear();
        as("civil-society").documentName("benchmarkPlan").variable("plan", planId).execute()
                .path("workPlan.workstreams.totalCount").hasValue();
        return StatementLog.sent().size();
    }

    private void addTasks(Fixture fixture, int workstreams, int tasksEach) {
        UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        db.sql("""
                WITH ws AS (
                    INSERT INTO workstream (work_plan_id, title, lead, created_by)
                    SELECT :plan, 'Bulk line ' || w, 'PPT', 'test' FROM generate_series(1, :ws) w RETURNING id),
                t AS (
                    INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, created_by)
                    SELECT ws.id, :plan, 'Bulk task ' || n, 'ACTION', 'PLANNED', 'PPT', 'test'
                    FROM ws, generate_series(1, :tasks) n RETURNING id)
                INSERT INTO resource (work_plan_id, task_id, kind, status, description, amount, currency, created_by)
                SELECT :plan, t.id, 'FUNDING', 'PLEDGED', 'Bulk money', 100.00, 'USD', 'test' FROM t
                """)
                .bind("plan", plan).bind("ws", workstreams).bind("tasks", tasksEach)
                .then().contextWrite(ClearanceConnectionFactory.system()).block();
    }
}
