package org.crmhub.item;

import java.util.UUID;

/** A row with a UUID primary key: what a global ID is made from. */
public interface Identified {
    UUID id();
}
