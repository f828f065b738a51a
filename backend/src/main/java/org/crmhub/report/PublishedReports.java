package org.crmhub.report;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.report.ReportDocuments.Format;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stored editions of published reports. A reader sees an edition only when it may see the
 * edition (the governments' is reserved) and the plan (both walls); the civil-society edition of
 * a plan reserved since is gone for an uncleared reader even before it is deleted.
 */
@Service
public class PublishedReports {

    static final Ordering NEWEST_FIRST = new Ordering("PUBLISHED_AT:DESC", "x.published_at", "timestamptz", true);

    private final DatabaseClient db;
    private final Pager pager;

    PublishedReports(DatabaseClient db, Pager pager) {
        this.db = db;
        this.pager = pager;
    }

    /**
     * The condition over {@code x} that keeps the editions the viewer may read. An uncleared
     * reader never gets an edition that shows an item reserved since it was made: from the
     * reservation's commit (its trigger queues the item) until the edition is generated again.
     */
    private static String visible(Viewer viewer) {
        String readable = VisibilityPolicy.rowFilter(viewer, "x") + " AND EXISTS (SELECT 1 FROM work_plan p WHERE p.id = x.work_plan_id AND "
                + VisibilityPolicy.rowFilter(viewer, "p") + ")";
        return VisibilityPolicy.canSeeReserved(viewer) ? readable
                : readable + " AND NOT EXISTS (SELECT 1 FROM report_reclassification q WHERE x.shown_items @> ARRAY[q.item_id])";
    }

    /** A plan's editions the viewer may read, newest first. */
    Mono<Connection<PublishedReport>> list(Viewer viewer, UUID workPlanId, PageRequest page) {
        return pager.fetchOne(new Pager.ListQuery(PublishedReport.COLUMNS, "published_report", visible(viewer), "x.work_plan_id"),
                Params.of(), page, workPlanId, PublishedReport::from);
    }

    /** One edition, when the viewer may read it (live delivery reads it at each event). */
    public Mono<PublishedReport> published(Viewer viewer, UUID id) {
        return db.sql("SELECT " + PublishedReport.COLUMNS + " FROM published_report x WHERE x.id = :id AND " + visible(viewer))
                .bind("id", id).map((row, meta) -> PublishedReport.from(row)).one();
    }

    /** An edition's document as it was stored, when the viewer may read it. */
    Mono<Stored> document(Viewer viewer, UUID id, Format format) {
        String column = format == Format.PDF ? "x.pdf" : "x.html";
        return db.sql("SELECT " + PublishedReport.COLUMNS + ", " + column + " AS bytes FROM published_report x WHERE x.id = :id AND "
                        + visible(viewer))
                .bind("id", id)
                .map((row, meta) -> new Stored(PublishedReport.from(row), bytes(row.get("bytes", ByteBuffer.class))))
                .one();
    }

    record Stored(PublishedReport report, byte[] bytes) {
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /**
     * Stores an edition unless that edition of that plan, period and language already is (a unique
     * key): whatever the number of instances, one is stored. Runs with the hub's own clearance.
     */
    Mono<Boolean> store(UUID plan, ReportPeriod period, Edition edition, String language, ReportDocuments.Rendered rendered,
                        List<UUID> shown, OffsetDateTime at) {
        // a civil-society edition is stored with its shown items locked and checked (V16, hub_guard_shown_items)
        return db.sql("INSERT INTO published_report (work_plan_id, period_from, period_to, edition, language, pdf, html,"
                        + " shown_items, published_at) SELECT :plan, :from, :to, :edition, :language, :pdf, :html, :shown, :at"
                        + " WHERE CAST(:edition AS text) <> 'CIVIL_SOCIETY' OR hub_guard_shown_items(CAST(:shown AS uuid[]))"
                        + " ON CONFLICT (work_plan_id, period_from, period_to, edition, language) DO NOTHING")
                .bind("plan", plan).bind("from", period.from()).bind("to", period.to()).bind("edition", edition.name())
                .bind("language", language).bind("pdf", ByteBuffer.wrap(rendered.pdf())).bind("html", ByteBuffer.wrap(rendered.html()))
                .bind("shown", shown.toArray(UUID[]::new)).bind("at", at)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** A stored civil-society edition to generate again (its plan, period, language and revision). */
    record Outdated(UUID id, UUID workPlanId, ReportPeriod period, String language, int revision) {
    }

    /** The stored civil-society editions that show any of these items. */
    Flux<Outdated> showing(List<UUID> items) {
        return db.sql("SELECT x.id, x.work_plan_id, x.period_from, x.period_to, x.language, x.revision FROM published_report x"
                        + " WHERE x.edition = 'CIVIL_SOCIETY' AND x.shown_items && :items ORDER BY x.published_at, x.id")
                .bind("items", items.toArray(UUID[]::new))
                .map((row, meta) -> new Outdated(row.get("id", UUID.class), row.get("work_plan_id", UUID.class),
                        new ReportPeriod(row.get("period_from", LocalDate.class), row.get("period_to", LocalDate.class)),
                        row.get("language", String.class), row.get("revision", Integer.class)))
                .all();
    }

    /**
     * Puts a new revision in the place of an outdated edition, in one statement: only if that
     * revision is still the stored one, so two instances never both replace it.
     */
    Mono<Boolean> replace(Outdated old, ReportDocuments.Rendered rendered, List<UUID> shown) {
        return db.sql("WITH old AS (DELETE FROM published_report WHERE id = :id AND revision = :revision"
                        + " RETURNING work_plan_id, period_from, period_to, edition, language, revision, published_at)"
                        + " INSERT INTO published_report (work_plan_id, period_from, period_to, edition, language, revision, pdf, html,"
                        + " shown_items, published_at) SELECT work_plan_id, period_from, period_to, edition, language, revision + 1,"
                        + " :pdf, :html, :shown, published_at FROM old WHERE hub_guard_shown_items(CAST(:shown AS uuid[]))")
                .bind("id", old.id()).bind("revision", old.revision())
                .bind("pdf", ByteBuffer.wrap(rendered.pdf())).bind("html", ByteBuffer.wrap(rendered.html()))
                .bind("shown", shown.toArray(UUID[]::new))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Which of these items are reserved now (reclassified again since they were queued, or not). */
    Mono<List<UUID>> stillReserved(List<UUID> items) {
        return db.sql("SELECT hub_reserved_among(CAST(:items AS uuid[]), false) AS reserved")
                .bind("items", items.toArray(UUID[]::new))
                .map((row, meta) -> List.of(row.get("reserved", UUID[].class))).one();
    }

    /** Deletes an outdated edition that has nothing left to show (its plan became reserved). */
    Mono<Boolean> delete(Outdated old) {
        return db.sql("DELETE FROM published_report WHERE id = :id AND revision = :revision")
                .bind("id", old.id()).bind("revision", old.revision()).fetch().rowsUpdated().map(n -> n > 0);
    }
}
