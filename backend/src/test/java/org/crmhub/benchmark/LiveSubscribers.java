package org.crmhub.benchmark;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.util.retry.Retry;

/**
 * N graphql-transport-ws subscribers of {@code taskChanged(workPlanId) { kind taskId at }}, each
 * authenticated in {@code connection_init}, and the latency of every delivery: from the change's
 * stamp in the event log ({@code at}) to its receipt. Shared by the live benchmarks (LiveLoad,
 * LiveListeners).
 *
 * <p>The client runs on the same two cores as the hub, so its own cost per frame is part of every
 * figure. It keeps that cost small: a change's stamp is parsed once for all its deliveries (not
 * once per frame), latencies go into a preallocated array, and a frame is matched by
 * {@code indexOf}, not by a regular expression.
 */
final class LiveSubscribers {

    private static final String AT = "\"at\":\"";

    private final HttpClient client;
    private final String url;
    private final String init;
    private final String subscribe;
    private final int count;
    private final Retry retry;
    private final long[] latencies;
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final CountDownLatch acknowledged;
    /** Each change's stamp in epoch nanoseconds, parsed once. */
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private final List<Disposable> connections = new ArrayList<>();

    /**
     * @param retry what a client does after a refused handshake or a closed socket: the refusal is
     *              counted, then it tries again, so that the run goes on
     */
    LiveSubscribers(LoopResources loops, String hub, String token, String plan, int count, int changes, Retry retry) {
        this.client = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20000);
        this.url = hub.replaceFirst("^http", "ws") + "/graphql";
        this.init = "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}";
        this.subscribe = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { taskChanged(workPlanId: \\\""
                + plan + "\\\") { kind taskId at } }\"}}";
        this.count = count;
        this.retry = retry;
        this.latencies = new long[Math.max(1, count * changes)];
        this.acknowledged = new CountDownLatch(count);
    }

    /** Opens all the subscribers within {@code window}, in a hundred waves (a connect storm). */
    void open(Duration window) throws InterruptedException {
        long start = System.nanoTime();
        int wave = Math.max(1, count / 100);
        for (int i = 0; i < count; i++) {
            connections.add(connect());
            if (i % wave == wave - 1) {
                long wait = start + (i + 1L) * window.toNanos() / count - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

    private Disposable connect() {
        // each attempt has its own outbound messages (a unicast sink takes one subscriber)
        return Flux.defer(() -> {
            Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();
            out.tryEmitNext(init);
            return client.websocket(WebsocketClientSpec.builder().protocols("graphql-transport-ws").build())
                    .uri(url)
                    .handle((in, outbound) -> Flux.merge(
                            outbound.sendString(out.asFlux()).then(),
                            // a socket the hub closed is counted, then opened again by the retry below
                            in.receiveCloseStatus().flatMap(status -> Mono.error(new IllegalStateException("closed: " + status))),
                            in.receive().asString().doOnNext(message -> receive(message, out)).then()));
                })
                .doOnError(e -> refused.incrementAndGet())
                .retryWhen(retry)
                .subscribe();
    }

    private void receive(String message, Sinks.Many<String> out) {
        int at = message.indexOf(AT);
        if (at >= 0 && message.contains("\"next\"")) {
            Instant now = Instant.now();
            int from = at + AT.length();
            String stamp = message.substring(from, message.indexOf('"', from));
            long changed = stamps.computeIfAbsent(stamp, s -> {
                Instant parsed = Instant.parse(s);
                return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
            });
            int slot = recorded.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = now.getEpochSecond() * 1_000_000_000L + now.getNano() - changed;
            }
            delivered.incrementAndGet();
        } else if (message.contains("\"connection_ack\"")) {
            out.tryEmitNext(subscribe);
            acknowledged.countDown();
        }
    }

    boolean awaitAcknowledged(Duration timeout) throws InterruptedException {
        return acknowledged.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long acknowledged() {
        return count - acknowledged.getCount();
    }

    /** Waits until every subscriber has {@code perSubscriber} deliveries, or the time is up. */
    void awaitDeliveries(long perSubscriber, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() < perSubscriber * count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Forgets the deliveries so far (after the warm-up changes). */
    void reset() {
        delivered.set(0);
        recorded.set(0);
    }

    long delivered() {
        return delivered.get();
    }

    /** Refused or failed handshakes and sockets the hub closed. */
    long refused() {
        return refused.get();
    }

    /** The recorded latencies in nanoseconds, sorted. */
    long[] sortedLatencies() {
        long[] sorted = Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
        Arrays.sort(sorted);
        return sorted;
    }

    void close() {
        connections.forEach(Disposable::dispose);
    }
}
