package org.crmhub.graphql;

import org.crmhub.paging.PageRequest;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLTypeUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses abusive documents before they execute, with graphql-java's own instruments: a parser
 * limit on size and tokens (thousands of aliases), a depth limit, and a cost budget in which a
 * connection's fields count once per item it may return ({@code first}, default 20). The limits
 * are configuration ({@code hub.graphql.*}) with safe defaults.
 */
@Configuration(proxyBeanMethods = false)
public class QueryLimits {

    QueryLimits(@Value("${hub.graphql.max-characters:100000}") int maxCharacters,
                @Value("${hub.graphql.max-tokens:5000}") int maxTokens) {
        ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                .maxCharacters(maxCharacters).maxTokens(maxTokens).maxWhitespaceTokens(maxTokens * 20)));
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${hub.graphql.max-depth:15}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(@Value("${hub.graphql.max-complexity:200000}") int maxComplexity) {
        FieldComplexityCalculator perItem = (env, childComplexity) -> {
            Object first = env.getArguments().get("first");
            boolean connection = GraphQLTypeUtil.simplePrint(env.getFieldDefinition().getType()).endsWith("Connection!");
            int items = first instanceof Integer n ? Math.max(n, 1) : connection ? PageRequest.DEFAULT_SIZE : 1;
            return items * (1 + childComplexity);
        };
        return new MaxQueryComplexityInstrumentation(maxComplexity, perItem);
    }
}
