package org.crmhub.benchmark;

import io.netty.channel.ChannelOption;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.util.retry.Retry;

/**
 * The live benchmark's client (run by backend/benchmark/live.sh, in a JVM of its own): opens N
 * authenticated graphql-transport-ws subscriptions to a running hub, measures the hub's heap per
 * idle subscription (jcmd on the hub's PID), then makes a stream of changes and measures, for
 * every delivery, the time from the change's commit-time stamp to its receipt.
 *
 * <p>Arguments: hubUrl hubPid subscriberToken writerToken workPlanId workstreamId events counts...
 */
public final class LiveLoad {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String pid = args[1];
        String subscriberToken = args[2];
        String writerToken = args[3];
        String plan = args[4];
        String workstream = args[5];
        int events = Integer.parseInt(args[6]);
        List<Integer> counts = new ArrayList<>();
        for (int i = 7; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        LoopResources loops = LoopResources.create("live-load", 2, true);
        System.out.printf("%-12s %-12s %-10s %-10s %-10s %-10s %-13s %-9s %-10s%n", "subscribers", "delivered", "expected",
                "p50 ms", "p99 ms", "max ms", "heap/sub KB", "refused", "connect s");
        for (int n : counts) {
            long heapBefore = heapUsed(pid);
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong delivered = new AtomicLong();
            CountDownLatch acked = new CountDownLatch(n);
            // every handshake or connection that failed, and every socket the hub closed before acknowledging it
            AtomicLong refused = new AtomicLong();
            List<Disposable> connections = new ArrayList<>();
            String ws = hub.replaceFirst("^http", "ws") + "/graphql";
            String subscribe = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { taskChanged(workPlanId: \\\""
                    + plan + "\\\") { kind taskId at } }\"}}";
            reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient
                    .create(ConnectionProvider.newConnection()).runOn(loops)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20000);
            long connectStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();
                out.tryEmitNext("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + subscriberToken + "\"}}");
                connections.add(client.websocket(WebsocketClientSpec.builder().protocols("graphql-transport-ws").build())
                        .uri(ws)
                        .handle((in, outbound) -> Flux.merge(
                                outbound.sendString(out.asFlux()).then(),
                                in.receiveCloseStatus().doOnNext(status -> refused.incrementAndGet()).then(),
                                in.receive().asString().doOnNext(message -> {
                                    if (message.contains("\"connection_ack\"")) {
                                        out.tryEmitNext(subscribe);
                                        acked.countDown();
                                    } else if (message.contains("\"next\"")) {
                                        Matcher at = AT.matcher(message);
                                        if (at.find()) {
                                            latencies.add(Duration.between(Instant.parse(at.group(1)), Instant.now()).toNanos());
                                            delivered.incrementAndGet();
                                        }
                                    }
                                }).then()))
                        // counted, then tried again, so that the run goes on; the target is 0
                        .doOnError(e -> refused.incrementAndGet())
                        .retryWhen(Retry.backoff(10, Duration.ofMillis(200)))
                        .subscribe());
                // a connect storm: all N clients within 10 s, in waves every 100 ms
                if (i % Math.max(1, n / 100) == Math.max(1, n / 100) - 1) {
                    long due = connectStart + (i + 1L) * 10_000_000_000L / n;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            boolean allAcked = acked.await(120, TimeUnit.SECONDS);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            // idle: past the connection-init timeout (10 s), whose timers live until then
            Thread.sleep(12_000);
            long heapPerSubscriber = (heapUsed(pid) - heapBefore) / Math.max(1, n);
            if (System.getenv("HISTOGRAM_DIR") != null) {   // where the idle subscriptions' heap goes
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("HISTOGRAM_DIR"), "histogram-" + n + ".txt"),
                        run("jcmd", pid, "GC.class_histogram"));
                if (System.getenv("HEAP_DUMP") != null) {
                    run("jcmd", pid, "GC.heap_dump", System.getenv("HISTOGRAM_DIR") + "/heap-" + n + ".hprof");
                }
            }

            for (int e = 0; e < events; e++) {
                createTask(hub, writerToken, workstream, "Load " + n + "-" + e);
                Thread.sleep(1000);
            }
            long expected = (long) n * events;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-12d %-12d %-10d %-10.1f %-10.1f %-10.1f %-13.1f %-9d %-10.1f%s%n", n,
                    delivered.get(), expected, percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100),
                    heapPerSubscriber / 1024.0, refused.get(), connectSeconds, allAcked ? "" : "  (not all connections acknowledged)");
            connections.forEach(Disposable::dispose);
            Thread.sleep(3000);
        }
        loops.disposeLater().block();
        System.exit(0);
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static void createTask(String hub, String token, String workstream, String title) throws Exception {
        String body = "{\"query\":\"mutation { createTask(input: {workstreamId: \\\"" + workstream + "\\\", title: \\\"" + title
                + "\\\", kind: ACTION, responsible: PPT}) { errors { code } } }\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (!response.body().contains("\"errors\":[]")) {
            throw new IllegalStateException("mutation failed: " + response.body());
        }
    }

    /** The hub's used heap after a full collection, in bytes (jcmd GC.run + GC.heap_info). */
    private static long heapUsed(String pid) throws Exception {
        run("jcmd", pid, "GC.run");
        Thread.sleep(500);
        String info = run("jcmd", pid, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : 0;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            reader.lines().forEach(line -> out.append(line).append('\n'));
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return out.toString();
    }
}
