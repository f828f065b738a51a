package org.crmhub.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import reactor.netty.resources.LoopResources;
import reactor.util.retry.Retry;

/**
 * One client JVM of the multi-instance live benchmark (backend/benchmark/live.sh with
 * INSTANCES=3): opens N authenticated graphql-transport-ws subscriptions to one hub instance
 * within the connect window (each refused handshake counted and tried again until it goes
 * through), writes {@code <out>.ready} once all are acknowledged, records every delivery's
 * latency (commit to receipt) until it has N × changes of them or the time is up, and writes
 * them to {@code <out>}: a first line "subscribers delivered expected refused", then one
 * latency in microseconds per line. The script makes the changes and merges the files.
 *
 * <p>usage: LiveListeners hub token plan subscribers changes out [connect seconds, default 10]
 */
public final class LiveListeners {

    private LiveListeners() {
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String token = args[1];
        String plan = args[2];
        int n = Integer.parseInt(args[3]);
        int changes = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        Duration window = Duration.ofSeconds(args.length > 6 ? Long.parseLong(args[6]) : 10);
        // as many event loops as a hub has (Reactor Netty's default): see LiveLoad
        LoopResources loops = LoopResources.create("live-listeners", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        // several hubs and clients share two cores: a handshake may time out, and is tried again until it goes through
        LiveSubscribers subscribers = new LiveSubscribers(loops, hub, token, plan, n, changes,
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)));
        subscribers.open(window);
        boolean all = subscribers.awaitAcknowledged(Duration.ofSeconds(600));
        Thread.sleep(3000);   // the subscribe messages reach the hub
        Files.writeString(Path.of(out + ".ready"), all ? "all acknowledged\n" : "acknowledged: " + subscribers.acknowledged() + "\n");
        subscribers.awaitDeliveries(changes, Duration.ofSeconds(changes + 180L));
        StringBuilder text = new StringBuilder(n + " " + subscribers.delivered() + " " + (long) n * changes + " "
                + subscribers.refused() + "\n");
        for (long latency : subscribers.sortedLatencies()) {
            text.append(latency / 1000).append('\n');
        }
        Files.writeString(out, text);
        subscribers.close();
        System.exit(0);
    }
}
