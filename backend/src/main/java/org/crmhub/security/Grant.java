package org.crmhub.security;

import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What an access token grants in time: whose it is ({@code sub}), when it was issued and when it
 * expires. Live streams end when it expires or is revoked ({@link Revocations}).
 */
public record Grant(String subject, Instant issuedAt, Instant expiresAt) {

    /** The GraphQL context key; controllers take it as {@code @ContextValue Grant grant}. */
    public static final String CONTEXT_KEY = "grant";

    public static Grant of(Jwt jwt) {
        return new Grant(jwt.getSubject(), jwt.getIssuedAt(), jwt.getExpiresAt());
    }
}
