package org.crmhub.task;

import io.r2dbc.spi.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/**
 * A task row; {@code overdue} is computed by the database with the same clock as the filter.
 * {@code proposedByOrganisations}: the proposer's organisations, to whom a decision on the
 * proposal is delivered (not in the schema).
 */
public record Task(UUID id, UUID workstreamId, UUID workPlanId, String title, String description, String kind,
                   String status, String responsible, UUID responsibleOrganisationId, LocalDate startDate,
                   LocalDate dueDate, int progress, boolean overdue, String declineReason, String proposedBy,
                   String visibility, boolean reserved, int version, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt, List<String> proposedByOrganisations) implements Reservable {

    static final String OVERDUE = overdue("x");

    /** The overdue rule over the task row aliased {@code alias}, with the database's clock. */
    public static String overdue(String alias) {
        return "(" + alias + ".due_date IS NOT NULL AND " + alias + ".due_date < current_date AND " + alias
                + ".status NOT IN ('DONE', 'CANCELLED'))";
    }

    public static final String COLUMNS = "x.id, x.workstream_id, x.work_plan_id, x.title, x.description, x.kind, x.status,"
            + " x.responsible, x.responsible_organisation_id, x.start_date, x.due_date, x.progress, " + OVERDUE + " AS overdue,"
            + " x.decline_reason, x.proposed_by, x.visibility, x.reserved, x.version, x.created_at, x.updated_at,"
            + " x.proposed_by_organisations";

    /** What the write path locks and maps. */
    public static final ItemRows<Task> ROWS = new ItemRows<>(ItemType.TASK, COLUMNS, Task::from);

    public static Task from(Row row) {
        return new Task(row.get("id", UUID.class), row.get("workstream_id", UUID.class), row.get("work_plan_id", UUID.class),
                row.get("title", String.class), row.get("description", String.class), row.get("kind", String.class),
                row.get("status", String.class), row.get("responsible", String.class),
                row.get("responsible_organisation_id", UUID.class), row.get("start_date", LocalDate.class),
                row.get("due_date", LocalDate.class), row.get("progress", Integer.class), row.get("overdue", Boolean.class),
                row.get("decline_reason", String.class), row.get("proposed_by", String.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class),
                organisations(row.get("proposed_by_organisations", String[].class)));
    }

    private static List<String> organisations(String[] codes) {
        return codes == null ? List.of() : List.of(codes);
    }

    /** A proposal awaiting the tripartite team's decision: only such a task may be accepted or declined. */
    public boolean isPendingProposal() {
        return TaskStatus.PROPOSED.name().equals(status);
    }
}
