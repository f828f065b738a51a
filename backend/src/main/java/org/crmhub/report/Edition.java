package org.crmhub.report;

import java.util.List;
import java.util.Set;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;

/**
 * The two editions of a report: what a viewer with RESERVED clearance sees (the governments'),
 * and what everyone else sees (civil society's, which reflects no reserved item).
 */
enum Edition {
    CIVIL_SOCIETY,
    GOVERNMENT;

    /** The viewer a civil-society edition is computed for: uncleared, of no organisation. */
    static final Viewer CIVIL_SOCIETY_READER = new Viewer("report:civil-society", Set.of(Role.CIVIL_SOCIETY), List.of());
    /** The viewer a government edition is computed for (the hub's own publishing). */
    static final Viewer GOVERNMENT_READER = new Viewer("report:government", Set.of(Role.GOVERNMENT), List.of());

    static Edition of(Viewer viewer) {
        return VisibilityPolicy.canSeeReserved(viewer) ? GOVERNMENT : CIVIL_SOCIETY;
    }

    Viewer reader() {
        return this == GOVERNMENT ? GOVERNMENT_READER : CIVIL_SOCIETY_READER;
    }
}
