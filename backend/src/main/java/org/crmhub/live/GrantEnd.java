package org.crmhub.live;

import java.time.Duration;
import java.time.Instant;
import org.crmhub.security.Grant;
import org.crmhub.security.Revocations;
import reactor.core.publisher.Mono;

/** When and why a subscriber's grant ends: shortly before its token expires, or when it is revoked. */
final class GrantEnd {

    /**
     * How long before its token expires a stream ends: its last message must reach the client
     * before the WebSocket itself closes at the expiry (4401).
     */
    static final Duration BEFORE_EXPIRY = Duration.ofSeconds(2);

    private GrantEnd() {
    }

    /** Emits the reason once the grant ends; never, for a grant that neither expires nor is revoked. */
    static Mono<String> of(Grant grant, Revocations revocations) {
        Mono<String> revoked = revocations.revoked(grant).thenReturn("Your access was revoked.");
        if (grant.expiresAt() == null) {
            return revoked;
        }
        Duration left = Duration.between(Instant.now(), grant.expiresAt()).minus(BEFORE_EXPIRY);
        Mono<String> expired = Mono.delay(left.isNegative() ? Duration.ZERO : left).thenReturn("Your access token expired.");
        return Mono.firstWithValue(expired, revoked);
    }
}
