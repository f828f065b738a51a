package org.crmhub.errors;

import org.crmhub.testsupport.Said;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Input validation: each check, and all problems of one input reported at once on their fields. */
class ChecksTest {

    /** The errors a set of checks collects (empty when the input is fine). */
    private static List<Said> errorsOf(Consumer<Checks> checks) {
        Checks collected = new Checks();
        checks.accept(collected);
        UserErrorException e = catchThrowableOfType(UserErrorException.class, collected::orThrow);
        return e == null ? List.of() : Said.of(e.errors());
    }

    private static Said invalid(String field, String message) {
        return new Said(ErrorCode.VALIDATION, message, List.of("input", field));
    }

    @ParameterizedTest(name = "required text \"{0}\"")
    @ValueSource(strings = {"a", "Workshop", "  ten chars  ", "ten chars!"})
    void aRequiredTextOfUpToItsLengthAfterTrimmingPasses(String value) {
        assertThat(errorsOf(c -> c.requiredText("title", value, 10))).isEmpty();
    }

    @ParameterizedTest(name = "required text \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void aRequiredTextMustNotBeMissingOrBlank(String value) {
        assertThat(errorsOf(c -> c.requiredText("title", value, 10))).containsExactly(invalid("title", "Must not be blank."));
    }

    @Test
    void aTextLongerThanItsLimitIsRefused() {
        assertThat(errorsOf(c -> c.requiredText("title", "x".repeat(11), 10)))
                .containsExactly(invalid("title", "Must be at most 10 characters."));
        assertThat(errorsOf(c -> c.optionalText("description", "x".repeat(11), 10)))
                .containsExactly(invalid("description", "Must be at most 10 characters."));
    }

    @Test
    void anOptionalTextMayBeMissingButNotBlank() {
        assertThat(errorsOf(c -> c.optionalText("description", null, 10))).isEmpty();
        assertThat(errorsOf(c -> c.optionalText("description", "fine", 10))).isEmpty();
        assertThat(errorsOf(c -> c.optionalText("description", "  ", 10)))
                .containsExactly(invalid("description", "Must not be blank when given."));
    }

    @ParameterizedTest(name = "{0} … {1}: ok = {2}")
    @CsvSource(nullValues = "-", value = {
            "2031-01-01, 2031-01-31, true",
            "2031-01-01, 2031-01-01, true",
            "2031-02-01, 2031-01-31, false",
            "-,          2031-01-31, true",
            "2031-02-01, -,          true",
    })
    void anEndDateMustNotComeBeforeItsStart(LocalDate start, LocalDate end, boolean ok) {
        List<Said> errors = errorsOf(c -> c.dateOrder("startDate", start, "dueDate", end));
        assertThat(errors).isEqualTo(ok ? List.of() : List.of(invalid("dueDate", "Must not be before startDate.")));
    }

    @ParameterizedTest(name = "progress {0}: ok = {1}")
    @CsvSource(nullValues = "-", value = {"-, true", "0, true", "100, true", "-1, false", "101, false"})
    void aNumberMustLieInItsRangeInclusive(Integer value, boolean ok) {
        List<Said> errors = errorsOf(c -> c.range("progress", value, 0, 100));
        assertThat(errors).isEqualTo(ok ? List.of() : List.of(invalid("progress", "Must be between 0 and 100.")));
    }

    @ParameterizedTest(name = "amount {0} → {1}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "-                     | -",
            "0                     | -",
            "1000.50               | -",
            "10.000                | -",                      // trailing zeros are not decimals
            "9999999999999999.99   | -",                      // 16 integer digits: numeric(18,2)
            "-1.00                 | Must not be negative.",
            "10.001                | Must have at most 2 decimals.",
            "10000000000000000     | Is too large.",
    })
    void aMoneyAmountFitsNumeric18Comma2AndIsNotNegative(BigDecimal value, String problem) {
        List<Said> errors = errorsOf(c -> c.amount("amount", value));
        assertThat(errors).isEqualTo(problem == null ? List.of() : List.of(invalid("amount", problem)));
    }

    @ParameterizedTest(name = "measure {0} → {1}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "-                     | -",
            "-12.5                 | -",                      // a measured value may be negative
            "0.1234                | -",
            "99999999999999.9999   | -",                      // 14 integer digits: numeric(18,4)
            "0.12345               | Must have at most 4 decimals.",
            "100000000000000       | Is too large.",
    })
    void aMeasuredValueFitsNumeric18Comma4(BigDecimal value, String problem) {
        List<Said> errors = errorsOf(c -> c.measure("value", value));
        assertThat(errors).isEqualTo(problem == null ? List.of() : List.of(invalid("value", problem)));
    }

    @ParameterizedTest(name = "currency {0}: ok = {1}")
    @CsvSource(nullValues = "-", value = {
            "-, true", "USD, true", "EUR, true", "HNL, true", "usd, false", "XYZ, false", "US, false", "USDD, false", "'', false"})
    void aCurrencyIsAnUpperCaseIso4217Code(String value, boolean ok) {
        List<Said> errors = errorsOf(c -> c.currency("currency", value));
        assertThat(errors).isEqualTo(ok ? List.of()
                : List.of(invalid("currency", "Must be an ISO-4217 currency code such as USD.")));
    }

    @Test
    void aFreeCheckFailsWithItsOwnMessage() {
        assertThat(errorsOf(c -> c.check(true, "reason", "error.blank"))).isEmpty();
        assertThat(errorsOf(c -> c.check(false, "reason", "error.blank"))).containsExactly(invalid("reason", "Must not be blank."));
        assertThat(errorsOf(c -> c.fail(null, "error.range", "1", "9")))
                .containsExactly(new Said(ErrorCode.VALIDATION, "Must be between 1 and 9.", null));
    }

    @Test
    void everyProblemOfOneInputIsReportedAtOnceInTheOrderChecked() {
        assertThat(errorsOf(c -> c.requiredText("title", "", 200)
                .optionalText("description", "d".repeat(5001), 5000)
                .dateOrder("startDate", LocalDate.of(2031, 2, 2), "dueDate", LocalDate.of(2031, 1, 1))
                .range("progress", 101, 0, 100)
                .amount("amount", new BigDecimal("-1"))
                .currency("currency", "usd")))
                .extracting(Said::field)
                .containsExactly(List.of("input", "title"), List.of("input", "description"), List.of("input", "dueDate"),
                        List.of("input", "progress"), List.of("input", "amount"), List.of("input", "currency"));
    }

    @Test
    void checksThatAllPassThrowNothing() {
        assertThatCode(() -> new Checks().requiredText("title", "Fine", 200).range("progress", 50, 0, 100).orThrow())
                .doesNotThrowAnyException();
    }

    @Test
    void cleanTrimsForStorageAndKeepsNull() {
        assertThat(Checks.clean("  Regional workshop \n")).isEqualTo("Regional workshop");
        assertThat(Checks.clean(null)).isNull();
        assertThat(Checks.input("title")).containsExactly("input", "title");
    }
}
