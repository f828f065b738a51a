package org.crmhub.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read benchmark's HTTP client (run by backend/benchmark/read.sh): keeps {@code concurrency}
 * GraphQL requests in flight against a running hub for {@code seconds}, after a warm-up, and
 * prints requests per second and latency percentiles. Every answer is checked for an expected text.
 *
 * <p>Arguments: hubUrl token bodyJsonFile expectedText concurrency seconds
 */
public final class ReadLoad {

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String token = args[1];
        String body = Files.readString(Path.of(args[2]));
        String expected = args[3];
        int concurrency = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        HttpClient client = HttpClient.create(ConnectionProvider.create("read-load", concurrency * 2))
                .baseUrl(hub).headers(h -> h.add("Authorization", "Bearer " + token).add("Content-Type", "application/json"));

        run(client, body, expected, concurrency, Duration.ofSeconds(Math.max(5, seconds / 2)), false);   // warm-up (JIT, pools)
        run(client, body, expected, concurrency, Duration.ofSeconds(seconds), true);
        System.exit(0);
    }

    private static void run(HttpClient client, String body, String expected, int concurrency, Duration duration,
                            boolean report) {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        Flux.range(0, concurrency)
                .flatMap(worker -> Mono.defer(() -> {
                            long sent = System.nanoTime();
                            return client.post().uri("/graphql").send(ByteBufFlux.fromString(Mono.just(body)))
                                    .responseContent().aggregate().asString()
                                    .doOnNext(answer -> {
                                        latencies.add(System.nanoTime() - sent);
                                        done.incrementAndGet();
                                        if (!answer.contains(expected) || answer.contains("\"errors\"")) {
                                            wrong.incrementAndGet();
                                        }
                                    });
                        })
                        .repeat(() -> System.nanoTime() < end), concurrency)
                .blockLast();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (report) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "hub: %d requests in %.1f s = %.0f req/s, p50 %.1f ms, p99 %.1f ms, wrong answers %d%n",
                    done.get(), elapsed, done.get() / elapsed, pct(sorted, 50), pct(sorted, 99), wrong.get());
        }
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))) / 1e6;
    }
}
