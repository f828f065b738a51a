package org.crmhub.graphql;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import graphql.schema.GraphQLTypeUtil;
import org.crmhub.paging.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses abusive documents before they execute, with graphql-java's own instruments: a parser
 * limit on size and tokens (thousands of aliases), a depth limit, and a cost budget in which a
 * connection's fields count once per item it may return ({@code first}, default 20). The limits
 * are configuration ({@code hub.graphql.*}) with safe defaults.
 *
 * <p>Depth and cost are checked once per operation, before it executes. Both instruments sit in
 * one {@link Instrumentation}: with two, graphql-java would wrap them in a chain that it calls on
 * every field of every answer, although neither does anything per field.
 */
@Configuration(proxyBeanMethods = false)
public class QueryLimits {

    QueryLimits(@Value("${hub.graphql.max-characters:100000}") int maxCharacters,
                @Value("${hub.graphql.max-tokens:5000}") int maxTokens) {
        ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                .maxCharacters(maxCharacters).maxTokens(maxTokens).maxWhitespaceTokens(maxTokens * 20)));
    }

    @Bean
    Instrumentation depthAndCostLimits(@Value("${hub.graphql.max-depth:15}") int maxDepth,
                                       @Value("${hub.graphql.max-complexity:200000}") int maxComplexity) {
        FieldComplexityCalculator perItem = (env, childComplexity) -> {
            Object first = env.getArguments().get("first");
            boolean connection = GraphQLTypeUtil.simplePrint(env.getFieldDefinition().getType()).endsWith("Connection!");
            int items = first instanceof Integer n ? Math.max(n, 1) : connection ? PageRequest.DEFAULT_SIZE : 1;
            return items * (1 + childComplexity);
        };
        MaxQueryDepthInstrumentation depth = new MaxQueryDepthInstrumentation(maxDepth);
        MaxQueryComplexityInstrumentation cost = new MaxQueryComplexityInstrumentation(maxComplexity, perItem);
        return new SimplePerformantInstrumentation() {
            // the cost instrument keeps the validation parameters in its own state
            @Override
            public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
                return cost.createStateAsync(parameters);
            }

            @Override
            public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                                 InstrumentationState state) {
                return cost.beginValidation(parameters, state);
            }

            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                depth.beginExecuteOperation(parameters, state);   // throws AbortExecutionException when too deep
                return cost.beginExecuteOperation(parameters, state);
            }
        };
    }
}
