package org.crmhub.errors;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Collects the validation problems of one input, so that a client learns every bad field at once.
 * Field paths follow the schema, e.g. {@code ["input", "title"]}.
 */
public final class Checks {

    private final List<UserError> errors = new ArrayList<>();

    public static List<String> input(String field) {
        return List.of("input", field);
    }

    /** A required text: not blank and at most {@code max} characters (after trimming). */
    public Checks requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            fail(field, "error.blank");
        } else {
            optionalText(field, value, max);
        }
        return this;
    }

    /** An optional text (null allowed) but, when given, not blank and at most {@code max} characters. */
    public Checks optionalText(String field, String value, int max) {
        if (value != null) {
            if (value.isBlank()) {
                fail(field, "error.blankWhenGiven");
            } else if (value.strip().length() > max) {
                fail(field, "error.tooLong", String.valueOf(max));
            }
        }
        return this;
    }

    public Checks dateOrder(String startField, LocalDate start, String endField, LocalDate end) {
        if (start != null && end != null && start.isAfter(end)) {
            fail(endField, "error.dateOrder", startField);
        }
        return this;
    }

    public Checks range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            fail(field, "error.range", String.valueOf(min), String.valueOf(max));
        }
        return this;
    }

    /** A money amount: not negative, at most 2 decimals, at most 16 integer digits (numeric(18,2)). */
    public Checks amount(String field, BigDecimal value) {
        if (value != null) {
            if (value.signum() < 0) {
                fail(field, "error.negative");
            } else if (value.stripTrailingZeros().scale() > 2) {
                fail(field, "error.twoDecimals");
            } else if (value.precision() - value.scale() > 16) {
                fail(field, "error.tooLarge");
            }
        }
        return this;
    }

    /** A measured value (numeric(18,4)). */
    public Checks measure(String field, BigDecimal value) {
        if (value != null) {
            if (value.stripTrailingZeros().scale() > 4) {
                fail(field, "error.fourDecimals");
            } else if (value.precision() - value.scale() > 14) {
                fail(field, "error.tooLarge");
            }
        }
        return this;
    }

    /** An ISO-4217 currency code that Java knows (e.g. USD, EUR, HNL). */
    public Checks currency(String field, String value) {
        if (value != null) {
            boolean known = value.length() == 3 && value.equals(value.toUpperCase())
                    && Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(value));
            if (!known) {
                fail(field, "error.currency");
            }
        }
        return this;
    }

    /** Unless {@code ok}, a VALIDATION error of {@code field} with the message of {@code key} (i18n/messages.properties). */
    public Checks check(boolean ok, String field, String key, Object... args) {
        if (!ok) {
            fail(field, key, args);
        }
        return this;
    }

    public Checks fail(String field, String key, Object... args) {
        errors.add(UserError.invalid(field == null ? null : input(field), key, args));
        return this;
    }

    /** A problem at a nested path, e.g. {@code ["input", "agenda", "2"]}. */
    public Checks failAt(List<String> field, String key, Object... args) {
        errors.add(UserError.invalid(field, key, args));
        return this;
    }

    /** Throws the collected problems, if any. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new UserErrorException(errors);
        }
    }

    /** Trims a text for storage; validation has already bounded it. */
    public static String clean(String value) {
        return value == null ? null : value.strip();
    }
}
