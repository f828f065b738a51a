package org.crmhub.live;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of the event log (migration V5). */
record ChangeEvent(long position, UUID workPlanId, String itemType, UUID itemId, String kind, Boolean reservedBefore,
                   Boolean reservedAfter, OffsetDateTime at) {

    static final String COLUMNS = "position, work_plan_id, item_type, item_id, kind, reserved_before, reserved_after, at";

    static ChangeEvent from(Row row) {
        return new ChangeEvent(row.get("position", Long.class), row.get("work_plan_id", UUID.class),
                row.get("item_type", String.class), row.get("item_id", UUID.class), row.get("kind", String.class),
                row.get("reserved_before", Boolean.class), row.get("reserved_after", Boolean.class),
                row.get("at", OffsetDateTime.class));
    }
}
