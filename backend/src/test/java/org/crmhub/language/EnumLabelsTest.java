package org.crmhub.language;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.crmhub.testsupport.Bundles;
import org.junit.jupiter.api.Test;

/**
 * Every value of every enum in the schema has a label in English and in Spanish, and no label is
 * left over from a value that is gone. A new enum value without its two labels fails here.
 */
class EnumLabelsTest {

    @Test
    void everyEnumValueHasALabelInEachLanguageAndNoLabelIsStale() throws IOException {
        Set<String> keys = enumValueKeys();
        assertThat(keys).hasSizeGreaterThan(50);
        for (String bundle : new String[] {"i18n/labels.properties", "i18n/labels_es.properties"}) {
            Properties labels = Bundles.load(bundle);
            assertThat(new TreeSet<>(labels.stringPropertyNames())).as(bundle).isEqualTo(keys);
            labels.forEach((key, label) -> assertThat(((String) label).strip()).as(bundle + " " + key).isNotEmpty());
        }
    }

    @Test
    void theSpanishLabelsAreSpanish() throws IOException {
        Properties es = Bundles.load("i18n/labels_es.properties");
        assertThat(es.getProperty("TaskStatus.IN_PROGRESS")).isEqualTo("En curso");
        assertThat(es.getProperty("Party.PPT")).isEqualTo("Presidencia Pro Témpore");
        assertThat(es.getProperty("Visibility.RESERVED")).isEqualTo("Reservado");
    }

    /** "Enum.VALUE" for every value of every enum of the schema files. */
    private static Set<String> enumValueKeys() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("../schema"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        Set<String> keys = new TreeSet<>();
        registry.getTypes(EnumTypeDefinition.class).forEach(type ->
                type.getEnumValueDefinitions().forEach(value -> keys.add(type.getName() + "." + value.getName())));
        registry.enumTypeExtensions().values().forEach(extensions -> extensions.forEach((EnumTypeExtensionDefinition type) ->
                type.getEnumValueDefinitions().forEach(value -> keys.add(type.getName() + "." + value.getName()))));
        return keys;
    }

}
