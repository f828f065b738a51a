package org.crmhub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens the identity server's key has verified, so that a client sending the same
 * token on every request pays for the signature check and the claim checks once. An entry lives no
 * longer than its token ({@code exp}), is dropped with every other entry whenever the key set is
 * fetched again (a key rotation: see SecurityConfig), and can be dropped per subject (revocation).
 * A token that fails verification is never remembered.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(ReactiveJwtDecoder verifier, long maximumSize) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new Expiry<String, Jwt>() {
            @Override
            public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                Instant expires = jwt.getExpiresAt();
                return expires == null ? 0 : Math.max(0, Duration.between(Instant.now(), expires).toNanos());
            }

            @Override
            public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(Instant.now())) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    /** Forgets every verified token: the next request of each is verified again (key set changed). */
    public void forgetAll() {
        verified.invalidateAll();
    }

    /** Forgets the tokens of one subject (a member deactivated or whose role changed). */
    public void forgetSubject(String subject) {
        verified.asMap().values().removeIf(jwt -> subject.equals(jwt.getSubject()));
    }
}
