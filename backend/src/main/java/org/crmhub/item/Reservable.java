package org.crmhub.item;

/**
 * A row of a reservable type ({@link ItemType#reservable()}): what the write path needs to check
 * and version it. Every reservable row record implements this, so {@code effectiveVisibility} is
 * written once.
 */
public interface Reservable extends Identified {

    /** The item's own choice, OPEN or RESERVED: what a government set with {@code setVisibility}. */
    String visibility();

    /**
     * Whether the item is effectively reserved (it or any ancestor is RESERVED). The database
     * derives it (migration V2); the application only reads it.
     */
    boolean reserved();

    /** The optimistic-locking version that mutations compare with {@code expectedVersion}. */
    int version();

    /** The schema's {@code effectiveVisibility}. */
    default String effectiveVisibility() {
        return reserved() ? "RESERVED" : "OPEN";
    }
}
