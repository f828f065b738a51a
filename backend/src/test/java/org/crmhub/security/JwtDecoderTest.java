package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.crmhub.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The claim checks of the hub's token decoder, with tokens signed by a key it trusts (so that only
 * the claim under test is wrong): expiry, issuer and audience.
 */
class JwtDecoderTest {

    /** The subjects whose grants the test revokes. */
    private static final java.util.Set<String> REVOKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ReactiveJwtDecoder decoder = decoder();

    @Test
    void aRevokedTokenIsRefusedEvenOnceRememberedAsVerified() {
        String token = TestTokens.token("someone", java.util.List.of("observer"), b -> b.subject("subject-to-revoke"));
        assertThat(decoder.decode(token).block().getSubject()).isEqualTo("subject-to-revoke");
        REVOKED.add("subject-to-revoke");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> decoder.decode(token).block()))
                .isInstanceOf(org.springframework.security.oauth2.jwt.BadJwtException.class).hasMessageContaining("revoked");
    }

    private static ReactiveJwtDecoder decoder() {
        try {
            return SecurityConfig.jwtDecoder("", new ClassPathResource("test-keys/public.pem"), TestTokens.ISSUER,
                    TestTokens.AUDIENCE, jwt -> REVOKED.contains(jwt.getSubject()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        assertThat(decoder.decode(TestTokens.forRole("observer")).block().getClaimAsString("preferred_username"))
                .isEqualTo("user-observer");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = TestTokens.token("late", List.of("ppt"), b -> b
                .issueTime(Date.from(Instant.now().minusSeconds(3600))).expirationTime(Date.from(Instant.now().minusSeconds(600))));
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = TestTokens.token("x", List.of("ppt"), b -> b.issuer("http://127.0.0.1:9999/realms/other"));
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = TestTokens.token("x", List.of("ppt"), b -> b.audience(List.of("account", "some-other-api")));
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("aud");
        // a single string audience naming the hub is fine (Keycloak sends a string when there is one)
        assertThat(decoder.decode(TestTokens.token("x", List.of("ppt"), b -> b.audience(TestTokens.AUDIENCE))).block()).isNotNull();
    }
}
