package org.crmhub.report;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.crmhub.errors.UserErrorException;
import org.crmhub.language.Languages;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the report of every active (ADOPTED) plan at the end of each quarter: quarters end at
 * midnight UTC, when the cron fires (in UTC); at start-up the quarter that ended last is published
 * too, in case it ended while no instance ran. Exactly once per plan and quarter, whatever the
 * number of instances: an instance publishes only after taking the plan's row for that quarter in
 * {@code report_publication} (INSERT ... ON CONFLICT), and each edition has a unique key. A claim
 * left unpublished by an instance that died is taken over once it expires.
 *
 * <p>Two editions, each in every language: civil society's (computed as a civil-society reader of
 * no organisation) and the governments' (as a cleared reader, stored reserved). Publishing writes
 * the editions, and the event log tells the plan's subscribers ({@code reportPublished}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);
    /** How long a claim holds before another instance may take it over. */
    private static final Duration CLAIM = Duration.ofMinutes(15);

    private final DatabaseClient db;
    private final Reports reports;
    private final ReportDocuments documents;
    private final PublishedReports published;
    private final Clock clock;
    private final boolean onStart;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    ReportPublisher(DatabaseClient db, Reports reports, ReportDocuments documents, PublishedReports published, Clock clock,
                    @Value("${hub.reports.publish-on-start:true}") boolean onStart) {
        this.db = db;
        this.reports = reports;
        this.documents = documents;
        this.published = published;
        this.clock = clock;
        this.onStart = onStart;
    }

    /** At midnight UTC starting the first day of each quarter. */
    @Scheduled(cron = "${hub.reports.publish-cron:0 0 0 1 1,4,7,10 *}", zone = "UTC")
    void atQuarterEnd() {
        publishEndedQuarter().subscribe(n -> { }, e -> log.warn("Could not publish the quarter's reports: {}", e.toString()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        if (onStart) {
            atQuarterEnd();
        }
    }

    /**
     * Every hour, the ended quarter again: a plan whose publication failed (its claim expired
     * unpublished) is tried anew without waiting for a restart. Already published plans cost one
     * refused claim each. Off where the start-up catch-up is off (the tests).
     */
    @Scheduled(cron = "${hub.reports.retry-cron:0 17 * * * *}", zone = "UTC")
    void retryUnpublished() {
        if (onStart) {
            atQuarterEnd();
        }
    }

    /** The last quarter that has ended by the clock's now. */
    ReportPeriod endedQuarter() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return ReportPeriod.quarterOf(ReportPeriod.quarterOf(today).from().minusDays(1));
    }

    Mono<Long> publishEndedQuarter() {
        return publish(endedQuarter());
    }

    /** Publishes a quarter's reports of every active plan this instance wins; how many plans it published. */
    Mono<Long> publish(ReportPeriod quarter) {
        return db.sql("SELECT id FROM work_plan WHERE status = 'ADOPTED' ORDER BY created_at, id")
                .map((row, meta) -> row.get("id", UUID.class)).all()
                .contextWrite(ClearanceConnectionFactory.system())
                .concatMap(plan -> publishPlan(plan, quarter)
                        .onErrorResume(e -> {
                            log.warn("Could not publish the {} report of plan {}: {}", quarter.label(), plan, e.toString());
                            return Mono.just(false);
                        }))
                .filter(Boolean::booleanValue)
                .count();
    }

    /** Publishes one plan's quarter if this call wins it; whether it did. */
    Mono<Boolean> publishPlan(UUID plan, ReportPeriod quarter) {
        return claim(plan, quarter).flatMap(won -> won ? publish(plan, quarter).thenReturn(true) : Mono.just(false));
    }

    /** Takes the plan's quarter: a new row, or one whose claim expired unpublished. */
    private Mono<Boolean> claim(UUID plan, ReportPeriod quarter) {
        return db.sql("INSERT INTO report_publication (work_plan_id, period_from, period_to, claimed_by, claimed_until)"
                        + " VALUES (:plan, :from, :to, :me, :until)"
                        + " ON CONFLICT (work_plan_id, period_from, period_to) DO UPDATE SET claimed_by = EXCLUDED.claimed_by,"
                        + " claimed_until = EXCLUDED.claimed_until WHERE report_publication.published_at IS NULL"
                        + " AND report_publication.claimed_until < :now RETURNING claimed_by")
                .bind("plan", plan).bind("from", quarter.from()).bind("to", quarter.to()).bind("me", instance)
                .bind("until", now().plus(CLAIM)).bind("now", now())
                .map((row, meta) -> instance.equals(row.get("claimed_by", String.class))).one()
                .defaultIfEmpty(false)
                .contextWrite(ClearanceConnectionFactory.system());
    }

    private Mono<Void> publish(UUID plan, ReportPeriod quarter) {
        OffsetDateTime at = now();
        return Flux.fromArray(Edition.values())
                .concatMap(edition -> edition(plan, quarter, edition, at))
                .then(db.sql("UPDATE report_publication SET published_at = :at WHERE work_plan_id = :plan AND period_from = :from"
                                + " AND period_to = :to AND claimed_by = :me")
                        .bind("at", at).bind("plan", plan).bind("from", quarter.from()).bind("to", quarter.to()).bind("me", instance)
                        .fetch().rowsUpdated().contextWrite(ClearanceConnectionFactory.system()))
                .doOnSuccess(n -> log.info("Published the {} report of plan {}", quarter.label(), plan))
                .then();
    }

    /** One edition in every language; nothing when its reader may not see the plan (a reserved plan has no civil-society edition). */
    private Mono<Void> edition(UUID plan, ReportPeriod quarter, Edition edition, OffsetDateTime at) {
        return reports.document(edition.reader(), plan, quarter, null)
                .contextWrite(ClearanceConnectionFactory.forViewer(edition.reader()))
                .onErrorResume(UserErrorException.class, e -> Mono.empty())
                .flatMapMany(data -> Flux.fromIterable(Languages.SUPPORTED).concatMap(language -> documents
                        .renderBoth(data, edition, language, at.toInstant())
                        .flatMap(rendered -> published.store(plan, quarter, edition, language.getLanguage(), rendered,
                                data.shownItems(), at).contextWrite(ClearanceConnectionFactory.system()))))
                .then();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
