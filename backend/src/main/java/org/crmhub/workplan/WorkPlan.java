package org.crmhub.workplan;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** A work plan row. {@code reserved} is its effective reservation (for a plan, its own). */
public record WorkPlan(UUID id, String title, String description, int cycle, String status, UUID presidencyId,
                       String visibility, boolean reserved, int version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt) implements Reservable {

    static final String COLUMNS = "x.id, x.title, x.description, x.cycle, x.status, x.presidency_id, x.visibility,"
            + " x.reserved, x.version, x.created_at, x.updated_at";

    /** What the write path locks and maps. */
    static final ItemRows<WorkPlan> ROWS = new ItemRows<>(ItemType.WORK_PLAN, COLUMNS, WorkPlan::from);

    static WorkPlan from(Row row) {
        return new WorkPlan(row.get("id", UUID.class), row.get("title", String.class), row.get("description", String.class),
                row.get("cycle", Integer.class), row.get("status", String.class), row.get("presidency_id", UUID.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
