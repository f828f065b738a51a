package org.crmhub.registration;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event's registration settings with the seats taken and the waiting list's length (numbers
 * only: every viewer who sees the event may read them, observers included).
 *
 * @param eventType     the kind of event ({@code registration.event_type}): task or meeting
 * @param accepting     false once registrations were closed (by hand, or by the event)
 * @param closedReason  CLOSED, EVENT_CANCELLED or EVENT_WITHDRAWN; null while accepting
 * @param beforeDeadline whether the deadline is still ahead (by the database's clock)
 * @param eventTakesRegistrations whether the event's kind and status let it take registrations
 */
public record RegistrationSettings(UUID eventId, String eventType, int capacity, OffsetDateTime deadline, Integer seatsPerOrganisation,
                                   boolean accepting, String closedReason, boolean beforeDeadline, int seatsTaken,
                                   int waitingCount, boolean eventTakesRegistrations) {

    /** The settings' columns over alias {@code e} with counts from {@code c} (hub_registration_counts). */
    static final String COLUMNS = "e.id, e.capacity, e.deadline, e.seats_per_organisation, e.accepting, e.closed_reason,"
            + " e.deadline > now() AS before_deadline, coalesce(c.confirmed, 0) AS confirmed, coalesce(c.waiting, 0) AS waiting";

    /** A row read with {@link #COLUMNS}, of an event that takes registrations or not ({@link EventSource.EventState}). */
    static RegistrationSettings from(Row row, String eventType, boolean eventTakesRegistrations) {
        return new RegistrationSettings(row.get("id", UUID.class), eventType, row.get("capacity", Integer.class),
                row.get("deadline", OffsetDateTime.class), row.get("seats_per_organisation", Integer.class),
                row.get("accepting", Boolean.class), row.get("closed_reason", String.class),
                row.get("before_deadline", Boolean.class), row.get("confirmed", Long.class).intValue(),
                row.get("waiting", Long.class).intValue(), eventTakesRegistrations);
    }

    /** Whether it takes registrations now: open, before the deadline, and the event takes them. */
    public boolean open() {
        return accepting && beforeDeadline && eventTakesRegistrations;
    }

    public int seatsLeft() {
        return Math.max(0, capacity - seatsTaken);
    }
}
