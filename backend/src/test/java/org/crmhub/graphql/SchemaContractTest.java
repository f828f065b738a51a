package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLSchema;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema as a contract with existing clients (issue 11): the build writes the full schema to
 * backend/target/schema.graphqls (never into schema/, which is loaded as the schema), and a
 * breaking change against the last released schema, docs/schema/released.graphqls, fails unless
 * docs/CHANGELOG.md names the changed type or field. graphql-java's SchemaDiff decides what breaks:
 * a removed type or field, a changed type, a new required argument or input field.
 *
 * <p>Releasing: {@code ./mvnw -pl backend test -Dtest=SchemaContractTest -Dhub.schema.release=true}
 * copies the current schema to docs/schema/released.graphqls.
 */
class SchemaContractTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RELEASED = ROOT.resolve("docs/schema/released.graphqls");
    private static final Path CHANGELOG = ROOT.resolve("docs/CHANGELOG.md");

    /** The full schema of schema/*.graphqls, printed with its descriptions and directives. */
    static String currentSchema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(ROOT.resolve("schema"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)).print(schema);
    }

    /**
     * The breaking changes from {@code released} to {@code current} that {@code changelog} does not
     * name (as {@code Type.field} for a field, {@code Type} for a type).
     */
    static List<String> unannouncedBreakages(String released, String current, String changelog) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(released, current), reporter);
        List<String> unannounced = new ArrayList<>();
        for (DiffEvent breakage : reporter.getBreakages()) {
            String name = breakage.getFieldName() == null ? breakage.getTypeName() : breakage.getTypeName() + "." + breakage.getFieldName();
            if (!Pattern.compile("(?<![A-Za-z0-9_.])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(changelog).find()) {
                unannounced.add(name + ": " + breakage.getReasonMsg());
            }
        }
        return unannounced;
    }

    @Test
    void theFullSchemaIsWrittenUnderTargetAndReleasedOnRequest() throws IOException {
        String schema = currentSchema();
        Path target = ROOT.resolve("backend/target/schema.graphqls");
        Files.createDirectories(target.getParent());
        Files.writeString(target, schema);
        assertThat(schema).contains("type Query").contains("type Mutation").contains("type Subscription");
        if (Boolean.getBoolean("hub.schema.release")) {
            Files.createDirectories(RELEASED.getParent());
            Files.writeString(RELEASED, schema);
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("schema"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no copy of the full schema in schema/")
                    .allMatch(name -> !name.equals("schema.graphqls") && !name.startsWith("released"));
        }
    }

    @Test
    void noBreakingChangeAgainstTheReleasedSchemaUnlessTheChangelogNamesIt() throws IOException {
        assertThat(RELEASED).as("the last released schema").exists();
        List<String> unannounced = unannouncedBreakages(Files.readString(RELEASED), currentSchema(), Files.readString(CHANGELOG));
        assertThat(unannounced)
                .as("breaking changes since docs/schema/released.graphqls that docs/CHANGELOG.md does not name"
                        + " (deprecate first; name the type or Type.field in the changelog when it must break)")
                .isEmpty();
    }

    @Test
    void theCheckFindsEachKindOfBreakingChange() {
        String released = """
                type Query { task(id: ID!): Task tasks(first: Int): [Task!]! }
                type Task { id: ID! title: String! progress: Int }
                input TaskInput { title: String }
                type Mutation { addTask(input: TaskInput): Task }
                """;
        // a removed field, a changed type, a new required argument, a new required input field
        String current = """
                type Query { task(id: ID!): Task tasks(first: Int, workPlanId: ID!): [Task!]! }
                type Task { id: ID! progress: String }
                input TaskInput { title: String kind: String! }
                type Mutation { addTask(input: TaskInput): Task }
                """;
        List<String> found = unannouncedBreakages(released, current, "");
        assertThat(String.join("\n", found)).contains("Task.title").contains("Task.progress").contains("Query.tasks")
                .contains("TaskInput");
        // named in the changelog: allowed; a name that merely contains another does not count
        assertThat(unannouncedBreakages(released, current, "- Removed Task.title; Task.progress is a String; Query.tasks needs"
                + " workPlanId; TaskInput.kind is required.\n- TaskInput")).isEmpty();
        assertThat(unannouncedBreakages(released, current, "Task.titles Query.tasksOfPlan")).isNotEmpty();
        // additions do not break
        assertThat(unannouncedBreakages(released, released.replace("progress: Int", "progress: Int note: String"), "")).isEmpty();
    }

    @Test
    void everyDeprecationSaysWhyAndWhatToUseInstead() throws IOException {
        Matcher deprecated = Pattern.compile("@deprecated(\\(\\s*reason\\s*:\\s*\"([^\"]*)\"\\s*\\))?").matcher(currentSchema());
        while (deprecated.find()) {
            assertThat(deprecated.group(2)).as("a deprecation without a reason: %s", deprecated.group()).isNotBlank();
        }
    }
}
