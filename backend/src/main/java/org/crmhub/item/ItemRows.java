package org.crmhub.item;

import io.r2dbc.spi.Row;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the write path reads the rows of one reservable type: the columns it selects (table alias
 * {@code x}) and the mapper to the feature's row record. Each feature declares this once, next to
 * its row record.
 */
public record ItemRows<T extends Reservable>(ItemType type, String columns, Function<Row, T> mapper) {

    /** The columns every reservable row has. */
    static final String COMMON_COLUMNS = "x.id, x.visibility, x.reserved, x.version";

    public ItemRows {
        if (!type.reservable()) {
            // catalogue entries are always public: nothing classifies, versions or audits them
            throw new IllegalArgumentException(type + " is not reservable");
        }
    }

    /**
     * The rows of any reservable type, reduced to what they all share: for code that handles every
     * type alike (classification, the subject of a comment) and so knows no feature's record.
     */
    public static ItemRows<Common> common(ItemType type) {
        return new ItemRows<>(type, COMMON_COLUMNS, Common::from);
    }

    /** What every reservable row has. */
    public record Common(UUID id, String visibility, boolean reserved, int version) implements Reservable {

        static Common from(Row row) {
            return new Common(row.get("id", UUID.class), row.get("visibility", String.class),
                    row.get("reserved", Boolean.class), row.get("version", Integer.class));
        }
    }
}
