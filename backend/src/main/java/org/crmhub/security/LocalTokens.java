package org.crmhub.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Local-run tokens, for a machine where no identity server runs yet: a key pair made at start-up
 * (never stored), and one 12-hour token per role printed to the log. Enabled only by
 * {@code hub.security.local-tokens=true}; a configured key set ({@code HUB_JWK_SET_URI}) always wins.
 */
public class LocalTokens {

    private static final Logger log = LoggerFactory.getLogger(LocalTokens.class);

    private final KeyPair keys;
    private final String issuer;
    private final String audience;

    @Value("${server.port:8080}")
    private int port;

    public LocalTokens(String issuer, String audience) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.issuer = issuer;
        this.audience = audience;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    public String tokenFor(Role role) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject("local-" + role.claimValue())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(12 * 3600)))
                .claim("preferred_username", "demo-" + role.claimValue())
                .claim("realm_access", Map.of("roles", List.of(role.claimValue())))
                .claim("groups", List.of())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("local").build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void printTokens() {
        StringBuilder text = new StringBuilder("\n\nTripartite Hub is up: GraphiQL at http://127.0.0.1:" + port
                + "/graphiql, API at http://127.0.0.1:" + port + "/graphql\n"
                + "Local tokens (12 h), paste into GraphiQL's headers as {\"Authorization\": \"Bearer <token>\"}:\n");
        for (Role role : Role.values()) {
            text.append("  ").append(String.format("%-14s", role.claimValue())).append(tokenFor(role)).append('\n');
        }
        log.info(text.toString());
    }
}
