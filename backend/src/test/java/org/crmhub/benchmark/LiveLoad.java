package org.crmhub.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("WARM_UP", "5"));
        // as many event loops as the hub has (Reactor Netty's default), so that the two share the cores
        // fairly: with two against the hub's four, the client read its frames ~40 ms late (docs/benchmarks.md)
        LoopResources loops = LoopResources.create("live-load", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        System.out.printf("%-16s %-12s %-10s %-10s %-10s %-10s %-10s %-13s %-9s %-10s%n", "subscribers", "delivered", "expected",
                "min ms", "p50 ms", "p99 ms", "max ms", "heap/sub KB", "refused", "connect s");
        for (int n : counts) {
            long heapBefore = heapUsed(pid);
            // a refused handshake is counted, then tried again, so that the run goes on; the target is 0
            LiveSubscribers subscribers = new LiveSubscribers(loops, hub, subscriberToken, plan, n, Math.max(events, warmUp),
                    Retry.backoff(10, Duration.ofMillis(200)));
            long connectStart = System.nanoTime();
            subscribers.open(Duration.ofSeconds(10));   // a connect storm: all N clients within 10 s
            boolean allAcked = subscribers.awaitAcknowledged(Duration.ofSeconds(120));
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

            // the first changes run while the JIT compiles the fan-out (half the hub's CPU in a profile):
            // they are printed on their own row, and the measured changes follow
            if (warmUp > 0) {
                long[] cold = changes(subscribers, hub, writerToken, workstream, n, "warm-up", warmUp);
                printRow(n + " (first " + warmUp + ")", subscribers.delivered(), (long) n * warmUp, cold, heapPerSubscriber,
                        subscribers.refused(), connectSeconds, allAcked);
                subscribers.reset();
            }
            Profiles profiles = Profiles.start(pid, n);
            long[] sorted = changes(subscribers, hub, writerToken, workstream, n, "load", events);
            profiles.stop();
            printRow(String.valueOf(n), subscribers.delivered(), (long) n * events, sorted, heapPerSubscriber, subscribers.refused(),
                    connectSeconds, allAcked);
            subscribers.close();
            Thread.sleep(3000);
        }
        loops.disposeLater().block();
        System.exit(0);
    }

    /** Makes {@code count} changes, one a second, and waits for their deliveries: the latencies, sorted. */
    private static long[] changes(LiveSubscribers subscribers, String hub, String token, String workstream, int n, String title,
                                  int count) throws Exception {
        for (int e = 0; e < count; e++) {
            createTask(hub, token, workstream, title + " " + n + "-" + e);
            Thread.sleep(1000);
        }
        subscribers.awaitDeliveries(count, Duration.ofSeconds(60));
        return subscribers.sortedLatencies();
    }

    private static void printRow(String subscribers, long delivered, long expected, long[] sorted, long heapPerSubscriber,
                                 long refused, double connectSeconds, boolean allAcked) {
        System.out.printf(Locale.ROOT, "%-16s %-12d %-10d %-10.1f %-10.1f %-10.1f %-10.1f %-13.1f %-9d %-10.1f%s%n", subscribers,
                delivered, expected, percentile(sorted, 0), percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100),
                heapPerSubscriber / 1024.0, refused, connectSeconds, allAcked ? "" : "  (not all connections acknowledged)");
    }

    /**
     * Profiles of the hub and of this client while the measured changes are delivered, when
     * PROFILE_DIR names a folder: Flight Recorder recordings, or with ASYNC_PROFILER (the path of
     * libasyncProfiler.so, from Maven Central's tools.profiler:async-profiler) CPU samples of Java
     * and kernel frames alike, as collapsed stacks.
     */
    private record Profiles(String hubPid, int n, String folder, String asyncProfiler, jdk.jfr.Recording client) {

        static Profiles start(String hubPid, int n) throws Exception {
            String folder = System.getenv("PROFILE_DIR");
            String asyncProfiler = System.getenv("ASYNC_PROFILER");
            if (folder == null) {
                return new Profiles(hubPid, n, null, null, null);
            }
            if (asyncProfiler != null) {
                for (String process : List.of(hubPid, self())) {
                    // quoted: jcmd would read the options' '=' as its own arguments
                    run("jcmd", process, "JVMTI.agent_load", asyncProfiler, "\"start,event=cpu,interval=200us\"");
                }
                return new Profiles(hubPid, n, folder, asyncProfiler, null);
            }
            run("jcmd", hubPid, "JFR.start", "name=live", "settings=profile");
            jdk.jfr.Recording client = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            client.start();
            return new Profiles(hubPid, n, folder, null, client);
        }

        void stop() throws Exception {
            if (folder == null) {
                return;
            }
            if (asyncProfiler != null) {
                run("jcmd", hubPid, "JVMTI.agent_load", asyncProfiler, "\"stop,collapsed,file=" + folder + "/hub-" + n + ".collapsed\"");
                run("jcmd", self(), "JVMTI.agent_load", asyncProfiler, "\"stop,collapsed,file=" + folder + "/client-" + n + ".collapsed\"");
                return;
            }
            run("jcmd", hubPid, "JFR.stop", "name=live", "filename=" + folder + "/hub-" + n + ".jfr");
            client.stop();
            client.dump(java.nio.file.Path.of(folder, "client-" + n + ".jfr"));
        }

        private static String self() {
            return String.valueOf(ProcessHandle.current().pid());
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
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
