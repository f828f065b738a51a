package org.crmhub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.crmhub.errors.UserErrorException;
import org.crmhub.testsupport.Said;
import org.junit.jupiter.api.Test;

/** The days a report covers, and the input that names them. */
class ReportPeriodTest {

    private static List<List<String>> refused(ReportPeriod.Input input) {
        UserErrorException e = catchThrowableOfType(UserErrorException.class, () -> ReportPeriod.of(input));
        assertThat(e).as("%s", input).isNotNull();
        return Said.of(e.errors()).stream().map(Said::field).toList();
    }

    @Test
    void aQuarterRunsFromMidnightUtcOnItsFirstDayToMidnightUtcAfterItsLast() {
        ReportPeriod q1 = ReportPeriod.of(new ReportPeriod.Input(2017, 1, null, null));
        assertThat(q1).isEqualTo(new ReportPeriod(LocalDate.of(2017, 1, 1), LocalDate.of(2017, 3, 31)));
        assertThat(q1.start()).isEqualTo(OffsetDateTime.of(2017, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(q1.end()).isEqualTo(OffsetDateTime.of(2017, 4, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ReportPeriod.of(new ReportPeriod.Input(2016, 4, null, null)).end())
                .isEqualTo(OffsetDateTime.of(2017, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        // a leap year's first quarter
        assertThat(ReportPeriod.of(new ReportPeriod.Input(2020, 1, null, null)).to()).isEqualTo(LocalDate.of(2020, 3, 31));
    }

    @Test
    void aRangeIncludesItsLastDay() {
        ReportPeriod day = ReportPeriod.of(new ReportPeriod.Input(null, null, LocalDate.of(2017, 5, 1), LocalDate.of(2017, 5, 1)));
        assertThat(day.end()).isEqualTo(OffsetDateTime.of(2017, 5, 2, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void badPeriodsAreRefusedOnTheFieldAtFault() {
        assertThat(refused(new ReportPeriod.Input(null, null, null, null))).containsExactly(List.of("period"));
        assertThat(refused(new ReportPeriod.Input(2017, 1, LocalDate.of(2017, 1, 1), null))).containsExactly(List.of("period"));
        assertThat(refused(new ReportPeriod.Input(2017, 0, null, null))).containsExactly(List.of("period", "quarter"));
        assertThat(refused(new ReportPeriod.Input(2017, 5, null, null))).containsExactly(List.of("period", "quarter"));
        assertThat(refused(new ReportPeriod.Input(null, 2, null, null))).containsExactly(List.of("period", "year"));
        assertThat(refused(new ReportPeriod.Input(1800, 9, null, null)))
                .containsExactly(List.of("period", "year"), List.of("period", "quarter"));
        assertThat(refused(new ReportPeriod.Input(null, null, LocalDate.of(2017, 2, 1), LocalDate.of(2017, 1, 31))))
                .containsExactly(List.of("period", "to"));
        assertThat(refused(new ReportPeriod.Input(null, null, LocalDate.of(2017, 2, 1), null))).containsExactly(List.of("period", "to"));
    }

    @Test
    void aDocumentsUrlNamesAQuarterOrARangeOfDays() {
        assertThat(ReportPeriod.parse("2017-Q1")).isEqualTo(new ReportPeriod(LocalDate.of(2017, 1, 1), LocalDate.of(2017, 3, 31)));
        assertThat(ReportPeriod.parse("2017-01-05..2017-02-15"))
                .isEqualTo(new ReportPeriod(LocalDate.of(2017, 1, 5), LocalDate.of(2017, 2, 15)));
        assertThat(ReportPeriod.parse("2017-Q4").label()).isEqualTo("2017-Q4");
        // a range that is exactly a quarter is named as one
        assertThat(ReportPeriod.parse("2017-04-01..2017-06-30").label()).isEqualTo("2017-Q2");
        assertThat(ReportPeriod.parse("2017-04-01..2017-06-29").label()).isEqualTo("2017-04-01..2017-06-29");
        assertThat(ReportPeriod.quarterOf(LocalDate.of(2017, 12, 31)).label()).isEqualTo("2017-Q4");
    }

    @Test
    void aBadlyNamedPeriodIsRefusedAsTheQueryRefusesIt() {
        for (String text : List.of("2017", "2017-Q", "Q1-2017", "2017-02-30..2017-03-01", "2017-01-01...2017-02-01", "")) {
            UserErrorException e = catchThrowableOfType(UserErrorException.class, () -> ReportPeriod.parse(text));
            assertThat(e).as(text).isNotNull();
            assertThat(Said.of(e.errors()).stream().map(Said::field).toList()).as(text).isEqualTo(List.of(List.of("period")));
        }
        assertThat(Said.of(catchThrowableOfType(UserErrorException.class, () -> ReportPeriod.parse("2017-Q5")).errors())
                .stream().map(Said::field).toList()).isEqualTo(List.of(List.of("period", "quarter")));
        assertThat(Said.of(catchThrowableOfType(UserErrorException.class, () -> ReportPeriod.parse("2017-03-01..2017-02-01"))
                .errors()).stream().map(Said::field).toList()).isEqualTo(List.of(List.of("period", "to")));
    }

    @Test
    void theQuarterPublishedIsTheLastThatEndedAtMidnightUtc() {
        java.util.function.Function<String, ReportPeriod> endedAt = instant -> new ReportPublisher(null, null, null, null,
                java.time.Clock.fixed(java.time.Instant.parse(instant), ZoneOffset.UTC), false).endedQuarter();
        assertThat(endedAt.apply("2027-01-01T00:00:00Z").label()).isEqualTo("2026-Q4");
        assertThat(endedAt.apply("2026-12-31T23:59:59Z").label()).isEqualTo("2026-Q3");
        assertThat(endedAt.apply("2026-04-01T00:00:00Z").label()).isEqualTo("2026-Q1");
        assertThat(endedAt.apply("2026-03-31T23:59:59.999Z").label()).isEqualTo("2025-Q4");
    }
}
