package org.crmhub.followup;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.crmhub.task.TaskStatus;

/**
 * How far a decision's implementation has come, from the tasks that implement it and that the
 * viewer may see. The status rule lives here and only here.
 *
 * @param averageProgress the mean progress of the visible tasks not CANCELLED; null without one
 */
public record DecisionImplementation(Status status, int taskCount, List<StatusCount> byStatus, int overdueCount,
                                     Double averageProgress) {

    public enum Status { NOT_STARTED, IN_PROGRESS, AT_RISK, DONE }

    public record StatusCount(TaskStatus status, int count) {
    }

    /** What a decision without a visible task shows. */
    static final DecisionImplementation NONE = of(Map.of(), 0, null);

    /**
     * The implementation of these counts. AT_RISK comes first (a BLOCKED or overdue task, even a
     * late PLANNED one); then DONE when every task is DONE or CANCELLED; then NOT_STARTED when
     * every task is PLANNED or PROPOSED, or there is none; IN_PROGRESS otherwise.
     */
    static DecisionImplementation of(Map<TaskStatus, Integer> counts, int overdue, Double averageProgress) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Status status;
        if (counts.getOrDefault(TaskStatus.BLOCKED, 0) > 0 || overdue > 0) {
            status = Status.AT_RISK;
        } else if (total > 0 && only(counts, TaskStatus.DONE, TaskStatus.CANCELLED)) {
            status = Status.DONE;
        } else if (only(counts, TaskStatus.PLANNED, TaskStatus.PROPOSED)) {
            status = Status.NOT_STARTED;
        } else {
            status = Status.IN_PROGRESS;
        }
        List<StatusCount> byStatus = Arrays.stream(TaskStatus.values())
                .filter(s -> counts.getOrDefault(s, 0) > 0).map(s -> new StatusCount(s, counts.get(s))).toList();
        return new DecisionImplementation(status, total, byStatus, overdue, averageProgress);
    }

    private static boolean only(Map<TaskStatus, Integer> counts, TaskStatus... allowed) {
        List<TaskStatus> ok = List.of(allowed);
        return counts.entrySet().stream().allMatch(e -> e.getValue() == 0 || ok.contains(e.getKey()));
    }
}
