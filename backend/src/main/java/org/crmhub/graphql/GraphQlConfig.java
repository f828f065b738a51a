package org.crmhub.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Identified;
import org.crmhub.item.ItemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.JsonKeysetCursorStrategy;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Scalars, global IDs and cursors: the plumbing every feature's schema relies on. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfig {

    /** Opaque cursors: Spring GraphQL's JSON keyset strategy, base64-encoded. */
    @Bean
    CursorStrategy<Map<String, Object>> keysetCursorStrategy() {
        return CursorStrategy.withEncoder(new JsonKeysetCursorStrategy(), CursorEncoder.base64());
    }

    @Bean
    RuntimeWiringConfigurer scalarsAndIds() {
        return wiring -> {
            wiring.scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime).scalar(DECIMAL);
            // Every Node's `id` is its global ID, computed from the type and the row's UUID.
            for (ItemType type : ItemType.values()) {
                if (type == ItemType.MEMBER) {
                    continue;   // a member's ID is the identity server's, encoded by the membership feature
                }
                if (type == ItemType.SUGGESTION_RESPONSE) {
                    continue;   // not a Node: an answer is read through its suggestion
                }
                wiring.type(type.graphQlType(), t -> t.dataFetcher("id",
                        env -> GlobalId.encode(type, ((Identified) env.getSource()).id())));
            }
        };
    }

    /** Exact decimals travel as strings, so that no JSON client turns 0.10 into a binary float. */
    static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
            .name("Decimal")
            .description("Exact decimal number, serialized as a string")
            .coercing(new Coercing<BigDecimal, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof BigDecimal d) {
                        return d.toPlainString();
                    }
                    throw new CoercingSerializeException("Not a decimal: " + value);
                }

                @Override
                public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        return parse(s, CoercingParseValueException::new);
                    }
                    if (input instanceof Number n) {   // tolerate JSON numbers in variables
                        return parse(n.toString(), CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("Expected a decimal as a string, e.g. \"150000.00\".");
                }

                @Override
                public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue s) {
                        return parse(s.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("Expected a decimal as a string, e.g. \"150000.00\".");
                }

                /** graphql-java turns input values back into literals (e.g. normalizing an operation's arguments). */
                @Override
                public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                    return StringValue.of(parseValue(input, context, locale).toPlainString());
                }

                private <E extends RuntimeException> BigDecimal parse(String text, Function<String, E> error) {
                    if (text.length() > 40) {
                        throw error.apply("Decimal too long.");
                    }
                    try {
                        return new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        throw error.apply("Not a decimal number: \"" + text + "\".");
                    }
                }
            })
            .build();

}
