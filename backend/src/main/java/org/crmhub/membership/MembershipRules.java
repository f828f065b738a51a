package org.crmhub.membership;

import static org.crmhub.security.Role.CIVIL_SOCIETY;
import static org.crmhub.security.Role.HUB_ADMIN;
import static org.crmhub.security.Role.ST_CRM;
import static org.crmhub.security.Role.ST_RROCM;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;

/**
 * Who may manage whose account (mission.md's matrix, last row): st-crm and hub-admin manage every
 * organisation; st-rrocm manages the civil-society organisations of its own network and may grant
 * only the civil-society role; nobody grants a role they have no right to grant (only hub-admin
 * grants hub-admin).
 */
final class MembershipRules {

    private MembershipRules() {
    }

    /** Whether the viewer manages the accounts of this organisation; {@code networkId} is the RROCM's. */
    static boolean managesOrganisation(Viewer viewer, Organisation organisation, UUID networkId) {
        if (viewer.hasAny(ST_CRM, HUB_ADMIN)) {
            return true;
        }
        return viewer.has(ST_RROCM) && networkId != null && networkId.equals(organisation.networkId());
    }

    static Set<Role> grantableRoles(Viewer viewer) {
        if (viewer.has(HUB_ADMIN)) {
            return EnumSet.allOf(Role.class);
        }
        if (viewer.has(ST_CRM)) {
            return EnumSet.complementOf(EnumSet.of(HUB_ADMIN));
        }
        return viewer.has(ST_RROCM) ? EnumSet.of(CIVIL_SOCIETY) : EnumSet.noneOf(Role.class);
    }

    static void requireManages(Viewer viewer, Organisation organisation, UUID networkId) {
        if (!managesOrganisation(viewer, organisation, networkId)) {
            throw new UserErrorException(UserError.forbidden("error.mayNotManageOrganisation"));
        }
    }

    static void requireGrantable(Viewer viewer, Role role) {
        if (!grantableRoles(viewer).contains(role)) {
            throw new UserErrorException(UserError.of(ErrorCode.FORBIDDEN, List.of("input", "role"), "error.mayNotGrantRole", role.claimValue()));
        }
    }
}
