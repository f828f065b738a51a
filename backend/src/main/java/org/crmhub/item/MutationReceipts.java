package org.crmhub.item;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Forgets the receipts of idempotency keys (migration V9, {@link ItemWrites}) older than
 * {@code hub.idempotency.retention} (a day), once an hour: a key can be retried for that long.
 */
@Component
class MutationReceipts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MutationReceipts.class);

    private final DatabaseClient db;
    private final Duration retention;
    private volatile Disposable pruning;

    MutationReceipts(DatabaseClient db, @Value("${hub.idempotency.retention:1d}") Duration retention) {
        this.db = db;
        this.retention = retention;
    }

    Mono<Long> prune() {
        return db.sql("DELETE FROM mutation_receipt WHERE at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) retention.toSeconds()).fetch().rowsUpdated();
    }

    @Override
    public void start() {
        pruning = Flux.interval(Duration.ofMinutes(2), Duration.ofHours(1))
                .concatMap(t -> prune().onErrorResume(e -> {
                    log.warn("Could not prune the mutation receipts: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (pruning != null) {
            pruning.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return pruning != null && !pruning.isDisposed();
    }
}
