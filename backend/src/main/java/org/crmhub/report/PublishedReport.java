package org.crmhub.report;

import io.r2dbc.spi.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored edition of a quarter's report, as published (its bytes are read only to be downloaded).
 *
 * @param revision 1 as first published; counts up each time a reclassification made it be generated again
 */
public record PublishedReport(UUID id, UUID workPlanId, LocalDate from, LocalDate to, String edition, String language,
                              int revision, OffsetDateTime publishedAt) {

    /** The select list over alias {@code x}, without the documents' bytes. */
    static final String COLUMNS = "x.id, x.work_plan_id, x.period_from, x.period_to, x.edition, x.language, x.revision,"
            + " x.published_at";

    static PublishedReport from(Row row) {
        return new PublishedReport(row.get("id", UUID.class), row.get("work_plan_id", UUID.class),
                row.get("period_from", LocalDate.class), row.get("period_to", LocalDate.class), row.get("edition", String.class),
                row.get("language", String.class), row.get("revision", Integer.class), row.get("published_at", OffsetDateTime.class));
    }
}
