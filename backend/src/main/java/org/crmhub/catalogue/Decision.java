package org.crmhub.catalogue;

import io.r2dbc.spi.Row;
import java.util.UUID;
import org.crmhub.item.Identified;

/** A decision of a CRM meeting. */
public record Decision(UUID id, String meeting, int number, String title, String summary) implements Identified {

    /** The select list over alias {@code d}. */
    static final String COLUMNS = "d.id, d.meeting, d.number, d.title, d.summary";

    public static Decision from(Row row) {
        return new Decision(row.get("id", UUID.class), row.get("meeting", String.class),
                row.get("number", Integer.class), row.get("title", String.class), row.get("summary", String.class));
    }
}
