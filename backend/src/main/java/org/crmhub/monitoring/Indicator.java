package org.crmhub.monitoring;

import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** An indicator row (IATI-style result measure of a task). */
public record Indicator(UUID id, UUID taskId, String title, String unit, BigDecimal baselineValue, Integer baselineYear,
                        BigDecimal targetValue, String visibility, boolean reserved, int version) implements Reservable {

    static final String COLUMNS = "x.id, x.task_id, x.title, x.unit, x.baseline_value, x.baseline_year, x.target_value,"
            + " x.visibility, x.reserved, x.version";

    /** What the write path locks and maps. */
    static final ItemRows<Indicator> ROWS = new ItemRows<>(ItemType.INDICATOR, COLUMNS, Indicator::from);

    static Indicator from(Row row) {
        return new Indicator(row.get("id", UUID.class), row.get("task_id", UUID.class), row.get("title", String.class),
                row.get("unit", String.class), row.get("baseline_value", BigDecimal.class),
                row.get("baseline_year", Integer.class), row.get("target_value", BigDecimal.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class));
    }
}
