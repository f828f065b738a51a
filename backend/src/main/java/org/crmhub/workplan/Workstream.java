package org.crmhub.workplan;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** A workstream row. */
public record Workstream(UUID id, UUID workPlanId, String title, String description, String lead, String visibility,
                         boolean reserved, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt)
        implements Reservable {

    static final String COLUMNS = "x.id, x.work_plan_id, x.title, x.description, x.lead, x.visibility, x.reserved,"
            + " x.version, x.created_at, x.updated_at";

    /** What the write path locks and maps. */
    static final ItemRows<Workstream> ROWS = new ItemRows<>(ItemType.WORKSTREAM, COLUMNS, Workstream::from);

    static Workstream from(Row row) {
        return new Workstream(row.get("id", UUID.class), row.get("work_plan_id", UUID.class), row.get("title", String.class),
                row.get("description", String.class), row.get("lead", String.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
