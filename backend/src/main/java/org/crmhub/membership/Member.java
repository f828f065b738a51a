package org.crmhub.membership;

/** A member as the schema shows it; {@code organisationCode} is the Keycloak group. */
public record Member(String id, String username, String email, String firstName, String lastName, String role,
                     boolean enabled, String organisationCode) {
}
