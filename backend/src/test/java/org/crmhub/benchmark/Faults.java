package org.crmhub.benchmark;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault cases of backend/benchmark/faults.sh (issue 14), run against a packaged hub; each
 * prints its figures and a verdict line ("case x: PASS" or "case x: FAIL …"), and the exit status
 * is the number of failed cases.
 *
 * <ul>
 *   <li>a: 1,000 concurrent read-then-update calls on 10 tasks: each succeeds or answers CONFLICT,
 *       no update is lost, audit rows and change events equal the successes, versions contiguous;</li>
 *   <li>b: every database connection of the API killed every 2 s for 20 s under 8 readers, 2
 *       writers (each create carries a clientMutationId and is retried with it on UNAVAILABLE or a
 *       transport error) and a WebSocket subscriber: no read error, each key applied exactly once,
 *       the subscriber receives a CREATED event for every created task;</li>
 *   <li>c: Keycloak frozen (SIGSTOP) for 15 s under read load: reads with valid tokens keep their
 *       answers, member management answers UNAVAILABLE; after SIGCONT it works again;</li>
 *   <li>e: 10,000 idle connections and 200 slowloris clients held open: /health and a query keep
 *       answering, with their latency printed.</li>
 *   <li>d (with faults.sh's help): SIGKILL the hub while 4 writers create keyed tasks; then, with
 *       the hub dead, nothing is half written (every task has its audit entry, its change event
 *       and its receipt) and the event log matches the committed rows; faults.sh starts a new hub
 *       on the same database and times its first answer; case D then sends again every create whose
 *       answer was lost, with its key: each is applied at most once.</li>
 * </ul>
 *
 * <p>Arguments: hubUrl issuer pgPort keycloakPid cases (e.g. "abce") [hubPid stateFile], the last
 * two for cases d and D.
 */
public final class Faults {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NESTED = "query($plan: ID!) { workPlan(id: $plan) { title workstreams(first: 10) { edges { node {"
            + " title tasks(first: 50) { edges { node { title status resources { description } } } } } } } } }";

    private static final String CREATE = "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code } } }";
    private static final String MEMBERS = "query($org: ID!) { members(organisationId: $org) { username } }";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final String hub;
    private final String issuer;
    private final String jdbc;
    private final long keycloakPid;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private Faults(String hub, String issuer, int pgPort, long keycloakPid) {
        this.hub = hub;
        this.issuer = issuer;
        this.jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        this.keycloakPid = keycloakPid;
    }

    public static void main(String[] args) throws Exception {
        Faults faults = new Faults(args[0], args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
        long hubPid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        java.nio.file.Path state = args.length > 6 ? java.nio.file.Path.of(args[6]) : null;
        int failed = 0;
        for (char c : args[4].toCharArray()) {
            List<String> problems = switch (c) {
                case 'a' -> faults.conflictingWrites();
                case 'b' -> faults.connectionsKilled();
                case 'c' -> faults.keycloakFrozen();
                case 'e' -> faults.idleConnections();
                case 'd' -> faults.hubKilled(hubPid, state);
                case 'D' -> faults.lostAnswersSentAgain(state);
                default -> List.of("no case " + c);
            };
            System.out.println("case " + c + ": " + (problems.isEmpty() ? "PASS" : "FAIL " + problems));
            failed += problems.isEmpty() ? 0 : 1;
        }
        System.exit(failed);
    }

    // ---------------------------------------------------------------------------------------- a

    private List<String> conflictingWrites() throws Exception {
        String government = token("government");
        UUID plan = UUID.randomUUID();
        List<UUID> tasks = new ArrayList<>();
        try (Connection db = db()) {
            exec(db, "INSERT INTO work_plan (id, title, cycle, created_by) VALUES (?, 'Faults a', 2150, 'faults')", plan);
            exec(db, "INSERT INTO workstream (work_plan_id, title, lead, created_by) VALUES (?, 'Raced', 'PPT', 'faults')", plan);
            for (int i = 0; i < 10; i++) {
                exec(db, "INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, created_by)"
                        + " SELECT id, work_plan_id, 'Raced " + i + "', 'ACTION', 'PLANNED', 'PPT', 'faults' FROM workstream"
                        + " WHERE work_plan_id = ?", plan);
            }
            try (PreparedStatement s = db.prepareStatement("SELECT id FROM task WHERE work_plan_id = ? ORDER BY title")) {
                s.setObject(1, plan);
                ResultSet rows = s.executeQuery();
                while (rows.next()) {
                    tasks.add(rows.getObject(1, UUID.class));
                }
            }
        }
        record Outcome(UUID task, String title, int version, String code) {
        }
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger otherErrors = new AtomicInteger();
        long start = System.nanoTime();
        runConcurrently(1000, 32, i -> {
            UUID task = tasks.get(i % tasks.size());
            String id = globalId("Task", task);
            JsonNode read = post(government, "query($id: ID!) { node(id: $id) { ... on Task { version } } }", Map.of("id", id));
            String title = "Update " + i;
            JsonNode answer = post(government, "mutation($input: UpdateTaskInput!) { updateTask(input: $input) {"
                    + " task { version } errors { code } } }", Map.of("input", Map.of("id", id, "title", title,
                    "expectedVersion", read.at("/data/node/version").asInt())));
            JsonNode payload = answer.at("/data/updateTask");
            if (answer.has("errors") || payload.isMissingNode()) {
                otherErrors.incrementAndGet();
            } else if (payload.at("/errors").isEmpty()) {
                outcomes.add(new Outcome(task, title, payload.at("/task/version").asInt(), null));
            } else {
                outcomes.add(new Outcome(task, title, 0, payload.at("/errors/0/code").asString()));
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> problems = new ArrayList<>();
        long successes = outcomes.stream().filter(o -> o.code() == null).count();
        long conflicts = outcomes.stream().filter(o -> "CONFLICT".equals(o.code())).count();
        int lost = 0;
        int auditMismatch = 0;
        int eventMismatch = 0;
        int gaps = 0;
        try (Connection db = db()) {
            for (UUID task : tasks) {
                List<Outcome> won = outcomes.stream().filter(o -> o.task().equals(task) && o.code() == null)
                        .sorted((x, y) -> Integer.compare(x.version(), y.version())).toList();
                for (int k = 0; k < won.size(); k++) {
                    gaps += won.get(k).version() == k + 2 ? 0 : 1;
                }
                try (PreparedStatement s = db.prepareStatement("SELECT t.version, t.title,"
                        + " (SELECT count(*) FROM audit_entry a WHERE a.subject_id = t.id AND a.action = 'UPDATED'),"
                        + " (SELECT count(*) FROM change_event e WHERE e.item_id = t.id AND e.kind = 'UPDATED')"
                        + " FROM task t WHERE t.id = ?")) {
                    s.setObject(1, task);
                    ResultSet row = s.executeQuery();
                    row.next();
                    boolean lastKept = won.isEmpty() || won.get(won.size() - 1).title().equals(row.getString(2));
                    lost += row.getInt(1) - 1 == won.size() && lastKept ? 0 : 1;
                    auditMismatch += row.getLong(3) == won.size() ? 0 : 1;
                    eventMismatch += row.getLong(4) == won.size() ? 0 : 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "a. 1,000 read-then-update calls on 10 tasks, 32 at a time, in %.1f s: %d succeeded, %d CONFLICT,"
                        + " %d other errors; tasks with a lost update %d, audit rows != successes %d, events != successes %d,"
                        + " version gaps %d%n", seconds, successes, conflicts, otherErrors.get(), lost, auditMismatch, eventMismatch, gaps);
        if (successes + conflicts != 1000) {
            problems.add("successes + conflicts = " + (successes + conflicts));
        }
        if (lost + auditMismatch + eventMismatch + gaps > 0) {
            problems.add("lost " + lost + ", audit " + auditMismatch + ", events " + eventMismatch + ", gaps " + gaps);
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------- b

    private List<String> connectionsKilled() throws Exception {
        String government = token("government");
        String civilSociety = token("civil-society");
        UUID plan = UUID.randomUUID();
        UUID workstream = UUID.randomUUID();
        newPlan(plan, "Faults b", 2151, workstream, "Written under cuts");
        String planId = globalId("WorkPlan", plan);
        Set<String> received = ConcurrentHashMap.newKeySet();
        WebSocket subscriber = subscribe(civilSociety, planId, received);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger readErrors = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger otherWriteErrors = new AtomicInteger();
        AtomicInteger transportErrors = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        for (int r = 0; r < 8; r++) {
            boolean compiled = r % 2 == 0;
            pool.submit(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = post(civilSociety, NESTED, Map.of("plan", planId), !compiled);
                        reads.incrementAndGet();
                        if (answer.has("errors")) {
                            readErrors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        reads.incrementAndGet();
                        readErrors.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (int w = 0; w < 2; w++) {
            int writer = w;
            pool.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String key = "faults-b-" + writer + "-" + n;
                    Map<String, Object> input = Map.of("workstreamId", globalId("Workstream", workstream), "title", key,
                            "kind", "ACTION", "responsible", "PPT", "clientMutationId", key);
                    for (int attempt = 0; attempt < 10; attempt++) {
                        try {
                            writes.incrementAndGet();
                            JsonNode answer = post(government, "mutation($input: CreateTaskInput!) { createTask(input: $input) {"
                                    + " task { id } errors { code } } }", Map.of("input", input));
                            if (answer.at("/data/createTask/task/id").isString()) {
                                acknowledged.add(key);
                                break;
                            }
                            // UNAVAILABLE: the change may or may not have been made; retry with the same key
                            if ("UNAVAILABLE".equals(answer.at("/errors/0/extensions/code").asString())) {
                                unavailable.incrementAndGet();
                            } else {
                                otherWriteErrors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            transportErrors.incrementAndGet();
                        }
                        Thread.sleep(100);
                        if (attempt == 9) {
                            abandoned.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        int killed = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Thread.sleep(2000);
            try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE usename = 'hub_app'")) {
                ResultSet rows = s.executeQuery();
                rows.next();
                killed += rows.getInt(1);
            }
        }
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);

        Map<String, Integer> applied = new HashMap<>();
        Set<String> createdIds = new HashSet<>();
        try (Connection db = db(); PreparedStatement s = db.prepareStatement("SELECT id, title FROM task WHERE workstream_id = ?")) {
            s.setObject(1, workstream);
            ResultSet rows = s.executeQuery();
            while (rows.next()) {
                applied.merge(rows.getString(2), 1, Integer::sum);
                createdIds.add(globalId("Task", rows.getObject(1, UUID.class)));
            }
        }
        // the subscriber may still be catching up after the last cut
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!received.containsAll(createdIds) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        subscriber.abort();
        long twice = applied.values().stream().filter(n -> n > 1).count();
        Set<String> missing = new HashSet<>(createdIds);
        missing.removeAll(received);
        System.out.printf(Locale.ROOT, "b. 20 s, every API connection killed every 2 s (%d kills): %d reads, %d with an error;"
                        + " %d write attempts for %d keys acknowledged (%d UNAVAILABLE answers retried with their key,"
                        + " %d other errors, %d transport errors, %d keys given up); %d tasks created, %d keys applied twice;"
                        + " subscriber: %d of %d creations received%n", killed, reads.get(), readErrors.get(), writes.get(),
                acknowledged.size(), unavailable.get(), otherWriteErrors.get(), transportErrors.get(), abandoned.get(),
                applied.size(), twice,
                createdIds.size() - missing.size(), createdIds.size());
        List<String> problems = new ArrayList<>();
        if (readErrors.get() > 0) {
            problems.add(readErrors.get() + " read errors");
        }
        if (twice > 0) {
            problems.add(twice + " keys applied twice");
        }
        if (otherWriteErrors.get() > 0) {
            problems.add(otherWriteErrors.get() + " writes answered another error than UNAVAILABLE");
        }
        if (!applied.keySet().containsAll(acknowledged)) {
            problems.add("an acknowledged write is missing");
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " creations never reached the subscriber");
        }
        if (killed == 0) {
            problems.add("nothing was killed");
        }
        return problems;
    }

    /** A graphql-transport-ws subscription to the plan's task changes; each change's task ID goes into {@code received}. */
    private WebSocket subscribe(String token, String planId, Set<String> received) throws Exception {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(hub.replace("http", "ws") + "/graphql"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonNode message = JSON.readTree(text.toString());
                            text.setLength(0);
                            if ("connection_ack".equals(message.at("/type").asString())) {
                                acknowledged.complete(null);
                            }
                            JsonNode change = message.at("/payload/data/taskChanged");
                            if (!change.isMissingNode()) {
                                received.add(change.at("/taskId").asString());
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token))), true);
        acknowledged.get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload", Map.of(
                "query", "subscription($plan: ID!) { taskChanged(workPlanId: $plan) { kind taskId } }",
                "variables", Map.of("plan", planId)))), true);
        Thread.sleep(500);   // the subscription starts from now; let it register before the first change
        return socket;
    }

    // ---------------------------------------------------------------------------------------- c

    private List<String> keycloakFrozen() throws Exception {
        String civilSociety = token("civil-society");
        String ppt = token("st-crm");   // may manage the members of any organisation
        String planId = anyPlan();
        List<String> problems = new ArrayList<>();
        String organisation = post(ppt, "{ organisations { id } }", Map.of()).at("/data/organisations/0/id").asString();
        Map<String, Object> ofOrganisation = Map.of("org", organisation);
        JsonNode before = post(ppt, MEMBERS, ofOrganisation);
        if (before.has("errors") || !before.at("/data/members").isArray()) {
            problems.add("members before the outage: " + before);
        }
        new ProcessBuilder("kill", "-STOP", Long.toString(keycloakPid)).start().waitFor();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger readErrors = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int r = 0; r < 4; r++) {
            pool.submit(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        JsonNode answer = post(civilSociety, NESTED, Map.of("plan", planId));
                        readErrors.addAndGet(answer.has("errors") ? 1 : 0);
                    } catch (Exception e) {
                        readErrors.incrementAndGet();
                    }
                    reads.incrementAndGet();
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            });
        }
        long memberStart = System.nanoTime();
        JsonNode during;
        double memberSeconds;
        try {
            during = post(ppt, MEMBERS, ofOrganisation);
            memberSeconds = (System.nanoTime() - memberStart) / 1e9;
        } finally {
            Thread.sleep(Math.max(0, 15000 - (System.nanoTime() - memberStart) / 1_000_000));
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            new ProcessBuilder("kill", "-CONT", Long.toString(keycloakPid)).start().waitFor();
        }
        long recoverStart = System.nanoTime();
        JsonNode after = null;
        for (int i = 0; i < 60; i++) {
            after = post(ppt, MEMBERS, ofOrganisation);
            if (!after.has("errors")) {
                break;
            }
            Thread.sleep(500);
        }
        double recoverSeconds = (System.nanoTime() - recoverStart) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String code = during.at("/errors/0/extensions/code").asString();
        System.out.printf(Locale.ROOT, "c. Keycloak frozen (SIGSTOP) for 15 s: %d reads with tokens issued before, %d errors,"
                        + " p50 %.1f ms, p99 %.1f ms; members during the outage: %s after %.1f s; members again %.1f s after"
                        + " SIGCONT%n", reads.get(), readErrors.get(), pct(sorted, 50), pct(sorted, 99),
                code.isEmpty() ? "no error" : code, memberSeconds, recoverSeconds);
        if (readErrors.get() > 0 || reads.get() == 0) {
            problems.add(readErrors.get() + " read errors of " + reads.get());
        }
        if (!"UNAVAILABLE".equals(code)) {
            problems.add("members during the outage answered " + during);
        }
        if (after == null || after.has("errors")) {
            problems.add("members after the outage: " + after);
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------- e

    private List<String> idleConnections() throws Exception {
        String civilSociety = token("civil-society");
        String planId = anyPlan();
        URI uri = URI.create(hub);
        List<Socket> sockets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 10_000; i++) {
                try {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                    sockets.add(socket);
                } catch (Exception e) {
                    refused++;
                }
            }
            // slowloris: a request's headers, a few bytes at a time, never finished
            List<OutputStream> slow = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                slow.add(out);
            }
            List<Long> health = new ArrayList<>();
            List<Long> query = new ArrayList<>();
            int errors = 0;
            for (int i = 0; i < 50; i++) {
                for (OutputStream out : slow) {
                    try {
                        out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        // the hub closed it: fine
                    }
                }
                long start = System.nanoTime();
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(hub + "/health")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                health.add(System.nanoTime() - start);
                errors += h.statusCode() == 200 && h.body().contains("UP") ? 0 : 1;
                start = System.nanoTime();
                JsonNode answer = post(civilSociety, NESTED, Map.of("plan", planId));
                query.add(System.nanoTime() - start);
                errors += answer.has("errors") ? 1 : 0;
                Thread.sleep(100);
            }
            Collections.sort(health);
            Collections.sort(query);
            System.out.printf(Locale.ROOT, "e. %,d idle connections held (%d refused) and 200 slowloris clients: /health p50 %.1f ms,"
                            + " p99 %.1f ms; nested plan p50 %.1f ms, p99 %.1f ms; %d errors in 100 requests%n",
                    sockets.size() - 200, refused, pct(health, 50), pct(health, 99), pct(query, 50), pct(query, 99), errors);
            if (errors > 0) {
                problems.add(errors + " errors");
            }
            if (refused > 0) {
                problems.add(refused + " connections refused");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------- d

    private List<String> hubKilled(long hubPid, java.nio.file.Path state) throws Exception {
        String government = token("government");
        UUID plan = UUID.randomUUID();
        UUID workstream = UUID.randomUUID();
        newPlan(plan, "Faults d", 2152, workstream, "Written while the hub dies");
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            pool.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String key = "faults-d-" + writer + "-" + n;
                    sent.add(key);
                    try {
                        JsonNode answer = post(government, CREATE, Map.of("input", Map.of("workstreamId",
                                globalId("Workstream", workstream), "title", key, "kind", "ACTION", "responsible", "PPT",
                                "clientMutationId", key)));
                        if (answer.at("/data/createTask/task/id").isString()) {
                            acknowledged.add(key);
                        }
                    } catch (Exception e) {
                        running.set(false);   // the hub is gone
                    }
                }
                return null;
            });
        }
        Thread.sleep(2000);
        new ProcessBuilder("kill", "-KILL", Long.toString(hubPid)).start().waitFor();
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);

        int tasks;
        int halfWritten;
        int eventsMissing;
        int receiptsMissing;
        try (Connection db = db(); PreparedStatement s = db.prepareStatement("""
                SELECT count(*),
                       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.subject_id = t.id AND a.action = 'CREATED')),
                       count(*) FILTER (WHERE (SELECT count(*) FROM change_event e WHERE e.item_id = t.id AND e.kind = 'CREATED') <> 1),
                       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM mutation_receipt r WHERE r.item_id = t.id
                                                          AND r.client_mutation_id = t.title))
                FROM task t WHERE t.workstream_id = ?""")) {
            s.setObject(1, workstream);
            ResultSet row = s.executeQuery();
            row.next();
            tasks = row.getInt(1);
            halfWritten = row.getInt(2);
            eventsMissing = row.getInt(3);
            receiptsMissing = row.getInt(4);
        }
        Set<String> lost = new HashSet<>(sent);
        lost.removeAll(acknowledged);
        java.nio.file.Files.writeString(state, workstream + "\n" + String.join("\n", lost) + "\n");
        System.out.printf(Locale.ROOT, "d. the hub killed (SIGKILL) 2 s into 4 writers' keyed creates: %d sent, %d acknowledged,"
                        + " %d answers lost; %d tasks committed: without their audit entry %d, without exactly one change event %d,"
                        + " without their receipt %d%n", sent.size(), acknowledged.size(), lost.size(), tasks, halfWritten,
                eventsMissing, receiptsMissing);
        List<String> problems = new ArrayList<>();
        if (halfWritten + eventsMissing + receiptsMissing > 0) {
            problems.add("half-written: audit " + halfWritten + ", events " + eventsMissing + ", receipts " + receiptsMissing);
        }
        if (tasks < acknowledged.size()) {
            problems.add("an acknowledged create is missing");
        }
        return problems;
    }

    private List<String> lostAnswersSentAgain(java.nio.file.Path state) throws Exception {
        String government = token("government");
        List<String> lines = java.nio.file.Files.readAllLines(state).stream().filter(l -> !l.isBlank()).toList();
        UUID workstream = UUID.fromString(lines.get(0));
        List<String> lost = lines.subList(1, lines.size());
        int before = tasksOf(workstream);
        int answered = 0;
        for (String key : lost) {
            JsonNode answer = post(government, CREATE, Map.of("input", Map.of("workstreamId", globalId("Workstream", workstream),
                    "title", key, "kind", "ACTION", "responsible", "PPT", "clientMutationId", key)));
            answered += answer.at("/data/createTask/task/id").isString() ? 1 : 0;
        }
        int after = tasksOf(workstream);
        long duplicates;
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM (SELECT title FROM task WHERE workstream_id = ? GROUP BY title HAVING count(*) > 1) d")) {
            s.setObject(1, workstream);
            ResultSet row = s.executeQuery();
            row.next();
            duplicates = row.getLong(1);
        }
        System.out.printf(Locale.ROOT, "D. on the restarted hub, the %d creates whose answer was lost sent again with their keys:"
                        + " %d answered with a task; tasks %d before, %d after (%d were already committed); titles twice: %d%n",
                lost.size(), answered, before, after, lost.size() - (after - before), duplicates);
        List<String> problems = new ArrayList<>();
        if (answered != lost.size()) {
            problems.add((lost.size() - answered) + " retries not answered with a task");
        }
        if (duplicates > 0) {
            problems.add(duplicates + " creates applied twice");
        }
        return problems;
    }

    private int tasksOf(UUID workstream) throws Exception {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement("SELECT count(*) FROM task WHERE workstream_id = ?")) {
            s.setObject(1, workstream);
            ResultSet row = s.executeQuery();
            row.next();
            return row.getInt(1);
        }
    }

    // ---------------------------------------------------------------------------------------- support

    private interface Call {
        void run(int i) throws Exception;
    }

    private static void runConcurrently(int calls, int concurrency, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < concurrency; w++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    call.run(i);
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the calls did not finish");
        }
    }

    private JsonNode post(String token, String query, Map<String, Object> variables) throws Exception {
        return post(token, query, variables, false);
    }

    private JsonNode post(String token, String query, Map<String, Object> variables, boolean graphQlJava) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/graphql")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (graphQlJava) {
            request.header("X-Hub-Engine", "graphql-java");
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String token(String role) {
        return tokens.computeIfAbsent(role, r -> {
            try {
                String form = "grant_type=password&client_id=hub-frontend&username=" + URLEncoder.encode("demo-" + r, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode("demo-" + r + "-pass", StandardCharsets.UTF_8);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return JSON.readTree(response.body()).at("/access_token").asString();
            } catch (Exception e) {
                throw new IllegalStateException("no token for " + r, e);
            }
        });
    }

    /** A plan of its own for a case, with one workstream, straight into the database. */
    private void newPlan(UUID plan, String title, int cycle, UUID workstream, String workstreamTitle) throws Exception {
        try (Connection db = db();
             PreparedStatement p = db.prepareStatement("INSERT INTO work_plan (id, title, cycle, created_by) VALUES (?, ?, ?, 'faults')");
             PreparedStatement w = db.prepareStatement("INSERT INTO workstream (id, work_plan_id, title, lead, created_by)"
                     + " VALUES (?, ?, ?, 'PPT', 'faults')")) {
            p.setObject(1, plan);
            p.setString(2, title);
            p.setInt(3, cycle);
            p.executeUpdate();
            w.setObject(1, workstream);
            w.setObject(2, plan);
            w.setString(3, workstreamTitle);
            w.executeUpdate();
        }
    }

    private String anyPlan() throws Exception {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                "SELECT id FROM work_plan WHERE NOT reserved ORDER BY created_at LIMIT 1")) {
            ResultSet rows = s.executeQuery();
            rows.next();
            return globalId("WorkPlan", rows.getObject(1, UUID.class));
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(jdbc, "postgres", "");
    }

    private static void exec(Connection db, String sql, UUID value) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setObject(1, value);
            s.executeUpdate();
        }
    }

    private static String globalId(String type, UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))) / 1e6;
    }
}
