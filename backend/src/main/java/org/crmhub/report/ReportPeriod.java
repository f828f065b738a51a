package org.crmhub.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;

/**
 * The days a report covers, from {@code from} to {@code to} included: from midnight UTC at the
 * start of {@code from} until midnight UTC after {@code to}. A quarter runs from the first day of
 * its first month to the last day of its third.
 */
record ReportPeriod(LocalDate from, LocalDate to) {

    /** The schema's ReportPeriodInput: a quarter ({@code year}, {@code quarter}) or a range ({@code from}, {@code to}). */
    record Input(Integer year, Integer quarter, LocalDate from, LocalDate to) {
    }

    /** The period the input names, or VALIDATION errors on {@code period.*} (nothing runs). */
    static ReportPeriod of(Input in) {
        List<UserError> errors = new ArrayList<>();
        boolean quarter = in.year() != null || in.quarter() != null;
        boolean range = in.from() != null || in.to() != null;
        if (quarter == range) {
            throw new UserErrorException(UserError.invalid(List.of("period"), "error.periodChoice"));
        }
        if (quarter) {
            if (in.year() == null || in.year() < 1990 || in.year() > 2200) {
                errors.add(UserError.invalid(List.of("period", "year"), "error.range", "1990", "2200"));
            }
            if (in.quarter() == null || in.quarter() < 1 || in.quarter() > 4) {
                errors.add(UserError.invalid(List.of("period", "quarter"), "error.range", "1", "4"));
            }
            if (!errors.isEmpty()) {
                throw new UserErrorException(errors);
            }
            LocalDate start = LocalDate.of(in.year(), 3 * (in.quarter() - 1) + 1, 1);
            return new ReportPeriod(start, start.plusMonths(3).minusDays(1));
        }
        if (in.from() == null) {
            errors.add(UserError.invalid(List.of("period", "from"), "error.blank"));
        }
        if (in.to() == null) {
            errors.add(UserError.invalid(List.of("period", "to"), "error.blank"));
        }
        if (errors.isEmpty() && in.to().isBefore(in.from())) {
            errors.add(UserError.invalid(List.of("period", "to"), "error.dateOrder", "from"));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorException(errors);
        }
        return new ReportPeriod(in.from(), in.to());
    }

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d{1,2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    /**
     * The period a document's URL names: a quarter ({@code 2017-Q1}) or a range of days
     * ({@code 2017-01-01..2017-03-31}), checked exactly as the GraphQL input is.
     */
    static ReportPeriod parse(String text) {
        var quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            return of(new Input(Integer.valueOf(quarter.group(1)), Integer.valueOf(quarter.group(2)), null, null));
        }
        var range = RANGE.matcher(text);
        if (range.matches()) {
            try {
                return of(new Input(null, null, LocalDate.parse(range.group(1)), LocalDate.parse(range.group(2))));
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        throw new UserErrorException(UserError.invalid(List.of("period"), "error.periodFormat"));
    }

    /** The quarter that contains a day. */
    static ReportPeriod quarterOf(LocalDate day) {
        return of(new Input(day.getYear(), (day.getMonthValue() - 1) / 3 + 1, null, null));
    }

    /** Whether the period is exactly one quarter. */
    boolean isQuarter() {
        return from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % 3 == 0 && to.equals(from.plusMonths(3).minusDays(1));
    }

    /** How a URL names it: {@code 2017-Q1} for a quarter, {@code 2017-01-01..2017-02-15} otherwise. */
    String label() {
        return isQuarter() ? from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1) : from + ".." + to;
    }

    /** Midnight UTC at the start of the first day. */
    OffsetDateTime start() {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Midnight UTC after the last day (excluded). */
    OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
