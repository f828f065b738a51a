package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Decimal scalar: exact amounts travel as strings, both ways, and nothing else passes as one. */
class DecimalScalarTest {

    @SuppressWarnings("unchecked")
    private final Coercing<BigDecimal, String> decimal = (Coercing<BigDecimal, String>) GraphQlConfig.DECIMAL.getCoercing();
    private final GraphQLContext context = GraphQLContext.getDefault();

    @Test
    void anAmountIsWrittenAsAPlainStringWithItsScale() {
        assertThat(decimal.serialize(new BigDecimal("1000.50"), context, Locale.ROOT)).isEqualTo("1000.50");
        assertThat(decimal.serialize(new BigDecimal("1E+3"), context, Locale.ROOT)).as("never in exponent notation").isEqualTo("1000");
        assertThatThrownBy(() -> decimal.serialize(1000.5, context, Locale.ROOT)).isInstanceOf(CoercingSerializeException.class);
    }

    @Test
    void aStringOrAJsonNumberInVariablesIsReadExactly() {
        assertThat(decimal.parseValue("0.10", context, Locale.ROOT)).isEqualTo(new BigDecimal("0.10"));
        assertThat(decimal.parseValue(150000, context, Locale.ROOT)).isEqualTo(new BigDecimal("150000"));
        assertThatThrownBy(() -> decimal.parseValue(true, context, Locale.ROOT)).isInstanceOf(CoercingParseValueException.class);
    }

    /**
     * graphql-java writes input values back as literals when it normalizes an operation (the
     * idempotency keys read a mutation's arguments so); without this, a mutation with a Decimal in
     * its input silently ran without its key.
     */
    @Test
    void aValueTurnsBackIntoTheStringLiteralItCameFrom() {
        assertThat(decimal.valueToLiteral("1000.50", context, Locale.ROOT)).isInstanceOfSatisfying(StringValue.class,
                literal -> assertThat(literal.getValue()).isEqualTo("1000.50"));
        assertThat(decimal.valueToLiteral(new BigDecimal("0.10"), context, Locale.ROOT)).isInstanceOfSatisfying(StringValue.class,
                literal -> assertThat(literal.getValue()).isEqualTo("0.10"));
    }

    @Test
    void inADocumentOnlyAStringLiteralIsADecimal() {
        assertThat(decimal.parseLiteral(new StringValue("7777.77"), CoercedVariables.emptyVariables(), context, Locale.ROOT))
                .isEqualTo(new BigDecimal("7777.77"));
        assertThatThrownBy(() -> decimal.parseLiteral(new FloatValue(new BigDecimal("0.1")), CoercedVariables.emptyVariables(),
                context, Locale.ROOT)).isInstanceOf(CoercingParseLiteralException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12abc", "", "1,5", "NaN"})
    void textThatIsNoNumberIsRefusedWithAMessageNamingIt(String text) {
        assertThatThrownBy(() -> decimal.parseValue(text, context, Locale.ROOT)).isInstanceOf(CoercingParseValueException.class)
                .hasMessage("Not a decimal number: \"" + text + "\".");
    }

    @Test
    void aNumberOfMoreThanFortyCharactersIsRefusedBeforeItIsParsed() {
        // BigDecimal parses very long or exponent-heavy input slowly; the length is checked first
        assertThat(decimal.parseValue("1".repeat(40), context, Locale.ROOT)).isEqualTo(new BigDecimal("1".repeat(40)));
        assertThatThrownBy(() -> decimal.parseValue("1".repeat(41), context, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class).hasMessage("Decimal too long.");
    }
}
