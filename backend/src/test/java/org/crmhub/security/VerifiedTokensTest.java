package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The cache of verified tokens: it saves verifications, and never answers for a token it should not. */
class VerifiedTokensTest {

    private final AtomicInteger verifications = new AtomicInteger();

    /** A stand-in verifier: tokens named "bad…" fail; others expire at the second given after "exp-". */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        long seconds = Long.parseLong(token.substring(token.indexOf("exp-") + 4));
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token.substring(0, token.indexOf('-')))
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(Instant.now().plusSeconds(seconds)).build());
    };

    private final VerifiedTokens tokens = new VerifiedTokens(verifier, 100);

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        tokens.decode("alice-exp-300").block();
        Jwt again = tokens.decode("alice-exp-300").block();
        assertThat(again.getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenThatFailedIsVerifiedEveryTimeAndNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("bad-exp-300").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-exp-300").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenIsNeverAnsweredFromMemory() {
        tokens.decode("bob-exp-0").block();
        tokens.decode("bob-exp-0").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aNewKeySetOrARevokedSubjectSendsTokensBackToTheVerifier() {
        tokens.decode("carol-exp-300").block();
        tokens.decode("dave-exp-300").block();
        tokens.forgetSubject("carol");
        tokens.decode("carol-exp-300").block();
        tokens.decode("dave-exp-300").block();
        assertThat(verifications).hasValue(3);
        tokens.forgetAll();
        tokens.decode("dave-exp-300").block();
        assertThat(verifications).hasValue(4);
    }
}
