package org.crmhub.registration;

import io.r2dbc.spi.Row;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.meeting.Meeting;
import org.springframework.stereotype.Component;

/**
 * Meetings as events: an OPEN meeting that is PLANNED takes registrations (a HELD one is over, a
 * CANCELLED one takes none). Any kind of meeting may: one online needs seats as much as one in a
 * room.
 */
@Component
class MeetingEvents implements EventSource<Meeting> {


    @Override
    public ItemType type() {
        return ItemType.MEETING;
    }

    @Override
    public String parentColumn() {
        return "meeting_id";
    }

    @Override
    public String eventType() {
        return "meeting";
    }

    @Override
    public ItemRows<Meeting> rows() {
        return Meeting.ROWS;
    }

    @Override
    public EventState state(Meeting meeting) {
        return state(meeting.status(), meeting.reserved());
    }

    @Override
    public String stateColumns() {
        // the same columns, names and types as every source's (Registrations reads them in one UNION)
        return "CAST('MEETING' AS text) AS event_kind, x.status AS event_status, x.reserved AS event_reserved";
    }

    @Override
    public EventState state(Row row) {
        return state(row.get("event_status", String.class), row.get("event_reserved", Boolean.class));
    }

    private static EventState state(String status, boolean reserved) {
        return switch (status) {
            case "CANCELLED" -> new EventState(reserved, "error.eventCancelled");
            case "HELD" -> new EventState(reserved, "error.eventFinished");
            default -> new EventState(reserved, null);
        };
    }
}
