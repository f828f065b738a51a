package org.crmhub.workplan;

/** A work plan's life cycle: DRAFT → ADOPTED → CLOSED, one step at a time and never back. */
enum WorkPlanStatus {
    DRAFT, ADOPTED, CLOSED;

    boolean canBecome(WorkPlanStatus next) {
        return next.ordinal() == ordinal() + 1;
    }
}
