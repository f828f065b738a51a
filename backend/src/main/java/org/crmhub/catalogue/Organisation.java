package org.crmhub.catalogue;

import io.r2dbc.spi.Row;
import java.util.UUID;
import org.crmhub.item.Identified;

/** A country or organisation of the catalogue. */
public record Organisation(UUID id, String code, String name, String kind, String country, UUID networkId)
        implements Identified {

    static final String COLUMNS = "o.id, o.code, o.name, o.kind, o.country, o.network_id";

    static Organisation from(Row row) {
        return new Organisation(row.get("id", UUID.class), row.get("code", String.class), row.get("name", String.class),
                row.get("kind", String.class), row.get("country", String.class), row.get("network_id", UUID.class));
    }
}
