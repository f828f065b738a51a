package org.crmhub.suggestion;

import io.r2dbc.spi.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** A suggestion row. Its visibility is always OPEN (only its answer may be reserved, V15). */
public record Suggestion(UUID id, UUID organisationId, String text, String madeAt, LocalDate madeOn, String visibility,
                         boolean reserved, int version, String createdBy, OffsetDateTime createdAt,
                         OffsetDateTime updatedAt) implements Reservable {

    static final String COLUMNS = "x.id, x.organisation_id, x.body, x.made_at, x.made_on, x.visibility, x.reserved,"
            + " x.version, x.created_by, x.created_at, x.updated_at";

    static final ItemRows<Suggestion> ROWS = new ItemRows<>(ItemType.SUGGESTION, COLUMNS, Suggestion::from);

    static Suggestion from(Row row) {
        return new Suggestion(row.get("id", UUID.class), row.get("organisation_id", UUID.class), row.get("body", String.class),
                row.get("made_at", String.class), row.get("made_on", LocalDate.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
