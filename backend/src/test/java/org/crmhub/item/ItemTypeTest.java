package org.crmhub.item;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crmhub.item.ItemType.Shows;
import org.junit.jupiter.api.Test;

/**
 * ItemType is the one list of reservable types, and of the types that show {@code history} and
 * take comments. The hand-written schema declares the same fields on its own; this keeps the two
 * in step, so the wiring never misses a type or wires a field the schema does not have.
 */
class ItemTypeTest {

    static final Path SCHEMA = Path.of("../schema");

    @Test
    void theSchemaGivesAVisibilityToExactlyTheReservableTypes() throws IOException {
        assertThat(typesWithField("visibility")).isEqualTo(names(ItemType.reservableTypes().stream()));
    }

    @Test
    void theSchemaShowsHistoryOnExactlyTheTypesThatShowIt() throws IOException {
        assertThat(typesWithField("history")).isEqualTo(names(ItemType.showing(Shows.HISTORY).stream()))
                .containsExactly("Contribution", "Indicator", "Meeting", "MeetingDecision", "Resource", "Suggestion",
                        "SuggestionResponse", "Task", "WorkPlan", "Workstream");
    }

    @Test
    void theSchemaShowsCommentsOnExactlyTheTypesThatTakeThem() throws IOException {
        assertThat(typesWithField("comments")).isEqualTo(names(ItemType.showing(Shows.COMMENTS).stream()))
                .containsExactly("Meeting", "Resource", "Task", "WorkPlan", "Workstream");
    }

    @Test
    void everyItemTypeIsASchemaType() throws IOException {
        Set<String> schemaTypes = registry().getTypes(ObjectTypeDefinition.class).stream()
                .map(ObjectTypeDefinition::getName).collect(Collectors.toSet());
        assertThat(schemaTypes).containsAll(names(Stream.of(ItemType.values())));
    }

    private static Set<String> names(Stream<ItemType> types) {
        return types.map(ItemType::graphQlType).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> typesWithField(String field) throws IOException {
        return registry().getTypes(ObjectTypeDefinition.class).stream()
                .filter(type -> type.getFieldDefinitions().stream().map(FieldDefinition::getName).anyMatch(field::equals))
                .map(ObjectTypeDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TypeDefinitionRegistry registry() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(SCHEMA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        return registry;
    }
}
