package org.crmhub.benchmark;

import io.netty.channel.ChannelOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * One client JVM of the multi-instance live benchmark (backend/benchmark/live.sh with
 * INSTANCES=3): opens N authenticated graphql-transport-ws subscriptions to one hub instance
 * within 10 s, writes {@code <out>.ready} once all are acknowledged, records every delivery's
 * latency (commit to receipt) until it has N × changes of them or the time is up, and writes
 * them to {@code <out>}: a first line "subscribers delivered expected refused", then one
 * latency in microseconds per line. The script makes the changes and merges the files.
 *
 * <p>usage: LiveListeners hub token plan subscribers changes out [connect seconds, default 10]
 */
public final class LiveListeners {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");

    private LiveListeners() {
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String token = args[1];
        String plan = args[2];
        int n = Integer.parseInt(args[3]);
        int changes = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        long window = TimeUnit.SECONDS.toNanos(args.length > 6 ? Long.parseLong(args[6]) : 10);
        LoopResources loops = LoopResources.create("live-listeners", 2, true);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong delivered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch acked = new CountDownLatch(n);
        List<Disposable> connections = new ArrayList<>();
        String subscribe = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { taskChanged(workPlanId: \\\""
                + plan + "\\\") { kind taskId at } }\"}}";
        reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient
                .create(ConnectionProvider.newConnection()).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20000);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
            outbound.tryEmitNext("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
            connections.add(client.websocket(WebsocketClientSpec.builder().protocols("graphql-transport-ws").build())
                    .uri(hub.replaceFirst("^http", "ws") + "/graphql")
                    .handle((in, o) -> Flux.merge(
                            o.sendString(outbound.asFlux()).then(),
                            in.receiveCloseStatus().doOnNext(status -> refused.incrementAndGet()).then(),
                            in.receive().asString().doOnNext(message -> {
                                if (message.contains("\"connection_ack\"")) {
                                    outbound.tryEmitNext(subscribe);
                                    acked.countDown();
                                } else if (message.contains("\"next\"")) {
                                    Matcher at = AT.matcher(message);
                                    if (at.find()) {
                                        latencies.add(Duration.between(Instant.parse(at.group(1)), Instant.now()).toNanos() / 1000);
                                        delivered.incrementAndGet();
                                    }
                                }
                            }).then()))
                    .doOnError(e -> refused.incrementAndGet())
                    .retryWhen(Retry.backoff(10, Duration.ofMillis(200)))
                    .subscribe());
            if (i % Math.max(1, n / 100) == Math.max(1, n / 100) - 1) {   // all N within the window, in waves
                long wait = start + (i + 1L) * window / n - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        boolean all = acked.await(180, TimeUnit.SECONDS);
        Thread.sleep(3000);   // the subscribe messages reach the hub
        Files.writeString(Path.of(out + ".ready"), all ? "all acknowledged\n" : "acknowledged: " + (n - acked.getCount()) + "\n");
        long expected = (long) n * changes;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(changes + 180L);
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        StringBuilder text = new StringBuilder(n + " " + delivered.get() + " " + expected + " " + refused.get() + "\n");
        latencies.forEach(l -> text.append(l).append('\n'));
        Files.writeString(out, text);
        connections.forEach(Disposable::dispose);
        System.exit(0);
    }
}
