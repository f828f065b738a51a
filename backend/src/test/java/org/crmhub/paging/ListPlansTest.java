package org.crmhub.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.StatementLog;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test that small data cannot fool (issue 9): every list statement the hub sends for a
 * representative set of reads (each list, each ordering, first and later pages, filters, nested
 * connections, with and without totalCount, both engines, cleared and uncleared) is explained by
 * PostgreSQL over a plan of thousands of rows, after ANALYZE, with {@code enable_seqscan = off}.
 *
 * <ul>
 *   <li>No statement may scan a growing table sequentially: with sequential scans priced out, one
 *       that remains means no index can serve the statement.</li>
 *   <li>A read that does not ask for totalCount (or a sum) must read a page's worth of rows, not
 *       the list: each growing table's rows read (kept and filtered out, over all loops) stay
 *       under {@link #PAGE_READ_BOUND}, while the plan holds {@value #TASKS_PER_WORKSTREAM} tasks
 *       per workstream and the trail of one task holds {@value #TRAIL} entries and comments.</li>
 * </ul>
 *
 * The statements are recorded with their bound values as the hub sent them (r2dbc-proxy,
 * {@link StatementLog}) and explained on a connection with the same clearance, so row-level
 * security's filter is part of every plan.
 */
@Import(StatementLog.class)
class ListPlansTest extends HubTest {

    static final int TASKS_PER_WORKSTREAM = 1500;
    static final int TRAIL = 1500;
    /** Several pages of 50, far below any list of the plan (6,000 tasks, 6,000 resources, 1,500 entries). */
    static final int PAGE_READ_BOUND = 600;
    static final Set<String> GROWING = Set.of("work_plan", "workstream", "task", "task_decision", "resource", "indicator",
            "indicator_period", "progress_report", "comment", "audit_entry", "change_event", "suggestion",
            "suggestion_response", "suggestion_task", "registration");
    /** The meeting of the many suggestions (3 organisations, every 10th answer RESERVED, statuses in turn). */
    static final String MEETING = "Meeting of many suggestions";
    static final int SUGGESTIONS = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far in the future, so that no other test's plan list meets it. */
    private static final UUID PLAN = UUID.fromString("c0000000-0000-4000-8000-000000000009");
    private static UUID firstTask;

    @Autowired
    DatabaseClient db;
    @Autowired
    ConnectionFactory connections;

    /** One plan: 4 workstreams (one RESERVED) × 1,500 tasks (every 10th RESERVED), a resource each, a long trail. */
    @BeforeEach
    void growThePlan() {
        if (firstTask != null) {
            return;
        }
        db.sql("""
                INSERT INTO work_plan (id, title, cycle, status, created_by) VALUES (:plan, 'Plan of many rows', 2099, 'ADOPTED', 'test')
                """).bind("plan", PLAN).then()
                // more plans than a page of workPlans, one in three RESERVED
                .then(db.sql("""
                        INSERT INTO work_plan (title, cycle, status, visibility, created_by)
                        SELECT 'Plan of year ' || (2100 + n), 2100 + n, 'DRAFT', CASE WHEN n % 3 = 0 THEN 'RESERVED' ELSE 'OPEN' END,
                               'test' FROM generate_series(1, 30) n""").then())
                .then(db.sql("""
                        INSERT INTO workstream (work_plan_id, title, lead, visibility, created_by, created_at)
                        SELECT :plan, 'Many line ' || w, 'PPT', CASE WHEN w = 4 THEN 'RESERVED' ELSE 'OPEN' END, 'test',
                               now() + w * interval '1 second'
                        FROM generate_series(1, 4) w""").bind("plan", PLAN).then())
                .then(db.sql("""
                        INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, due_date, visibility,
                                          created_by, created_at)
                        SELECT w.id, :plan, 'Many task ' || n, 'ACTION', (ARRAY['PLANNED', 'IN_PROGRESS', 'DONE', 'BLOCKED'])[n % 4 + 1],
                               'PPT', CASE WHEN n % 7 = 0 THEN NULL ELSE DATE '2030-01-01' + (n * 37) % 900 END,
                               CASE WHEN n % 10 = 0 THEN 'RESERVED' ELSE 'OPEN' END, 'test', w.created_at + n * interval '1 ms'
                        FROM workstream w, generate_series(1, :tasks) n WHERE w.work_plan_id = :plan""")
                        .bind("plan", PLAN).bind("tasks", TASKS_PER_WORKSTREAM).then())
                .then(db.sql("""
                        INSERT INTO resource (work_plan_id, task_id, kind, status, description, amount, currency, created_by)
                        SELECT :plan, t.id, 'FUNDING', 'PLEDGED', 'Money for ' || t.title,
                               CASE WHEN t.title LIKE '%5' THEN NULL ELSE length(t.title) * 100.25 END,
                               CASE WHEN t.title LIKE '%5' THEN NULL ELSE 'USD' END, 'test'
                        FROM task t WHERE t.work_plan_id = :plan""").bind("plan", PLAN).then())
                .then(db.sql("""
                        SELECT t.id FROM task t JOIN workstream w ON w.id = t.workstream_id
                        WHERE t.work_plan_id = :plan AND NOT t.reserved AND NOT w.reserved ORDER BY t.created_at LIMIT 1""")
                        .bind("plan", PLAN).map((row, meta) -> row.get("id", UUID.class)).one()
                        .flatMap(task -> db.sql("""
                                INSERT INTO audit_entry (subject_type, subject_id, action, actor, at)
                                SELECT 'task', :task, 'UPDATED', 'test', now() - n * interval '1 minute' FROM generate_series(1, :n) n""")
                                .bind("task", task).bind("n", TRAIL).then()
                                .then(db.sql("""
                                        INSERT INTO comment (subject_type, subject_id, body, visibility, created_by, created_at)
                                        SELECT 'task', :task, 'Comment ' || n, CASE WHEN n % 10 = 0 THEN 'RESERVED' ELSE 'OPEN' END,
                                               'test', now() + n * interval '1 ms' FROM generate_series(1, :n) n""")
                                        .bind("task", task).bind("n", TRAIL).then())
                                // registrations for the task as an event, a fifth of them the demo civil-society member's organisation's
                                .then(db.sql("""
                                        INSERT INTO registration_event (id, task_id, capacity, deadline, created_by)
                                        VALUES (:task, :task, 100000, now() + interval '1 day', 'test')""").bind("task", task).then())
                                .then(db.sql("""
                                        INSERT INTO registration (event_id, organisation_id, person_name, person_email, status, created_by)
                                        SELECT :task, o.id, 'Person ' || n, 'p' || n || '@example.org', 'CONFIRMED', 'test'
                                        FROM generate_series(1, :n) n
                                        JOIN organisation o ON o.code = (ARRAY['CSO-HN-1', 'CSO-GT-1', 'CSO-SV-1', 'CSO-MX-1', 'CSO-CR-1'])[n % 5 + 1]""")
                                        .bind("task", task).bind("n", TRAIL).then())
                                .thenReturn(task)))
                .flatMap(task -> db.sql("""
                        INSERT INTO suggestion (organisation_id, body, made_at, created_by, created_at)
                        SELECT o.id, 'Many suggestion ' || n, :meeting, 'test', now() + n * interval '1 ms'
                        FROM generate_series(1, :n) n
                        JOIN organisation o ON o.code = (ARRAY['CSO-HN-1', 'CSO-GT-1', 'IOM'])[n % 3 + 1]""")
                        .bind("meeting", MEETING).bind("n", SUGGESTIONS).then()
                        .then(db.sql("""
                                INSERT INTO suggestion_response (suggestion_id, status, reason, answered_by, answered_at,
                                                                 visibility, created_by)
                                SELECT s.id, (ARRAY['PENDING', 'ADOPTED', 'IN_PROGRESS', 'DECLINED'])[s.n % 4 + 1],
                                       CASE WHEN s.n % 4 = 3 THEN 'Not now' END, CASE WHEN s.n % 4 > 0 THEN 'test' END,
                                       CASE WHEN s.n % 4 > 0 THEN now() END,
                                       CASE WHEN s.n % 10 = 0 THEN 'RESERVED' ELSE 'OPEN' END, 'test'
                                FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM suggestion
                                      WHERE made_at = :meeting) s""").bind("meeting", MEETING).then())
                        .then(db.sql("""
                                INSERT INTO suggestion_task (response_id, task_id)
                                SELECT r.id, :task FROM suggestion_response r JOIN suggestion s ON s.id = r.suggestion_id
                                WHERE s.made_at = :meeting AND r.status = 'ADOPTED'""")
                                .bind("meeting", MEETING).bind("task", task).then())
                        .thenReturn(task))
                .flatMap(task -> db.sql("ANALYZE").then().thenReturn(task))
                .contextWrite(ClearanceConnectionFactory.system())
                .doOnNext(task -> firstTask = task)
                .block();
    }

    @ParameterizedTest
    @ValueSource(strings = {"government", "civil-society"})
    void everyListStatementIsServedByAnIndexAndReadsOnlyItsPage(String role) {
        String clearance = role.equals("government") ? ClearanceConnectionFactory.RESERVED : ClearanceConnectionFactory.OPEN;
        String plan = GlobalId.encode(ItemType.WORK_PLAN, PLAN);
        String task = GlobalId.encode(ItemType.TASK, firstTask);
        List<Explained> explained = new ArrayList<>();

        for (String field : new String[] {"CREATED_AT", "UPDATED_AT", "DUE_DATE", "TITLE"}) {
            for (String direction : new String[] {"ASC", "DESC"}) {
                Map<String, Object> order = Map.of("field", field, "direction", direction);
                explained.addAll(pages(role, clearance, "keysetTasks", "/data/tasks",
                        vars("workPlanId", plan, "first", 50, "orderBy", order), "after"));
                explained.addAll(pages(role, clearance, "keysetWorkstreamTasks",
                        "/data/workPlan/workstreams/edges/0/node/tasks", vars("plan", plan, "first", 50, "orderBy", order), "after"));
                // without cursors: the compiled path's one statement
                explained.addAll(explain(role, clearance, "keysetCompiledTasks", vars("workPlanId", plan, "orderBy", order), true, false));
                explained.addAll(explain(role, clearance, "keysetCompiledPlan", vars("plan", plan, "orderBy", order), true, false));
            }
        }
        // the filtered list: a status and a due date (a quarter of the rows or so)
        Map<String, Object> filter = Map.of("status", List.of("PLANNED", "DONE"), "dueBefore", "2031-06-01");
        explained.addAll(pages(role, clearance, "keysetTasks", "/data/tasks", vars("workPlanId", plan, "first", 50,
                "filter", filter, "orderBy", Map.of("field", "DUE_DATE", "direction", "ASC")), "after"));
        explained.addAll(explain(role, clearance, "keysetCompiledTasks", vars("workPlanId", plan, "filter", filter), true, false));
        for (String field : new String[] {"CREATED_AT", "UPDATED_AT", "AMOUNT"}) {
            for (String direction : new String[] {"ASC", "DESC"}) {
                explained.addAll(pages(role, clearance, "keysetResources", "/data/resources",
                        vars("workPlanId", plan, "orderBy", Map.of("field", field, "direction", direction)), "after"));
            }
        }
        explained.addAll(pages(role, clearance, "keysetTrail", "/data/task/history", vars("id", task), "historyAfter"));
        explained.addAll(pages(role, clearance, "keysetTrail", "/data/task/comments", vars("id", task), "commentsAfter"));
        explained.addAll(pages(role, clearance, "keysetWorkPlans", "/data/workPlans", vars(), "after"));
        // an event's registrations: all of them for government, its own organisation's for civil society
        explained.addAll(pages(role, clearance, "keysetTaskRegistrations", "/data/task/registrations", vars("id", task), "after"));
        explained.addAll(explain(role, clearance, "node", vars("id", task), true, false));
        // suggestions (V15): all of them, of one organisation, of one meeting, and by the answer's status as the
        // viewer reads it (a quarter of the rows, so a page reads about four pages' worth)
        String organisation = GlobalId.encode(ItemType.ORGANISATION, db.sql("SELECT id FROM organisation WHERE code = 'IOM'")
                .map((row, meta) -> row.get("id", UUID.class)).one().block());
        for (Map<String, Object> suggestions : List.<Map<String, Object>>of(Map.of(), Map.of("organisationId", organisation),
                Map.of("madeAt", MEETING), Map.of("madeAt", MEETING, "response", "DECLINED"), Map.of("response", "ADOPTED"))) {
            explained.addAll(pages(role, clearance, "keysetSuggestions", "/data/suggestions", vars("filter", suggestions), "after"));
        }
        explained.addAll(explain(role, clearance, "keysetSuggestions", vars("filter", Map.of("madeAt", MEETING),
                "madeAt", MEETING, "withTotal", true), false, true));
        // reads whose cost grows by nature: counts and sums (checked for index use only)
        explained.addAll(explain(role, clearance, "benchmarkPlan", vars("plan", plan), true, true));
        explained.addAll(explain(role, clearance, "benchmarkPlan", vars("plan", plan), false, true));
        explained.addAll(explain(role, clearance, "resourceSummary", vars("id", plan), false, true));
        explained.addAll(explain(role, clearance, "keysetTasks", vars("workPlanId", plan, "withTotal", true), true, true));
        explained.addAll(explain(role, clearance, "keysetTrail", vars("id", task, "withTotal", true), false, true));
        explained.addAll(explain(role, clearance, "keysetTaskRegistrations", vars("id", task, "withTotal", true), false, true));

        assertThat(explained).as("statements explained").hasSizeGreaterThan(60);
        List<String> problems = new ArrayList<>();
        for (Explained e : explained) {
            e.sequentialScans().forEach(table -> problems.add("sequential scan of " + table + " in " + e));
            if (!e.growsByNature()) {
                e.rowsRead().forEach((table, rows) -> {
                    if (rows > PAGE_READ_BOUND) {
                        problems.add(rows + " rows of " + table + " read for one page in " + e);
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The first page and the next, by both engines; the next page's cursor is the first page's end. */
    private List<Explained> pages(String role, String clearance, String document, String connectionPath,
                                  Map<String, Object> variables, String afterVariable) {
        List<Explained> explained = new ArrayList<>(explain(role, clearance, document, variables, true, false));
        explained.addAll(explain(role, clearance, document, variables, false, false));
        JsonNode first = post(role, document, variables, false);
        String endCursor = first.at(connectionPath + "/pageInfo/endCursor").asString();
        assertThat(first.at(connectionPath + "/pageInfo/hasNextPage").asBoolean())
                .as("%s %s has a next page: %s", document, variables, first).isTrue();
        Map<String, Object> next = new HashMap<>(variables);
        next.put(afterVariable, endCursor);
        explained.addAll(explain(role, clearance, document, next, false, false));
        return explained;
    }

    /** Sends the document, then explains each statement it caused (ANALYZE, sequential scans priced out). */
    private List<Explained> explain(String role, String clearance, String document, Map<String, Object> variables,
                                    boolean compiled, boolean growsByNature) {
        StatementLog.clear();
        JsonNode answer = post(role, document, variables, !compiled);
        assertThat(answer.has("errors")).as("%s %s: %s", document, variables, answer).isFalse();
        List<StatementLog.Statement> sent = StatementLog.sent().stream()
                .filter(s -> s.sql().stripLeading().regionMatches(true, 0, "SELECT", 0, 6))
                .filter(s -> !s.sql().contains("FROM change_event"))   // the live feed's own reading, not the request's
                .toList();
        assertThat(sent).as("statements of %s", document).isNotEmpty();
        String label = document + (compiled ? "" : " (graphql-java)") + " " + variables.keySet();
        // whose registrations the demo user of the role sees (hub.registrants): government all, civil society its organisation's
        Context context = Context.of(ClearanceConnectionFactory.CONTEXT_KEY, clearance, ClearanceConnectionFactory.REGISTRANTS_KEY,
                role.equals("government") ? ClearanceConnectionFactory.ALL_REGISTRANTS : "CSO-HN-1");
        return Flux.usingWhen(Mono.from(connections.create()).contextWrite(context),
                        connection -> Flux.from(connection.createStatement("SET enable_seqscan = off").execute())
                                .flatMap(r -> r.getRowsUpdated()).thenMany(Flux.fromIterable(sent))
                                .concatMap(statement -> plan(connection, statement)
                                        .map(json -> new Explained(label, statement.sql(), json.get(0), growsByNature)))
                                .concatWith(Flux.from(connection.createStatement("RESET enable_seqscan").execute())
                                        .flatMap(r -> r.getRowsUpdated()).then(Mono.empty())),
                        Connection::close)
                .collectList().block();
    }

    private static Mono<JsonNode> plan(Connection connection, StatementLog.Statement sent) {
        Statement statement = connection.createStatement("EXPLAIN (ANALYZE, SETTINGS, FORMAT JSON) " + sent.sql());
        sent.byIndex().forEach((index, value) -> {
            if (value instanceof StatementLog.NullOf nul) {
                statement.bindNull(index, nul.type());
            } else {
                statement.bind(index, value);
            }
        });
        sent.byName().forEach((name, value) -> {
            if (value instanceof StatementLog.NullOf nul) {
                statement.bindNull(name, nul.type());
            } else {
                statement.bind(name, value);
            }
        });
        return Flux.from(statement.execute()).flatMap(result -> result.map((row, meta) -> row.get(0, String.class)))
                .single().map(JSON::readTree);
    }

    private JsonNode post(String role, String document, Map<String, Object> variables, boolean graphQlJava) {
        String answer = client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .headers(h -> {
                    if (graphQlJava) {
                        h.add("X-Hub-Engine", "graphql-java");   // read/CompiledReads.ENGINE_HEADER
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", Documents.named(document), "variables", variables))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private static Map<String, Object> vars(Object... namesAndValues) {
        return new HashMap<>(Documents.variables(namesAndValues));
    }

    /** A statement's executed plan, with the planner settings that differ from PostgreSQL's defaults. */
    record Explained(String document, String sql, JsonNode explained, boolean growsByNature) {

        JsonNode plan() {
            return explained.get("Plan");
        }

        /** The growing tables that some node of the plan scans sequentially. */
        List<String> sequentialScans() {
            List<String> tables = new ArrayList<>();
            walk(plan(), node -> {
                if (node.path("Node Type").asString().equals("Seq Scan") && GROWING.contains(node.path("Relation Name").asString())) {
                    tables.add(node.path("Relation Name").asString());
                }
            });
            return tables;
        }

        /** Rows read from each growing table: kept and filtered out, over all loops. */
        Map<String, Long> rowsRead() {
            Map<String, Long> rows = new HashMap<>();
            walk(plan(), node -> {
                String table = node.path("Relation Name").asString();
                if (GROWING.contains(table)) {
                    long read = (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                            + node.path("Rows Removed by Index Recheck").asLong()) * Math.max(1, node.path("Actual Loops").asLong());
                    rows.merge(table, read, Long::sum);
                }
            });
            return rows;
        }

        private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
            visit.accept(node);
            node.path("Plans").forEach(child -> walk(child, visit));
        }

        @Override
        public String toString() {
            return document + ":\n" + sql + "\nsettings " + explained.get("Settings") + "\n" + plan().toPrettyString();
        }
    }
}
