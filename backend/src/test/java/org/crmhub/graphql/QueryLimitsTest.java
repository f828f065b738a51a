package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The limits on abusive documents, with graphql-java alone: the hub's real schema files (the same
 * ones the jar packs) and the instruments {@link QueryLimits} builds, at the defaults of
 * application.yml (depth 15, cost 200,000, 5,000 tokens, 100,000 characters).
 */
class QueryLimitsTest {

    private static final int MAX_DEPTH = 15;
    private static final int MAX_COMPLEXITY = 200_000;

    private static GraphQLSchema schema;
    private static ParserOptions parserOptionsBefore;
    private static QueryLimits limits;

    @BeforeAll
    static void schemaAndLimits() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:graphql/*.graphqls");
        assertThat(files).as("the schema files packed from schema/").hasSizeGreaterThan(5);
        for (Resource file : files) {
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                registry.merge(new SchemaParser().parse(reader));
            }
        }
        // the documents only need to be validated and measured, not answered
        schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        // QueryLimits sets the parser's JVM-wide defaults; keep the production values and restore after
        parserOptionsBefore = ParserOptions.getDefaultOperationParserOptions();
        limits = new QueryLimits(100_000, 5_000);
    }

    @AfterAll
    static void restoreParserDefaults() {
        ParserOptions.setDefaultOperationParserOptions(parserOptionsBefore);
    }

    private static ExecutionResult run(String document, Map<String, Object> variables, Instrumentation... instruments) {
        GraphQL graphQl = GraphQL.newGraphQL(schema).instrumentation(new ChainedInstrumentation(instruments)).build();
        return graphQl.execute(ExecutionInput.newExecutionInput(document).variables(variables).build());
    }

    /** The errors a document gets with the hub's depth and cost limits. */
    private static List<String> limitErrors(String document) {
        return limitErrors(document, Map.of(), MAX_COMPLEXITY);
    }

    private static List<String> limitErrors(String document, Map<String, Object> variables, int maxComplexity) {
        return run(document, variables, limits.depthAndCostLimits(MAX_DEPTH, maxComplexity))
                .getErrors().stream().map(GraphQLError::getMessage).filter(m -> m.contains("maximum query")
                        || m.contains("have been presented") || m.contains("Invalid syntax")).toList();
    }

    /** A chain of fields down workPlans → workstreams → workPlan → … of exactly {@code depth} levels. */
    private static String nestedTo(int depth) {
        // each step: the field, and a leaf that its type has
        String[][] cycle = {{"workstreams(first: 1)", "totalCount"}, {"edges", "cursor"}, {"node", "id"}, {"workPlan", "id"}};
        List<String[]> chain = new ArrayList<>(List.of(new String[] {"workPlans(first: 1)", "totalCount"},
                new String[] {"edges", "cursor"}, new String[] {"node", "id"}));
        for (int i = 0; chain.size() < depth - 1; i++) {
            chain.add(cycle[i % cycle.length]);
        }
        StringBuilder doc = new StringBuilder("{");
        for (String[] step : chain) {
            doc.append(' ').append(step[0]).append(" {");
        }
        doc.append(' ').append(chain.get(chain.size() - 1)[1]);
        doc.append(" }".repeat(chain.size())).append(" }");
        return doc.toString();
    }

    @Test
    void aDocumentAsDeepAsTheLimitIsAllowedAndOneLevelMoreIsRefused() {
        assertThat(limitErrors(nestedTo(MAX_DEPTH))).isEmpty();
        assertThat(limitErrors(nestedTo(MAX_DEPTH + 1))).containsExactly("maximum query depth exceeded 16 > 15");
    }

    @Test
    void theReadmesNestedReadOfWorkPlansIsAllowed() {
        assertThat(limitErrors("""
                query WorkPlans { workPlans(first: 5) { totalCount pageInfo { hasNextPage endCursor }
                  edges { node { id title cycle status visibility presidency { code name }
                    workstreams(first: 10) { totalCount edges { node { id title lead effectiveVisibility
                      tasks(first: 20) { totalCount edges { node { id title kind status progress dueDate overdue
                        resources { kind status description amount { amount currency } provider { name } } } } } } } } } } } }
                """)).isEmpty();
    }

    @Test
    void aConnectionCostsOnePlusItsSelectionTimesFirstOrTwentyWithoutIt() {
        // workPlans is a connection: 20 × (1 for itself + 1 for totalCount) = 40
        String byDefault = "{ workPlans { totalCount } }";
        assertThat(limitErrors(byDefault, Map.of(), 40)).isEmpty();
        assertThat(limitErrors(byDefault, Map.of(), 39)).containsExactly("maximum query complexity exceeded 40 > 39");
        // with first: 3 × (1 + 1) = 6
        assertThat(limitErrors("{ workPlans(first: 3) { totalCount } }", Map.of(), 6)).isEmpty();
        assertThat(limitErrors("{ workPlans(first: 3) { totalCount } }", Map.of(), 5)).hasSize(1);
        // a plain list is not a connection: decisions { title } costs 1 × (1 + 1)
        assertThat(limitErrors("{ decisions { title } }", Map.of(), 2)).isEmpty();
        assertThat(limitErrors("{ decisions { title } }", Map.of(), 1)).hasSize(1);
    }

    @Test
    void aPageSizeGivenAsAVariableCostsTheSameAsWrittenInline() {
        String document = "query Plans($n: Int) { workPlans(first: $n) { totalCount } }";
        assertThat(limitErrors(document, Map.of("n", 100), 200)).isEmpty();
        assertThat(limitErrors(document, Map.of("n", 100), 199)).containsExactly("maximum query complexity exceeded 200 > 199");
    }

    @Test
    void threeNestedConnectionsOfAHundredExceedTheBudget() {
        assertThat(limitErrors("{ workPlans(first: 100) { edges { node { workstreams(first: 100) { edges { node {"
                + " tasks(first: 100) { edges { node { title resources { description } } } } } } } } } } }"))
                .singleElement().asString().startsWith("maximum query complexity exceeded");
    }

    @Test
    void theSameThreeLevelsAtTheDefaultPageSizeFitTheBudget() {
        assertThat(limitErrors("{ workPlans { edges { node { workstreams { edges { node {"
                + " tasks { edges { node { title resources { description } } } } } } } } } } }")).isEmpty();
    }

    @Test
    void thousandsOfAliasesAreRefusedByTheParsersTokenLimit() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            doc.append(" a").append(i).append(": decisions { title }");
        }
        assertThat(limitErrors(doc.append(" }").toString())).singleElement().asString()
                .contains("More than 5,000 'grammar' tokens have been presented");
    }

    @ParameterizedTest
    @ValueSource(ints = {100_001, 200_000})
    void aDocumentOverTheCharacterLimitIsRefusedBeforeItIsParsed(int length) {
        String padding = "#".repeat(length);   // a comment: no token, only characters
        assertThat(limitErrors("{ decisions { title } }\n" + padding)).singleElement().asString()
                .contains("characters have been presented");
    }

    @Test
    void anOrdinaryDocumentPassesEveryLimit() {
        assertThat(limitErrors("{ viewer { username roles canSeeReserved organisation { code } } }")).isEmpty();
    }
}
