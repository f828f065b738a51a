package org.crmhub.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * A task's status and the changes it allows. Leaving PROPOSED is the tripartite team's decision
 * on a proposal, so only acceptProposal and declineProposal do it.
 */
public enum TaskStatus {
    PROPOSED, PLANNED, IN_PROGRESS, BLOCKED, DONE, CANCELLED;

    /** The statuses updateTask may move this status to. */
    Set<TaskStatus> next() {
        return switch (this) {
            case PROPOSED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
            case PLANNED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(BLOCKED, DONE, CANCELLED);
            case BLOCKED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case DONE -> EnumSet.of(IN_PROGRESS);
        };
    }
}
