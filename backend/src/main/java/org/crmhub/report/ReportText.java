package org.crmhub.report;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of a report document in one language: its headings (i18n/report*.properties) and the
 * labels of enum values (i18n/labels*.properties, the same the API's {@code enumLabels} serves).
 */
final class ReportText {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale language;
    private final ResourceBundle headings;
    private final ResourceBundle labels;

    ReportText(Locale language) {
        this.language = language;
        this.headings = ResourceBundle.getBundle("i18n/report", language, NO_FALLBACK);
        this.labels = ResourceBundle.getBundle("i18n/labels", language, NO_FALLBACK);
    }

    Locale language() {
        return language;
    }

    String get(String key, Object... args) {
        return new MessageFormat(headings.getString(key), language).format(args);
    }

    /** The label of an enum value, e.g. {@code label("TaskStatus", "DONE")}; the value itself when it has none. */
    String label(String enumName, String value) {
        if (value == null) {
            return "–";
        }
        try {
            return labels.getString(enumName + "." + value);
        } catch (MissingResourceException e) {
            return value;
        }
    }

    /** An amount with two decimals, grouped as the language writes numbers. */
    String amount(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(language);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    /** A measured value, with as many decimals as it has. */
    String number(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(language);
        format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
        return format.format(value);
    }
}
