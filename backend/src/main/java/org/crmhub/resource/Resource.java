package org.crmhub.resource;

import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** A resource row. */
public record Resource(UUID id, UUID workPlanId, UUID taskId, String kind, String status, String description,
                       UUID providerId, BigDecimal amountValue, String currency, String visibility, boolean reserved,
                       int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Reservable {

    static final String COLUMNS = "x.id, x.work_plan_id, x.task_id, x.kind, x.status, x.description, x.provider_id,"
            + " x.amount, x.currency, x.visibility, x.reserved, x.version, x.created_at, x.updated_at";

    /** What the write path locks and maps. */
    static final ItemRows<Resource> ROWS = new ItemRows<>(ItemType.RESOURCE, COLUMNS, Resource::from);

    /** An amount of money in one currency. */
    public record Money(BigDecimal amount, String currency) {
    }

    /** The schema's {@code amount}: null for resources without a value. */
    public Money amount() {
        return amountValue == null ? null : new Money(amountValue, currency);
    }

    static Resource from(Row row) {
        return new Resource(row.get("id", UUID.class), row.get("work_plan_id", UUID.class), row.get("task_id", UUID.class),
                row.get("kind", String.class), row.get("status", String.class), row.get("description", String.class),
                row.get("provider_id", UUID.class), row.get("amount", BigDecimal.class), trim(row.get("currency", String.class)),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
