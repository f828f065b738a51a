package org.crmhub.meeting;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemRows;
import org.crmhub.item.Reservable;

/** A decision a meeting reached, recorded with its minutes. */
public record MeetingDecision(UUID id, UUID meetingId, int position, String text, String visibility, boolean reserved,
                              int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Reservable {

    /**
     * Its place among the decisions of its meeting that the reader may see (row-level security
     * filters the count): a reserved decision leaves no gap in an uncleared reader's numbering.
     */
    static final String COLUMNS = "x.id, x.meeting_id, (SELECT count(*) FROM meeting_decision d WHERE d.meeting_id = x.meeting_id"
            + " AND (d.position, d.created_at, d.id) <= (x.position, x.created_at, x.id))::int AS position, x.text, x.visibility,"
            + " x.reserved, x.version, x.created_at, x.updated_at";

    static final ItemRows<MeetingDecision> ROWS = new ItemRows<>(ItemType.MEETING_DECISION, COLUMNS, MeetingDecision::from);

    static MeetingDecision from(Row row) {
        return new MeetingDecision(row.get("id", UUID.class), row.get("meeting_id", UUID.class),
                row.get("position", Integer.class), row.get("text", String.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
