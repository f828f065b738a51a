package org.crmhub.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale benchmark's client (run by backend/benchmark/scale.sh): for plans of growing size,
 * times each read shape one request at a time (after a warm-up), prints the median and p95 per
 * shape and size, and each median's ratio to the smallest plan's. Every answer is checked: no
 * errors, and the page holds the rows it should.
 *
 * <p>Arguments: hubUrl token rounds then, per plan, {@code size:planGlobalId:taskGlobalId}; the
 * system property {@code warmup} sets the seconds of warm-up (30) over every read of every plan.
 */
public final class ScaleReads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rows per page of tasks: the 20th page of the smallest plan (1,000 tasks, 900 visible) exists. */
    private static final int PAGE = 40;
    private static final String TASKS = """
            query($plan: ID!, $after: String, $total: Boolean!, $filter: TaskFilter, $order: TaskOrder) {
              tasks(workPlanId: $plan, first: 40, after: $after, filter: $filter, orderBy: $order) {
                totalCount @include(if: $total)
                pageInfo { hasNextPage endCursor }
                edges { node { id title status dueDate } }
              }
            }""";
    private static final String NESTED = """
            query($plan: ID!) {
              workPlan(id: $plan) {
                title
                workstreams(first: 10) { edges { node { title tasks(first: 50) { pageInfo { hasNextPage }
                  edges { node { title status dueDate resources { description amount { amount currency } } } } } } } }
              }
            }""";
    private static final String HISTORY = """
            query($task: ID!) { task(id: $task) { title history(first: 20) { edges { node { action actor at } } } } }""";
    private static final String NODE = """
            query($task: ID!) { node(id: $task) { id ... on Task { title status } } }""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String hub;
    private final String token;
    private final int rounds;

    private ScaleReads(String hub, String token, int rounds) {
        this.hub = hub;
        this.token = token;
        this.rounds = rounds;
    }

    record Plan(int size, String id, String task) {
    }

    /** A read: its name, its request for a plan, and the check of its answer. */
    record Shape(String name, Function<Plan, Map<String, Object>> request, Function<JsonNode, Boolean> check) {
    }

    public static void main(String[] args) throws Exception {
        ScaleReads bench = new ScaleReads(args[0], args[1], Integer.parseInt(args[2]));
        List<Plan> plans = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String[] parts = args[i].split(":");
            plans.add(new Plan(Integer.parseInt(parts[0]), parts[1], parts[2]));
        }
        Map<Plan, List<Shape>> shapes = new LinkedHashMap<>();
        for (Plan plan : plans) {
            shapes.put(plan, shapes(bench.cursorBeforePage(plan, 20, null), bench.cursorBeforePage(plan, 5, filter())));
        }
        // every read of every plan in turn until the JIT has settled, so that the first size timed is not the coldest
        long warmUntil = System.nanoTime() + Duration.ofSeconds(Integer.parseInt(System.getProperty("warmup", "30"))).toNanos();
        while (System.nanoTime() < warmUntil) {
            for (var entry : shapes.entrySet()) {
                for (Shape shape : entry.getValue()) {
                    bench.post(shape.request().apply(entry.getKey()));
                }
            }
        }
        Map<String, Map<Integer, double[]>> results = new LinkedHashMap<>();
        for (var entry : shapes.entrySet()) {
            for (Shape shape : entry.getValue()) {
                results.computeIfAbsent(shape.name(), k -> new LinkedHashMap<>()).put(entry.getKey().size(), bench.time(entry.getKey(), shape));
            }
        }
        print(results, plans);
        System.exit(0);
    }

    private static Map<String, Object> filter() {
        return Map.of("status", List.of("PLANNED", "DONE"), "dueBefore", "2031-06-30");
    }

    private static List<Shape> shapes(String page20, String filteredPage5) {
        Function<JsonNode, Boolean> fullPage = a -> a.at("/data/tasks/edges").size() == PAGE;
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape("tasks, first page", p -> tasks(p, null, false, null), fullPage));
        shapes.add(new Shape("tasks, first page + totalCount", p -> tasks(p, null, true, null),
                a -> fullPage.apply(a) && a.at("/data/tasks/totalCount").asInt() > PAGE));
        shapes.add(new Shape("tasks, 20th page", p -> tasks(p, page20, false, null), fullPage));
        shapes.add(new Shape("tasks, 20th page + totalCount", p -> tasks(p, page20, true, null), fullPage));
        shapes.add(new Shape("filtered (status, due date), first page", p -> tasks(p, null, false, filter()), fullPage));
        shapes.add(new Shape("filtered (status, due date), 5th page", p -> tasks(p, filteredPage5, false, filter()), fullPage));
        shapes.add(new Shape("nested plan (10 x 50 x resources)", p -> Map.of("query", NESTED, "variables", Map.of("plan", p.id())),
                a -> a.at("/data/workPlan/workstreams/edges").size() >= 9));
        shapes.add(new Shape("history(first: 20) of a task", p -> Map.of("query", HISTORY, "variables", Map.of("task", p.task())),
                a -> a.at("/data/task/history/edges").size() == 10));
        shapes.add(new Shape("node(id)", p -> Map.of("query", NODE, "variables", Map.of("task", p.task())),
                a -> a.at("/data/node/title").isString()));
        return shapes;
    }

    private static Map<String, Object> tasks(Plan plan, String after, boolean total, Map<String, Object> filter) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("plan", plan.id());
        variables.put("after", after);
        variables.put("total", total);
        variables.put("filter", filter);
        // the filtered list by due date (the filter's own index), the others in the default order
        variables.put("order", filter == null ? null : Map.of("field", "DUE_DATE", "direction", "ASC"));
        return Map.of("query", TASKS, "variables", variables);
    }

    /** Walks the list page by page and returns the end cursor of page {@code page - 1}. */
    private String cursorBeforePage(Plan plan, int page, Map<String, Object> filter) throws Exception {
        String after = null;
        for (int i = 1; i < page; i++) {
            JsonNode answer = post(tasks(plan, after, false, filter));
            if (!answer.at("/data/tasks/pageInfo/hasNextPage").asBoolean()) {
                throw new IllegalStateException("plan " + plan.size() + " has fewer than " + page + " pages: " + answer);
            }
            after = answer.at("/data/tasks/pageInfo/endCursor").asString();
        }
        return after;
    }

    /** The median and p95 in ms of {@code rounds} requests, after as many unmeasured ones. */
    private double[] time(Plan plan, Shape shape) throws Exception {
        Map<String, Object> body = shape.request().apply(plan);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 2 * rounds; i++) {
            long start = System.nanoTime();
            JsonNode answer = post(body);
            double took = (System.nanoTime() - start) / 1e6;
            if (answer.has("errors") || !shape.check().apply(answer)) {
                throw new IllegalStateException(shape.name() + " of plan " + plan.size() + " answered " + answer);
            }
            if (i >= rounds) {
                ms.add(took);
            }
        }
        Collections.sort(ms);
        return new double[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(0.95 * ms.size()) - 1)};
    }

    private JsonNode post(Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void print(Map<String, Map<Integer, double[]>> results, List<Plan> plans) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-42s", "read, pages of " + PAGE + " (median / p95 ms)"));
        plans.forEach(p -> header.append(String.format(Locale.ROOT, " | %18s", String.format(Locale.ROOT, "%,d tasks", p.size()))));
        header.append(" | largest / smallest");
        System.out.println(header);
        results.forEach((shape, bySize) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-42s", shape));
            bySize.values().forEach(t -> line.append(String.format(Locale.ROOT, " | %8.1f / %7.1f", t[0], t[1])));
            double first = bySize.get(plans.get(0).size())[0];
            double last = bySize.get(plans.get(plans.size() - 1).size())[0];
            line.append(String.format(Locale.ROOT, " | %.2fx", last / first));
            System.out.println(line);
        });
    }
}
