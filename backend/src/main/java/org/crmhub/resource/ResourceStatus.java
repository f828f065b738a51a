package org.crmhub.resource;

/**
 * A resource's status: forward along IDENTIFIED → REQUESTED → PLEDGED → CONFIRMED → DELIVERED
 * (a provider may pledge without being asked, so steps may be skipped), or WITHDRAWN from any
 * status but the final two.
 */
enum ResourceStatus {
    IDENTIFIED, REQUESTED, PLEDGED, CONFIRMED, DELIVERED, WITHDRAWN;

    boolean isFinal() {
        return this == DELIVERED || this == WITHDRAWN;
    }

    boolean canBecome(ResourceStatus next) {
        if (isFinal()) {
            return false;
        }
        return next == WITHDRAWN || next.ordinal() > ordinal();
    }
}
