package org.crmhub.language;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.i18n.I18n;
import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.crmhub.testsupport.Bundles;
import org.junit.jupiter.api.Test;

/**
 * graphql-java's own messages (validation, parsing, scalars, execution) have a Spanish bundle here
 * with exactly the keys of graphql-java's English one: an upgrade of graphql-java that adds or
 * renames a message fails here until its Spanish text is written.
 */
class GraphQlJavaBundlesTest {

    @Test
    void everyMessageOfGraphQlJavaHasItsSpanishText() throws IOException {
        for (I18n.BundleType bundle : I18n.BundleType.values()) {
            String base = "i18n/" + bundle.name();
            Properties english = Bundles.load(base + ".properties");
            Properties spanish = Bundles.load(base + "_es.properties");
            assertThat(new TreeSet<>(spanish.stringPropertyNames())).as(base).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        }
    }

    @Test
    void graphQlJavaSpeaksSpanishThroughTheExecutionsLocale() {
        I18n spanish = I18n.i18n(I18n.BundleType.Validation, Locale.forLanguageTag("es"));
        assertThat(spanish.msg("FieldsOnCorrectType.unknownField", "FieldUndefined@[nope]", "nope", "Query"))
                .isEqualTo("Error de validación (FieldUndefined@[nope]): el campo 'nope' no existe en el tipo 'Query'");
    }

}
