package org.crmhub.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.crmhub.errors.Text;
import org.crmhub.testsupport.Bundles;
import org.junit.jupiter.api.Test;

/**
 * Every message the code names exists in English and in Spanish, the two files have the same
 * keys, none is left over, and every pattern formats. A new message without its two texts fails here.
 */
class MessagesTest {

    private static final Pattern KEY = Pattern.compile("\"(error\\.[A-Za-z]+)\"");

    @Test
    void everyMessageTheCodeUsesIsInBothLanguagesAndNoneIsLeftOver() throws IOException {
        Set<String> used = keysInSources();
        assertThat(used).hasSizeGreaterThan(40);
        Properties english = Bundles.load("i18n/messages.properties");
        Properties spanish = Bundles.load("i18n/messages_es.properties");
        assertThat(new TreeSet<>(english.stringPropertyNames())).as("English").isEqualTo(used);
        assertThat(new TreeSet<>(spanish.stringPropertyNames())).as("Spanish").isEqualTo(used);
        for (Properties bundle : new Properties[] {english, spanish}) {
            bundle.forEach((key, pattern) -> assertThat(new MessageFormat((String) pattern).format(new Object[] {"a", "b", "c"}))
                    .as(key.toString()).isNotBlank().doesNotContain("{"));
        }
    }

    @Test
    void aMessageIsPutIntoWordsInTheReadersLanguage() {
        Text text = Text.of("error.tooLong", "200");
        assertThat(text.in(Locale.ENGLISH)).isEqualTo("Must be at most 200 characters.");
        assertThat(text.in(Locale.forLanguageTag("es"))).isEqualTo("Debe tener como máximo 200 caracteres.");
        // a language the hub does not speak reads English, whatever the server's own locale
        assertThat(text.in(Locale.GERMAN)).isEqualTo("Must be at most 200 characters.");
        // a text within a text is put into words in the same language
        Text ended = Text.of("error.streamEnded", Text.of("error.tokenExpired"), "Y3Vyc29y");
        assertThat(ended.in(Locale.forLanguageTag("es")))
                .isEqualTo("Su token de acceso expiró. Inicie sesión de nuevo y suscríbase con after: 'Y3Vyc29y' para continuar sin pérdidas.");
    }

    private static Set<String> keysInSources() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher key = KEY.matcher(Files.readString(file));
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        }
        return keys;
    }

}
