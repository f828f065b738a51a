package org.crmhub.live;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * This instance's view of the event log. One dedicated connection LISTENs for the log's wake-up
 * notifications; on each (and on a slow timer, in case one is lost) it reads the rows after the
 * last position it has, keeps the most recent ones in memory for its subscribers, and announces
 * the new head position. When the connection drops (database restart, network), it reconnects
 * with backoff and catches up from the log: the log, not the notifications, is the truth.
 */
@Component
class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int READ_BATCH = 2000;
    /** How the listening connection shows in pg_stat_activity. */
    static final String LISTENER_NAME = "hub-live-listener";

    private final ConnectionFactory listenerConnections;
    private final DatabaseClient db;
    private final int retained;
    private final Duration pollInterval;
    private final ConcurrentSkipListMap<Long, ChangeEvent> recent = new ConcurrentSkipListMap<>();
    private final Sinks.Many<Long> heads = Sinks.many().multicast().directBestEffort();
    private volatile long head = -1;
    private volatile Duration newestLag = Duration.ZERO;
    /** Events after this position are all in {@link #recent}. */
    private volatile long retainedFrom = -1;
    private volatile Disposable listening;
    private volatile Disposable pruning;
    private final Duration retention;

    ChangeFeed(@Value("${spring.r2dbc.url}") String url, @Value("${spring.r2dbc.username}") String user,
               @Value("${spring.r2dbc.password:}") String password, DatabaseClient db,
               @Value("${hub.live.retained-events:20000}") int retained,
               @Value("${hub.live.poll-interval:5s}") Duration pollInterval,
               @Value("${hub.live.retention:7d}") Duration retention) {
        this.retention = retention;
        // its own connection, outside the pool: LISTEN holds it for the instance's lifetime
        this.listenerConnections = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, user).option(ConnectionFactoryOptions.PASSWORD, password)
                .option(Option.valueOf("applicationName"), LISTENER_NAME).build());
        this.db = db;
        this.retained = retained;
        this.pollInterval = pollInterval;
    }

    /** The highest position this instance has read (all events up to it are available). */
    long head() {
        return head;
    }

    /** Every new head position, as it is reached. */
    Flux<Long> heads() {
        return heads.asFlux();
    }

    /**
     * The events of one work plan and item type after {@code after} and up to {@code upTo}, in
     * order: from memory when retained, from the log otherwise (a subscriber resuming from far back).
     */
    Flux<ChangeEvent> between(long after, long upTo, UUID workPlanId, String itemType) {
        if (after >= retainedFrom && retainedFrom >= 0) {
            ConcurrentNavigableMap<Long, ChangeEvent> range = recent.subMap(after, false, upTo, true);
            List<ChangeEvent> matching = new ArrayList<>();
            for (ChangeEvent e : range.values()) {
                if (e.workPlanId().equals(workPlanId) && e.itemType().equals(itemType)) {
                    matching.add(e);
                }
            }
            return Flux.fromIterable(matching);
        }
        return db.sql("SELECT " + ChangeEvent.COLUMNS + " FROM change_event WHERE position > :after AND position <= :upTo"
                        + " AND work_plan_id = :plan AND item_type = :type ORDER BY position")
                .bind("after", after).bind("upTo", upTo).bind("plan", workPlanId).bind("type", itemType)
                .map((row, meta) -> ChangeEvent.from(row)).all()
                .contextWrite(ClearanceConnectionFactory.system());
    }

    /** Deletes the events older than the retention period; a cursor from before then cannot resume. */
    Mono<Long> prune(Duration retention) {
        return db.sql("DELETE FROM change_event WHERE at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) retention.toSeconds()).fetch().rowsUpdated()
                .contextWrite(ClearanceConnectionFactory.system());
    }

    /** The oldest position still in the log (0 when it is empty). */
    Mono<Long> oldest() {
        return db.sql("SELECT coalesce(min(position), 0) AS oldest FROM change_event")
                .map((row, meta) -> row.get("oldest", Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system());
    }

    @Override
    public void start() {
        pruning = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(t -> prune(retention).onErrorResume(e -> {
                    log.warn("Could not prune the event log: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe(n -> {
                    if (n > 0) {
                        log.info("Pruned {} changes older than {} from the event log", n, retention);
                    }
                });
        listening = Flux.usingWhen(listenerConnections.create(), this::listen, c -> Mono.from(c.close()))
                .doOnError(e -> log.warn("Event listener lost its connection ({}); reconnecting", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe();
    }

    private Flux<Long> listen(Connection connection) {
        PostgresqlConnection pg = (PostgresqlConnection) connection;
        Flux<Object> wakeUps = Flux.merge(
                Flux.just((Object) "connected"),
                pg.getNotifications().map(n -> (Object) n),
                Flux.interval(pollInterval).map(t -> (Object) t));
        return pg.createStatement("LISTEN hub_changes").execute().flatMap(PostgresqlResult::getRowsUpdated).then()
                .thenMany(wakeUps.onBackpressureLatest().concatMap(w -> catchUp(pg), 1));
    }

    /** Reads everything after the head, in batches, and announces the new head. */
    private Mono<Long> catchUp(PostgresqlConnection pg) {
        Mono<Long> start = head >= 0 ? Mono.just(head)
                : Mono.from(pg.createStatement("SELECT coalesce(max(position), 0) AS head FROM change_event").execute())
                        .flatMap(r -> Mono.from(r.map((row, meta) -> row.get("head", Long.class))))
                        .doOnNext(h -> {
                            retainedFrom = h;
                            head = h;
                            heads.tryEmitNext(h);
                        });
        return start.flatMap(from -> readAfter(pg, from))
                .expand(read -> read.size() == READ_BATCH ? readAfter(pg, read.get(read.size() - 1).position()) : Mono.empty())
                .doOnNext(this::retain)
                .then(Mono.fromSupplier(() -> head));
    }

    private Mono<List<ChangeEvent>> readAfter(PostgresqlConnection pg, long position) {
        return Flux.from(pg.createStatement("SELECT " + ChangeEvent.COLUMNS
                                + " FROM change_event WHERE position > $1 ORDER BY position LIMIT " + READ_BATCH)
                        .bind("$1", position).execute())
                .flatMap(r -> r.map((row, meta) -> ChangeEvent.from(row)))
                .collectList();
    }

    private void retain(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (ChangeEvent e : events) {
            recent.put(e.position(), e);
        }
        while (recent.size() > retained) {
            Map.Entry<Long, ChangeEvent> oldest = recent.pollFirstEntry();
            retainedFrom = oldest.getKey();
        }
        ChangeEvent newest = events.get(events.size() - 1);
        newestLag = Duration.between(newest.at().toInstant(), Instant.now());
        head = newest.position();
        heads.tryEmitNext(head);
    }

    /** How long after its commit this instance read the newest event it has read (the metric hub.live.event.lag). */
    Duration newestLag() {
        return newestLag;
    }

    @Override
    public void stop() {
        if (pruning != null) {
            pruning.dispose();
        }
        Disposable d = listening;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
