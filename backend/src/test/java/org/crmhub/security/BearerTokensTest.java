package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The hand-written checks of {@link BearerTokens} accept and refuse exactly what Spring Security's
 * regular expressions accept and refuse, on crafted and on random inputs.
 */
class BearerTokensTest {

    /** Spring Security's own patterns (ServerBearerTokenAuthenticationConverter, StrictServerWebExchangeFirewall). */
    private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9-._~+/]+=*$");
    private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void tokenCharactersAreThoseOfRfc6750() {
        for (String token : new String[] {"abc", "a.b-c_d~e+f/g", "abc==", "a=", "=", "", "a=b", "a b", "a\u00e9", "a==="}) {
            assertThat(BearerTokens.isToken(token, 0)).as(token).isEqualTo(TOKEN.matcher(token).matches());
        }
    }

    @Test
    void randomTokensAndHeaderValuesAreJudgedAsTheRegularExpressionsJudgeThem() {
        Random random = new Random(42);
        String alphabet = "aZ09-._~+/= \t\u0000\u007f\u0085\u00e9\u2028\u0378\ud83d\ude00\ud83d";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = value.toString();
            assertThat(BearerTokens.isToken(s, 0)).as("token %s", s).isEqualTo(TOKEN.matcher(s).matches());
            assertThat(BearerTokens.ASSIGNED_AND_NOT_CONTROL.test(s)).as("header %s", s)
                    .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(s).matches());
        }
    }

    @Test
    void anAbsentHeaderPassesTheFirewall() {
        assertThat(BearerTokens.ASSIGNED_AND_NOT_CONTROL.test(null)).isTrue();
    }

    @Test
    void aBearerHeaderGivesItsTokenAMalformedOneIsRefusedAndOtherSchemesAreIgnored() {
        Authentication found = convert("Bearer abc.def-ghi");
        assertThat(found).isInstanceOf(BearerTokenAuthenticationToken.class);
        assertThat(((BearerTokenAuthenticationToken) found).getToken()).isEqualTo("abc.def-ghi");
        assertThat(convert("bearer abc")).isNotNull();
        assertThat(convert("Basic dXNlcjpwYXNz")).isNull();
        assertThatThrownBy(() -> convert("Bearer ")).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> convert("Bearer a b")).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> convert("Bearerabc")).isInstanceOf(OAuth2AuthenticationException.class);
    }

    private static Authentication convert(String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql").header("Authorization", header));
        return BearerTokens.converter().convert(exchange).block();
    }
}
