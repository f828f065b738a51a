package org.crmhub.registration;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.Identified;

/**
 * A person registered by an organisation for an event: personal data, read only by those who may
 * see the organisation's registrations ({@code VisibilityPolicy.registrants}). It stores nothing of
 * its event but the event's ID: a viewer who may not see the event reads a null event.
 *
 * @param eventId   the event (the task's ID); null once the event was deleted
 * @param eventType which kind of item {@code eventId} names ({@link EventSource#eventType()})
 * @param seq       the order of registration, which is the order of the waiting list
 */
public record Registration(UUID id, long seq, UUID eventId, String eventType, UUID organisationId, String name,
                           String email, String role, String status, String cancelReason, boolean demo,
                           String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Identified {

    static final String COLUMNS = "x.id, x.seq, x.event_id, x.event_type, x.organisation_id, x.person_name, x.person_email,"
            + " x.person_role, x.status, x.cancel_reason, x.demo, x.created_by, x.created_at, x.updated_at";

    static Registration from(Row row) {
        return new Registration(row.get("id", UUID.class), row.get("seq", Long.class), row.get("event_id", UUID.class),
                row.get("event_type", String.class), row.get("organisation_id", UUID.class),
                row.get("person_name", String.class), row.get("person_email", String.class),
                row.get("person_role", String.class), row.get("status", String.class),
                row.get("cancel_reason", String.class), row.get("demo", Boolean.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }

    boolean isCancelled() {
        return "CANCELLED".equals(status);
    }
}
