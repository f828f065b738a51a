package org.crmhub.registration;

import io.r2dbc.spi.Row;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/**
 * A kind of item that can be an event taking registrations: where its rows live, how the write
 * path locks them (so that whoever may edit the item sets its registration settings), and the state
 * that decides whether it takes registrations. {@link TaskEvents} is the one there is; a meeting
 * source goes beside it, with its own parent column in {@code registration_event} (migration V14).
 *
 * @param <T> the item's row as the write path maps it
 */
interface EventSource<T extends Reservable> {

    /** The item type whose IDs name events of this source. */
    ItemType type();

    /** The column of {@code registration_event} (and the value of {@code registration.event_type}) for this source. */
    String parentColumn();

    /** How {@code registration.event_type} names this source. */
    String eventType();

    /** How the write path locks and maps the item (for the settings, which need {@code EDIT} on it). */
    ItemRows<T> rows();

    /** The state of a locked row. */
    EventState state(T row);

    /**
     * The select list over the item's row aliased {@code x} that {@link #state(Row)} reads, for
     * statements that lock the settings row and read the event's state at once.
     */
    String stateColumns();

    /** The state from a row read with {@link #stateColumns()}. */
    EventState state(Row row);

    /**
     * Whether an event takes registrations: its kind may, it is neither cancelled nor finished, and
     * it is OPEN (not effectively reserved).
     *
     * @param reason why it takes none (a message key), or null when it does
     */
    record EventState(boolean reserved, String reason) {

        boolean takesRegistrations() {
            return reason == null && !reserved;
        }
    }
}
