package org.crmhub.collaboration;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.Reservable;

/** A comment row, with the table and ID of the item it is on. */
public record Comment(UUID id, String body, String author, String visibility, boolean reserved, int version,
                      OffsetDateTime createdAt, String subjectType, UUID subjectId) implements Reservable {

    static final String COLUMNS = "x.id, x.body, x.created_by, x.visibility, x.reserved, x.version, x.created_at,"
            + " x.subject_type, x.subject_id";

    static Comment from(Row row) {
        return new Comment(row.get("id", UUID.class), row.get("body", String.class), row.get("created_by", String.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("subject_type", String.class),
                row.get("subject_id", UUID.class));
    }
}
