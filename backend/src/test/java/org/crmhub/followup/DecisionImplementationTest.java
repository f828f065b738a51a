package org.crmhub.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.task.TaskStatus.BLOCKED;
import static org.crmhub.task.TaskStatus.CANCELLED;
import static org.crmhub.task.TaskStatus.DONE;
import static org.crmhub.task.TaskStatus.IN_PROGRESS;
import static org.crmhub.task.TaskStatus.PLANNED;
import static org.crmhub.task.TaskStatus.PROPOSED;

import java.util.Map;
import org.crmhub.followup.DecisionImplementation.Status;
import org.crmhub.followup.DecisionImplementation.StatusCount;
import org.crmhub.task.TaskStatus;
import org.junit.jupiter.api.Test;

/** The implementation status rule, case by case (the figures come from the database: DecisionFollowUpTest). */
class DecisionImplementationTest {

    private static Status status(Map<TaskStatus, Integer> counts, int overdue) {
        return DecisionImplementation.of(counts, overdue, null).status();
    }

    @Test
    void withoutAVisibleTaskNothingHasStarted() {
        assertThat(DecisionImplementation.NONE.status()).isEqualTo(Status.NOT_STARTED);
        assertThat(DecisionImplementation.NONE.taskCount()).isZero();
        assertThat(DecisionImplementation.NONE.byStatus()).isEmpty();
        assertThat(DecisionImplementation.NONE.averageProgress()).isNull();
    }

    @Test
    void plannedAndProposedTasksOnlyHaveNotStarted() {
        assertThat(status(Map.of(PLANNED, 2, PROPOSED, 1), 0)).isEqualTo(Status.NOT_STARTED);
    }

    @Test
    void doneAndCancelledTasksOnlyAreDone() {
        assertThat(status(Map.of(DONE, 3, CANCELLED, 1), 0)).isEqualTo(Status.DONE);
        assertThat(status(Map.of(CANCELLED, 1), 0)).isEqualTo(Status.DONE);
    }

    @Test
    void aBlockedOrOverdueTaskPutsItAtRiskWhateverTheOthers() {
        assertThat(status(Map.of(BLOCKED, 1, DONE, 5), 0)).isEqualTo(Status.AT_RISK);
        // a late PLANNED task: at risk, not merely not started
        assertThat(status(Map.of(PLANNED, 2), 1)).isEqualTo(Status.AT_RISK);
        assertThat(status(Map.of(IN_PROGRESS, 1), 1)).isEqualTo(Status.AT_RISK);
    }

    @Test
    void anythingElseIsInProgress() {
        assertThat(status(Map.of(IN_PROGRESS, 1), 0)).isEqualTo(Status.IN_PROGRESS);
        assertThat(status(Map.of(PLANNED, 1, DONE, 1), 0)).isEqualTo(Status.IN_PROGRESS);
        assertThat(status(Map.of(PROPOSED, 1, CANCELLED, 1), 0)).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void countsAreListedInTheOrderOfTaskStatusWithoutEmptyOnes() {
        DecisionImplementation implementation = DecisionImplementation.of(Map.of(DONE, 1, PLANNED, 2, BLOCKED, 0), 0, 12.5);
        assertThat(implementation.byStatus()).containsExactly(new StatusCount(PLANNED, 2), new StatusCount(DONE, 1));
        assertThat(implementation.taskCount()).isEqualTo(3);
        assertThat(implementation.averageProgress()).isEqualTo(12.5);
    }
}
