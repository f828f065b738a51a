package org.crmhub.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.task.TaskStatus;

/**
 * What a report's document shows, computed for one viewer: the report's figures, its tasks one
 * by one, and the status of its tasks at the end of each quarter.
 *
 * @param shownItems the IDs of every item the document reflects (plan, workstreams, tasks, indicators, resources)
 */
record ReportData(MonitoringReport report, List<QuarterCounts> history, List<TaskLine> tasks, List<UUID> shownItems) {

    /** The tasks by status at the end of a quarter. */
    record QuarterCounts(ReportPeriod quarter, Map<TaskStatus, Integer> counts) {
    }

    /** One task as the document lists it. */
    record TaskLine(UUID id, String title, TaskStatus status, String responsible, LocalDate dueDate, String workstream) {
    }
}
