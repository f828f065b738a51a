package org.crmhub.suggestion;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/**
 * The answer to a suggestion, as a row of its own (V15), or as an uncleared viewer reads an answer
 * classified RESERVED: {@link #unanswered}, indistinguishable from one never answered.
 */
public record SuggestionResponse(UUID id, UUID suggestionId, String status, String reason, String answeredBy,
                                 OffsetDateTime answeredAt, String visibility, boolean reserved, int version)
        implements Reservable {

    /** Stands in for an answer the viewer may not see: no item has this ID, so it has no history and no tasks. */
    static final UUID NONE = new UUID(0, 0);

    static final String COLUMNS = "x.id, x.suggestion_id, x.status, x.reason, x.answered_by, x.answered_at, x.visibility,"
            + " x.reserved, x.version";

    static final ItemRows<SuggestionResponse> ROWS = new ItemRows<>(ItemType.SUGGESTION_RESPONSE, COLUMNS,
            SuggestionResponse::from);

    /** A suggestion's answer before anyone answers it: what uncleared viewers read for a RESERVED one. */
    static SuggestionResponse unanswered(UUID suggestionId) {
        return new SuggestionResponse(NONE, suggestionId, "PENDING", null, null, null, "OPEN", false, 1);
    }

    SuggestionStatus statusValue() {
        return SuggestionStatus.valueOf(status);
    }

    static SuggestionResponse from(Row row) {
        return new SuggestionResponse(row.get("id", UUID.class), row.get("suggestion_id", UUID.class),
                row.get("status", String.class), row.get("reason", String.class), row.get("answered_by", String.class),
                row.get("answered_at", OffsetDateTime.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class));
    }
}
