package org.crmhub.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.crmhub.errors.UserErrorException;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one exception to "stored as published": when an item that a stored civil-society edition
 * shows becomes reserved, that edition is generated again at once without it, and the old one is
 * deleted. The reclassifying transaction queues the item (V16's triggers on every reservable
 * table, cascades included) and notifies; an instance claims queued rows ({@code FOR UPDATE SKIP LOCKED}, with a
 * claim that expires should it die), regenerates every edition that shows them, and replaces each
 * only if it is still the revision it read, so no edition is replaced twice for one change. It
 * looks again until no stored civil-society edition shows a claimed item, then drops the rows.
 */
@Component
class ReportReclassifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportReclassifications.class);
    private static final int BATCH = 200;
    private static final int ROUNDS = 5;

    private final DatabaseClient db;
    private final Reports reports;
    private final ReportDocuments documents;
    private final PublishedReports published;
    private final ReportLinks links;
    private final Duration pollInterval;
    private final ConnectionFactory listenerConnections;
    private volatile Disposable polling;

    ReportReclassifications(DatabaseClient db, Reports reports, ReportDocuments documents, PublishedReports published,
                            ReportLinks links, @Value("${hub.reports.reclassification-poll:1m}") Duration pollInterval,
                            @Value("${spring.r2dbc.url}") String url, @Value("${spring.r2dbc.username}") String user,
                            @Value("${spring.r2dbc.password:}") String password) {
        // its own connection, outside the pool (as the live feed's): it LISTENs for the queue's
        // wake-ups and looks at the queue, so that the pool sees a statement only when there is work
        this.listenerConnections = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, user).option(ConnectionFactoryOptions.PASSWORD, password)
                .option(Option.valueOf("applicationName"), "hub-report-reclassifications").build());
        this.db = db;
        this.reports = reports;
        this.documents = documents;
        this.published = published;
        this.links = links;
        this.pollInterval = pollInterval;
    }

    /**
     * Woken by the queue's notification (V16's trigger, on commit), and on a slow timer in case
     * one is lost or an instance died holding a claim; reconnects with backoff.
     */
    @Override
    public void start() {
        polling = Flux.usingWhen(listenerConnections.create(), this::listen, c -> Mono.from(c.close()))
                .doOnError(e -> log.warn("Report reclassification listener lost its connection ({}); reconnecting", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe();
    }

    private Flux<Integer> listen(Connection connection) {
        PostgresqlConnection pg = (PostgresqlConnection) connection;
        Flux<Object> wakeUps = Flux.merge(Flux.just((Object) "connected"), pg.getNotifications().map(n -> (Object) n),
                Flux.interval(pollInterval).map(t -> (Object) t));
        return pg.createStatement("LISTEN " + CHANNEL).execute().flatMap(PostgresqlResult::getRowsUpdated).then()
                .thenMany(wakeUps.onBackpressureLatest().concatMap(w -> queued(pg)
                        .flatMap(work -> work ? processQueue() : Mono.just(0))
                        .onErrorResume(e -> {
                            log.warn("Could not regenerate the reports of reclassified items: {}", e.toString());
                            return Mono.just(0);
                        }), 1));
    }

    /** The queue's wake-up channel (V16). */
    static final String CHANNEL = "hub_report_reclassified";

    /** Whether an item waits that no live claim holds (asked on the listening connection). */
    private static Mono<Boolean> queued(PostgresqlConnection pg) {
        return Flux.from(pg.createStatement("SELECT EXISTS (SELECT 1 FROM report_reclassification"
                        + " WHERE claimed_until IS NULL OR claimed_until < clock_timestamp()) AS queued").execute())
                .flatMap(r -> r.map((row, meta) -> row.get("queued", Boolean.class)))
                .next().defaultIfEmpty(false);
    }

    @Override
    public void stop() {
        Disposable d = polling;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }

    private record Claimed(long id, UUID item) {
    }

    /** Claims a batch of queued items and regenerates what shows them; how many editions it replaced. */
    Mono<Integer> processQueue() {
        return db.sql("UPDATE report_reclassification SET claimed_until = clock_timestamp() + interval '5 minutes'"
                        + " WHERE id IN (SELECT id FROM report_reclassification WHERE claimed_until IS NULL OR claimed_until < clock_timestamp()"
                        + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) RETURNING id, item_id")
                .map((row, meta) -> new Claimed(row.get("id", Long.class), row.get("item_id", UUID.class)))
                .all().collectList()
                .contextWrite(ClearanceConnectionFactory.system())
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0)
                        : regenerate(claimed.stream().map(Claimed::item).distinct().toList(), ROUNDS)
                        .flatMap(replaced -> db.sql("DELETE FROM report_reclassification WHERE id = ANY(:ids)")
                                .bind("ids", claimed.stream().map(Claimed::id).toArray(Long[]::new))
                                .fetch().rowsUpdated().contextWrite(ClearanceConnectionFactory.system())
                                .thenReturn(replaced)));
    }

    /** Regenerates every stored civil-society edition that shows an item, until none does. */
    private Mono<Integer> regenerate(List<UUID> queued, int rounds) {
        // an item made OPEN again before its turn needs no new edition (and would be shown again)
        return published.stillReserved(queued).contextWrite(ClearanceConnectionFactory.system())
                .flatMap(items -> items.isEmpty() ? Mono.just(0) : regenerateShowing(items, rounds));
    }

    private Mono<Integer> regenerateShowing(List<UUID> items, int rounds) {
        return published.showing(items).contextWrite(ClearanceConnectionFactory.system()).collectList()
                .flatMap(outdated -> {
                    if (outdated.isEmpty()) {
                        return Mono.just(0);
                    }
                    if (rounds == 0) {
                        return Mono.error(new IllegalStateException("editions still show reclassified items: " + outdated));
                    }
                    return Flux.fromIterable(outdated).concatMap(this::regenerate).reduce(0, Integer::sum)
                            .flatMap(done -> regenerateShowing(items, rounds - 1).map(more -> done + more));
                });
    }

    private Mono<Integer> regenerate(PublishedReports.Outdated old) {
        Edition edition = Edition.CIVIL_SOCIETY;
        return reports.document(edition.reader(), old.workPlanId(), old.period(), null)
                .contextWrite(ClearanceConnectionFactory.forViewer(edition.reader()))
                .flatMap(data -> documents.renderBoth(data, edition, Locale.forLanguageTag(old.language()), links.now())
                        .flatMap(rendered -> published.replace(old, rendered, data.shownItems())))
                // the plan is no longer civil society's to see: no edition is left for it
                .onErrorResume(UserErrorException.class, e -> published.delete(old))
                .contextWrite(ClearanceConnectionFactory.system())
                .map(done -> done ? 1 : 0);
    }
}
