package org.crmhub.registration;

import io.r2dbc.spi.Row;
import java.util.Set;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.task.Task;
import org.springframework.stereotype.Component;

/**
 * Tasks as events: an OPEN task of kind WORKSHOP, SEMINAR or CONSULTATION that is neither a
 * proposal, nor done, nor cancelled takes registrations.
 */
@Component
class TaskEvents implements EventSource<Task> {

    /** The kinds of task that people attend. */
    static final Set<String> KINDS = Set.of("WORKSHOP", "SEMINAR", "CONSULTATION");


    @Override
    public ItemType type() {
        return ItemType.TASK;
    }

    @Override
    public String parentColumn() {
        return "task_id";
    }

    @Override
    public String eventType() {
        return "task";
    }

    @Override
    public ItemRows<Task> rows() {
        return Task.ROWS;
    }

    @Override
    public EventState state(Task task) {
        return state(task.kind(), task.status(), task.reserved());
    }

    @Override
    public String stateColumns() {
        return "x.kind AS event_kind, x.status AS event_status, x.reserved AS event_reserved";
    }

    @Override
    public EventState state(Row row) {
        return state(row.get("event_kind", String.class), row.get("event_status", String.class),
                row.get("event_reserved", Boolean.class));
    }

    private static EventState state(String kind, String status, boolean reserved) {
        if (!KINDS.contains(kind)) {
            return new EventState(reserved, "error.notAnEventKind");
        }
        return switch (status) {
            case "CANCELLED" -> new EventState(reserved, "error.eventCancelled");
            case "DONE" -> new EventState(reserved, "error.eventFinished");
            case "PROPOSED" -> new EventState(reserved, "error.eventProposed");
            default -> new EventState(reserved, null);
        };
    }
}
