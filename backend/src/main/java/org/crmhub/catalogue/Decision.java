package org.crmhub.catalogue;

import io.r2dbc.spi.Row;
import java.util.UUID;
import org.crmhub.item.Identified;

/** A decision of a CRM meeting. */
public record Decision(UUID id, String meeting, int number, String title) implements Identified {

    static Decision from(Row row) {
        return new Decision(row.get("id", UUID.class), row.get("meeting", String.class),
                row.get("number", Integer.class), row.get("title", String.class));
    }
}
