package org.crmhub.meeting;

import io.r2dbc.spi.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/** A meeting row. */
public record Meeting(UUID id, UUID workPlanId, String kind, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                      String timeZone, String venue, String link, UUID hostOrganisationId, UUID taskId, String status,
                      String minutesText, OffsetDateTime minutesRecordedAt, String visibility, boolean reserved,
                      int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Reservable {

    public static final String COLUMNS = "x.id, x.work_plan_id, x.kind, x.title, x.starts_at, x.ends_at, x.time_zone, x.venue,"
            + " x.link, x.host_organisation_id, x.task_id, x.status, x.minutes, x.minutes_recorded_at, x.visibility,"
            + " x.reserved, x.version, x.created_at, x.updated_at";

    /** What the write path locks and maps. */
    public static final ItemRows<Meeting> ROWS = new ItemRows<>(ItemType.MEETING, COLUMNS, Meeting::from);

    /** The minutes of a held meeting, once recorded. */
    public record Minutes(UUID meetingId, String text, OffsetDateTime recordedAt) {
    }

    /** An agenda item. */
    public record AgendaItem(int position, String title) {
    }

    public Minutes minutes() {
        return minutesRecordedAt == null ? null : new Minutes(id, minutesText, minutesRecordedAt);
    }

    public static Meeting from(Row row) {
        return new Meeting(row.get("id", UUID.class), row.get("work_plan_id", UUID.class), row.get("kind", String.class),
                row.get("title", String.class), row.get("starts_at", OffsetDateTime.class),
                row.get("ends_at", OffsetDateTime.class), row.get("time_zone", String.class), row.get("venue", String.class),
                row.get("link", String.class), row.get("host_organisation_id", UUID.class), row.get("task_id", UUID.class),
                row.get("status", String.class), row.get("minutes", String.class),
                row.get("minutes_recorded_at", OffsetDateTime.class), row.get("visibility", String.class),
                row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
