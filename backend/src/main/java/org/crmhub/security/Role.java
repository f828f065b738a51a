package org.crmhub.security;

import java.util.Arrays;
import java.util.Optional;

/** The hub's Keycloak realm roles (see docs/authorization.md for what each may do). */
public enum Role {
    PPT("ppt"),
    GOVERNMENT("government"),
    ST_CRM("st-crm"),
    ST_RROCM("st-rrocm"),
    CIVIL_SOCIETY("civil-society"),
    OBSERVER("observer"),
    HUB_ADMIN("hub-admin");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name in the token's {@code realm_access.roles}. */
    public String claimValue() {
        return claimValue;
    }

    public static Optional<Role> ofClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
