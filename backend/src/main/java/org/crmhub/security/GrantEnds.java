package org.crmhub.security;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * When grants end: a token's expiry, or its revocation on any instance ({@link Revocations}).
 * Every open WebSocket and every live stream waits for its grant's end, so at 10,000 subscribers
 * the waiting must be cheap: one timer wheel for all expiries and one map of watchers per
 * subject for revocations, instead of a scheduled task and a revocation subscription each.
 */
@Component
public class GrantEnds implements DisposableBean {

    /** Why a grant ended, as a stream's last message says it. */
    public static final String EXPIRED = "Your access token expired.";
    public static final String REVOKED = "Your access was revoked.";
    /**
     * How long before its token expires a live stream ends: its last message must reach the client
     * before the WebSocket itself closes at the expiry (4401).
     */
    public static final Duration STREAMS_END_BEFORE_EXPIRY = Duration.ofSeconds(2);

    private final Revocations revocations;
    private final HashedWheelTimer timer = new HashedWheelTimer(r -> {
        Thread thread = new Thread(r, "hub-grant-ends");
        thread.setDaemon(true);
        return thread;
    }, 100, TimeUnit.MILLISECONDS, 512);
    private final Map<String, Set<Watch>> watching = new ConcurrentHashMap<>();
    private final Disposable listening;

    GrantEnds(Revocations revocations) {
        this.revocations = revocations;
        this.listening = revocations.revocations().subscribe(this::revoked);
    }

    /**
     * Emits why the grant ended: {@code beforeExpiry} ahead of its token's expiry, or at once when
     * it is revoked; never, for a grant that neither expires nor is revoked. Cancelling stops the
     * watch.
     */
    public Mono<String> of(Grant grant, Duration beforeExpiry) {
        return Mono.create(sink -> {
            Watch watch = new Watch(grant, sink);
            // watch first, then check: a revocation in between is not missed
            watching.computeIfAbsent(grant.subject(), s -> ConcurrentHashMap.newKeySet()).add(watch);
            sink.onDispose(watch::stop);
            if (revocations.isRevoked(grant.subject(), grant.issuedAt())) {
                watch.end(REVOKED);
                return;
            }
            if (grant.expiresAt() != null) {
                long left = Duration.between(Instant.now(), grant.expiresAt()).minus(beforeExpiry).toMillis();
                watch.timeout = timer.newTimeout(t -> watch.end(EXPIRED), Math.max(0, left), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void revoked(String subject) {
        Set<Watch> watches = watching.get(subject);
        if (watches != null) {
            for (Watch watch : watches) {
                if (revocations.isRevoked(subject, watch.grant.issuedAt())) {
                    watch.end(REVOKED);
                }
            }
        }
    }

    private final class Watch {

        final Grant grant;
        final MonoSink<String> sink;
        volatile Timeout timeout;

        Watch(Grant grant, MonoSink<String> sink) {
            this.grant = grant;
            this.sink = sink;
        }

        void end(String reason) {
            sink.success(reason);
        }

        void stop() {
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
            watching.computeIfPresent(grant.subject(), (subject, watches) -> {
                watches.remove(this);
                return watches.isEmpty() ? null : watches;
            });
        }
    }

    @Override
    public void destroy() {
        listening.dispose();
        timer.stop();
    }
}
