package org.crmhub.monitoring;

import io.r2dbc.spi.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.Reservable;

/** A progress report row. */
public record ProgressReport(UUID id, UUID taskId, LocalDate periodStart, LocalDate periodEnd, String health,
                             String summary, String visibility, boolean reserved, int version, String author,
                             OffsetDateTime createdAt) implements Reservable {

    static final String COLUMNS = "x.id, x.task_id, x.period_start, x.period_end, x.health, x.summary, x.visibility,"
            + " x.reserved, x.version, x.created_by, x.created_at";

    static ProgressReport from(Row row) {
        return new ProgressReport(row.get("id", UUID.class), row.get("task_id", UUID.class),
                row.get("period_start", LocalDate.class), row.get("period_end", LocalDate.class),
                row.get("health", String.class), row.get("summary", String.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class));
    }
}
