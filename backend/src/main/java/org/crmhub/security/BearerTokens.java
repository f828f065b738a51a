package org.crmhub.security;

import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The token of an {@code Authorization: Bearer …} header, and the firewall's check of header values,
 * with the rules of Spring Security's own ({@code ServerBearerTokenAuthenticationConverter},
 * {@link StrictServerWebExchangeFirewall}) but a loop over the characters instead of a regular
 * expression: both ran over the whole kilobyte-long token on every request, and showed at the top of
 * the read profile (docs/benchmarks.md).
 */
final class BearerTokens {

    private BearerTokens() {
    }

    /** RFC 6750's b64token: {@code [A-Za-z0-9-._~+/]+=*}. */
    static boolean isToken(String value, int from) {
        int i = from;
        int end = value.length();
        while (i < end && isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < end && value.charAt(i) == '=') {
            i++;
        }
        return i == end;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** Finds the bearer token of a request, refusing a malformed one as Spring Security does. */
    static ServerAuthenticationConverter converter() {
        return exchange -> Mono.fromCallable(() -> authentication(exchange));
    }

    private static Authentication authentication(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;   // no bearer token: the request stays anonymous (and is refused where it must not be)
        }
        if (header.length() < 8 || header.charAt(6) != ' ' || !isToken(header, 7)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return new BearerTokenAuthenticationToken(header.substring(7));
    }

    /**
     * The default firewall's rule for header names and values (assigned code points that are not
     * control characters), checked without a regular expression.
     */
    static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = value -> {
        if (value == null) {
            return true;   // an absent header (the firewall also asks about those)
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;   // printable ASCII: by far the common case
            }
            int codePoint = value.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint) - 1;
        }
        return true;
    };

    /** Spring Security's strict firewall, with the same rules for headers checked by a loop. */
    static StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
        firewall.setAllowedHeaderValues(ASSIGNED_AND_NOT_CONTROL);
        return firewall;
    }
}
