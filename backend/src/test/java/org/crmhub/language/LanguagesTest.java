package org.crmhub.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;

/** Which language a request is answered in: the header first, then the token's locale, English otherwise. */
class LanguagesTest {

    private static HttpHeaders acceptLanguage(String value) {
        HttpHeaders headers = new HttpHeaders();
        if (value != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, value);
        }
        return headers;
    }

    private static Jwt withLocale(String locale) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "none").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (locale != null) {
            token.claims(claims -> claims.putAll(Map.of("locale", locale)));
        }
        return token.build();
    }

    @Test
    void theHeaderDecidesWhenThereIsOne() {
        assertThat(Languages.of(acceptLanguage("es"), withLocale("en"))).isEqualTo(Languages.SPANISH);
        assertThat(Languages.of(acceptLanguage("es-MX,es;q=0.9,en;q=0.8"), null)).isEqualTo(Languages.SPANISH);
        assertThat(Languages.of(acceptLanguage("fr-CA, es;q=0.5"), null)).isEqualTo(Languages.SPANISH);
        assertThat(Languages.of(acceptLanguage("en-US"), withLocale("es"))).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void aHeaderWithoutASupportedLanguageOrThatDoesNotParseMeansEnglish() {
        assertThat(Languages.of(acceptLanguage("fr, de;q=0.8"), withLocale("es"))).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.of(acceptLanguage(";;q=x"), withLocale("es"))).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void withoutTheHeaderTheTokensLocaleDecides() {
        assertThat(Languages.of(acceptLanguage(null), withLocale("es"))).isEqualTo(Languages.SPANISH);
        assertThat(Languages.of(acceptLanguage(null), withLocale("es_GT"))).isEqualTo(Languages.SPANISH);
        assertThat(Languages.of(acceptLanguage(null), withLocale("pt-BR"))).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.of(acceptLanguage(null), withLocale(null))).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.of(acceptLanguage(null), null)).isEqualTo(Languages.ENGLISH);
    }
}
