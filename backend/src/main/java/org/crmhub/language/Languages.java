package org.crmhub.language;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Which language a request is answered in. The {@code Accept-Language} header decides when the
 * request has one (its first supported language, else English); without the header, the
 * {@code locale} claim of the token (Keycloak's user locale); English otherwise.
 */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    /** The languages the hub speaks, the default first. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);
    private static final List<String> TAGS = SUPPORTED.stream().map(Locale::getLanguage).toList();

    private Languages() {
    }

    public static Locale of(HttpHeaders headers, Jwt token) {
        if (headers.containsHeader(HttpHeaders.ACCEPT_LANGUAGE)) {
            try {
                String tag = Locale.lookupTag(headers.getAcceptLanguage(), TAGS);
                return tag == null ? ENGLISH : supported(Locale.forLanguageTag(tag));
            } catch (IllegalArgumentException malformed) {
                return ENGLISH;   // a header that does not parse is no reason to refuse the request
            }
        }
        String claim = token == null ? null : token.getClaimAsString("locale");
        return claim == null ? ENGLISH : supported(Locale.forLanguageTag(claim.replace('_', '-')));
    }

    /** The supported language of {@code locale} (its language only: es-MX reads Spanish), else English. */
    public static Locale supported(Locale locale) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(ENGLISH);
    }
}
