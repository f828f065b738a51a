package org.crmhub.report;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.language.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived links that share a report's civil-society edition with anyone who holds them: a
 * compact JWS (HMAC-SHA256, Nimbus JOSE) naming the plan, period, workstream, language and
 * edition, with an expiry. The key comes from {@code hub.reports.signing-key} (base64, at least
 * 32 bytes; HUB_REPORT_SIGNING_KEY); with {@code hub.reports.generate-signing-key} (the local and
 * test profiles) a blank key is generated at start-up, and links die with the process.
 */
@Component
class ReportLinks {

    private static final Logger log = LoggerFactory.getLogger(ReportLinks.class);
    private static final JOSEObjectType TYPE = new JOSEObjectType("report-link+jwt");

    /** What a link shares. Only the civil-society edition is ever served through one. */
    record Claims(UUID workPlanId, LocalDate from, LocalDate to, UUID workstreamId, Locale language, Edition edition,
                  Instant expiresAt) {

        ReportPeriod period() {
            return new ReportPeriod(from, to);
        }
    }

    private final byte[] key;
    private final Duration maxValidity;
    private final Clock clock;

    ReportLinks(@Value("${hub.reports.signing-key:}") String configuredKey,
                @Value("${hub.reports.generate-signing-key:false}") boolean generate,
                @Value("${hub.reports.link-max-validity:7d}") Duration maxValidity, Clock clock) {
        this.maxValidity = maxValidity;
        this.clock = clock;
        if (!configuredKey.isBlank()) {
            this.key = Base64.getDecoder().decode(configuredKey.strip());
            if (key.length < 32) {
                throw new IllegalStateException("HUB_REPORT_SIGNING_KEY must hold at least 32 bytes (base64): e.g. `openssl rand -base64 32`");
            }
        } else if (generate) {
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("Signing report links with a key generated at start-up: they stop working when this instance stops");
        } else {
            throw new IllegalStateException("Set HUB_REPORT_SIGNING_KEY (base64, at least 32 bytes: `openssl rand -base64 32`),"
                    + " the key that signs shared report links; every instance needs the same one");
        }
    }

    /** The longest a link may live. */
    Duration maxValidity() {
        return maxValidity;
    }

    Instant now() {
        return clock.instant();
    }

    /** A signed link to the civil-society edition, valid for {@code validity} (at most {@link #maxValidity}). */
    String sign(UUID plan, ReportPeriod period, UUID workstream, Locale language, Duration validity) {
        Duration life = validity.compareTo(maxValidity) > 0 ? maxValidity : validity;
        return sign(new Claims(plan, period.from(), period.to(), workstream, language, Edition.CIVIL_SOCIETY, now().plus(life)));
    }

    /** Signs any claims: the service signs only civil-society editions; tests sign others to see them refused. */
    String sign(Claims claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .claim("plan", claims.workPlanId().toString())
                .claim("from", claims.from().toString())
                .claim("to", claims.to().toString())
                .claim("lang", claims.language().getLanguage())
                .claim("edition", claims.edition().name())
                .issueTime(Date.from(now()))
                .expirationTime(Date.from(claims.expiresAt()));
        if (claims.workstreamId() != null) {
            set.claim("workstream", claims.workstreamId().toString());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), set.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a link this hub signed, unexpired, for the civil-society edition; otherwise
     * FORBIDDEN (tampered, not a link, another edition) or UNAUTHENTICATED (expired).
     */
    Claims verify(String token) {
        JWTClaimsSet set;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(new MACVerifier(key))) {
                throw invalid();
            }
            set = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw invalid();
        }
        try {
            Date expiry = set.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(now())) {
                throw new UserErrorException(UserError.of(ErrorCode.UNAUTHENTICATED, null, "error.reportLinkExpired"));
            }
            if (!Edition.CIVIL_SOCIETY.name().equals(set.getStringClaim("edition"))) {
                throw new UserErrorException(UserError.forbidden("error.reportLinkEdition"));
            }
            String workstream = set.getStringClaim("workstream");
            return new Claims(UUID.fromString(set.getStringClaim("plan")), LocalDate.parse(set.getStringClaim("from")),
                    LocalDate.parse(set.getStringClaim("to")), workstream == null ? null : UUID.fromString(workstream),
                    Languages.supported(Locale.forLanguageTag(set.getStringClaim("lang"))), Edition.CIVIL_SOCIETY,
                    expiry.toInstant());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof UserErrorException known) {
                throw known;
            }
            throw invalid();
        }
    }

    private static UserErrorException invalid() {
        return new UserErrorException(UserError.forbidden("error.reportLinkInvalid"));
    }
}
