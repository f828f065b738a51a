package org.crmhub.read;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.TaskQuery;
import org.crmhub.task.TaskQuery.TaskFilter;
import org.crmhub.task.TaskQuery.TaskOrder;
import org.crmhub.visibility.VisibilityPolicy;

/**
 * Compiles the selection of a read into one SQL statement whose single value is the answer's
 * {@code data} as JSON, built by PostgreSQL level inside level (the way PostGraphile and Hasura
 * answer). Only what is listed here compiles: the work plan, its workstreams, their tasks and the
 * tasks' resources, by ID and as connections without cursors. Anything else (another field, a
 * cursor, an abstract type, an argument out of range) raises {@link NotCompiled} and the request
 * takes graphql-java's path, which answers it, errors included, exactly as before.
 *
 * <p>Every row goes through {@link VisibilityPolicy#rowFilter} as in the feature readers, and
 * the statement runs on a connection that carries the viewer's clearance, so row-level security
 * still stands behind it. Values are bound; the SQL text holds only fixed fragments and aliases.
 */
final class ReadCompiler {

    /** Why a document does not compile; never shown to clients. */
    static final class NotCompiled extends RuntimeException {
        NotCompiled(String why) {
            super(why, null, false, false);
        }
    }

    /** The statement and its values. */
    record CompiledRead(String sql, Params params) {
    }

    /** json_build_object takes at most 100 arguments: 50 keys. */
    private static final int MAX_KEYS = 50;
    private static final Ordering WORKSTREAMS_OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);

    private final Viewer viewer;
    private final Params params = Params.of();
    private int aliases;
    private int values;

    private ReadCompiler(Viewer viewer) {
        this.viewer = viewer;
    }

    /** The statement answering {@code operation} for {@code viewer}, or empty when it does not compile. */
    static Optional<CompiledRead> compile(ExecutableNormalizedOperation operation, Viewer viewer) {
        try {
            ReadCompiler compiler = new ReadCompiler(viewer);
            List<String> pairs = new ArrayList<>();
            for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
                pairs.add(key(field));
                pairs.add(compiler.rootField(field));
            }
            return Optional.of(new CompiledRead("SELECT " + jsonObject(pairs) + "::text AS data", compiler.params));
        } catch (NotCompiled | UserErrorException e) {
            return Optional.empty();
        }
    }

    private String rootField(ExecutableNormalizedField field) {
        Map<String, Object> args = field.getResolvedArguments();
        return switch (field.getName()) {
            case "__typename" -> "'Query'";
            case "workPlan" -> byId(field, ItemType.WORK_PLAN, args.get("id"));
            case "task" -> byId(field, ItemType.TASK, args.get("id"));
            case "resource" -> byId(field, ItemType.RESOURCE, args.get("id"));
            case "tasks" -> taskConnection(field, "x.work_plan_id = " + value(id(args.get("workPlanId"), ItemType.WORK_PLAN)));
            default -> throw new NotCompiled("root field " + field.getName());
        };
    }

    private String byId(ExecutableNormalizedField field, ItemType type, Object id) {
        String a = alias();
        return "(SELECT " + object(field, type, a) + " FROM " + type.table() + " " + a + " WHERE " + a + ".id = "
                + value(id(id, type)) + " AND " + VisibilityPolicy.rowFilter(viewer, a) + ")";
    }

    /** The item of {@code type} that a row's foreign key points to (null when the key is null or the item is hidden). */
    private String parent(ExecutableNormalizedField field, ItemType type, String foreignKey) {
        String a = alias();
        return "(SELECT " + object(field, type, a) + " FROM " + type.table() + " " + a + " WHERE " + a + ".id = "
                + foreignKey + " AND " + VisibilityPolicy.rowFilter(viewer, a) + ")";
    }

    /** A JSON object of the selected fields of one row of {@code type}, aliased {@code a}. */
    private String object(ExecutableNormalizedField field, ItemType type, String a) {
        List<String> pairs = new ArrayList<>();
        for (ExecutableNormalizedField child : field.getChildren()) {
            if (child.getObjectTypeNames().size() != 1 || !child.getObjectTypeNames().contains(type.graphQlType())) {
                throw new NotCompiled("abstract or other type under " + type);
            }
            pairs.add(key(child));
            pairs.add(switch (type) {
                case WORK_PLAN -> workPlanField(child, a);
                case WORKSTREAM -> workstreamField(child, a);
                case TASK -> taskField(child, a);
                case RESOURCE -> resourceField(child, a);
                default -> throw new NotCompiled(type.name());
            });
        }
        return jsonObject(pairs);
    }

    private String workPlanField(ExecutableNormalizedField f, String a) {
        return switch (f.getName()) {
            case "workstreams" -> connection(f, "Workstream", ItemType.WORKSTREAM, "x.work_plan_id = " + a + ".id", "TRUE",
                    WORKSTREAMS_OLDEST_FIRST);
            case "cycle", "status" -> a + "." + f.getName();
            default -> common(f, ItemType.WORK_PLAN, a);
        };
    }

    private String workstreamField(ExecutableNormalizedField f, String a) {
        return switch (f.getName()) {
            case "lead" -> a + ".lead";
            case "workPlan" -> parent(f, ItemType.WORK_PLAN, a + ".work_plan_id");
            case "tasks" -> taskConnection(f, "x.workstream_id = " + a + ".id");
            default -> common(f, ItemType.WORKSTREAM, a);
        };
    }

    private String taskField(ExecutableNormalizedField f, String a) {
        return switch (f.getName()) {
            case "kind", "status", "responsible", "progress" -> a + "." + f.getName();
            case "startDate" -> a + ".start_date";
            case "dueDate" -> a + ".due_date";
            case "declineReason" -> a + ".decline_reason";
            case "proposedBy" -> a + ".proposed_by";
            case "overdue" -> Task.overdue(a);   // the rule of the filter and the graphql-java path
            case "workstream" -> parent(f, ItemType.WORKSTREAM, a + ".workstream_id");
            case "resources" -> {
                String r = alias();
                yield "coalesce((SELECT json_agg(" + object(f, ItemType.RESOURCE, r) + " ORDER BY " + r + ".created_at, "
                        + r + ".id) FROM resource " + r + " WHERE " + r + ".task_id = " + a + ".id AND "
                        + VisibilityPolicy.rowFilter(viewer, r) + "), '[]'::json)";
            }
            default -> common(f, ItemType.TASK, a);
        };
    }

    private String resourceField(ExecutableNormalizedField f, String a) {
        return switch (f.getName()) {
            case "kind", "status" -> a + "." + f.getName();
            case "amount" -> "CASE WHEN " + a + ".amount IS NULL THEN NULL ELSE " + money(f, a) + " END";
            case "task" -> parent(f, ItemType.TASK, a + ".task_id");
            case "workPlan" -> parent(f, ItemType.WORK_PLAN, a + ".work_plan_id");
            default -> common(f, ItemType.RESOURCE, a);
        };
    }

    private static String money(ExecutableNormalizedField field, String a) {
        List<String> pairs = new ArrayList<>();
        for (ExecutableNormalizedField f : field.getChildren()) {
            pairs.add(key(f));
            pairs.add(switch (f.getName()) {
                // numeric's text is the exact decimal, as the Decimal scalar's toPlainString
                case "amount" -> a + ".amount::text";
                case "currency" -> "rtrim(" + a + ".currency)";
                case "__typename" -> "'Money'";
                default -> throw new NotCompiled("Money." + f.getName());
            });
        }
        return jsonObject(pairs);
    }

    /** Fields that every reservable item has, under the same names. */
    private static String common(ExecutableNormalizedField f, ItemType type, String a) {
        return switch (f.getName()) {
            case "__typename" -> "'" + type.graphQlType() + "'";
            case "id" -> globalId(type, a);
            case "title", "description", "visibility", "version" -> a + "." + f.getName();
            case "effectiveVisibility" -> "CASE WHEN " + a + ".reserved THEN 'RESERVED' ELSE 'OPEN' END";
            case "createdAt" -> dateTime(a + ".created_at");
            case "updatedAt" -> dateTime(a + ".updated_at");
            default -> throw new NotCompiled(type + "." + f.getName());
        };
    }

    private String taskConnection(ExecutableNormalizedField field, String parentCondition) {
        Map<String, Object> args = field.getResolvedArguments();
        TaskFilter filter = args.get("filter") instanceof Map<?, ?> m ? taskFilter(m) : null;
        TaskOrder order = args.get("orderBy") instanceof Map<?, ?> m
                ? new TaskOrder((String) m.get("field"), (String) m.get("direction")) : null;
        String where = TaskQuery.where(filter, params, "f" + (++values) + "_");
        return connection(field, "Task", ItemType.TASK, parentCondition, where, TaskQuery.ordering(order));
    }

    @SuppressWarnings("unchecked")
    private static TaskFilter taskFilter(Map<?, ?> m) {
        return new TaskFilter((List<String>) m.get("status"), (String) m.get("responsible"), (String) m.get("visibility"),
                (String) m.get("search"), (List<String>) m.get("kind"), (String) m.get("decisionId"),
                (LocalDate) m.get("dueBefore"), (LocalDate) m.get("dueAfter"), (Boolean) m.get("overdue"));
    }

    /**
     * A connection of {@code type} rows matching {@code condition} (over alias {@code x}): the page
     * reads {@code first} rows in index order, {@code hasNextPage} one more, {@code totalCount}
     * counts only when it is selected.
     */
    private String connection(ExecutableNormalizedField field, String typeName, ItemType type, String parentCondition,
                              String filter, Ordering ordering) {
        Map<String, Object> args = field.getResolvedArguments();
        if (args.get("after") != null) {
            throw new NotCompiled("cursor");
        }
        int first = args.get("first") == null ? PageRequest.DEFAULT_SIZE : (Integer) args.get("first");
        if (first < 1 || first > PageRequest.MAX_SIZE) {
            throw new NotCompiled("first out of range");   // graphql-java's path answers the VALIDATION error
        }
        String condition = parentCondition + " AND " + VisibilityPolicy.rowFilter(viewer, "x") + " AND " + filter;
        String from = " FROM " + type.table() + " x WHERE " + condition;
        String direction = ordering.direction();
        List<String> pairs = new ArrayList<>();
        for (ExecutableNormalizedField f : field.getChildren()) {
            pairs.add(key(f));
            pairs.add(switch (f.getName()) {
                case "__typename" -> "'" + typeName + "Connection'";
                case "totalCount" -> "(SELECT count(*)" + from + ")";
                case "pageInfo" -> pageInfo(f, from, first);
                case "edges" -> {
                    String e = alias();
                    yield "coalesce((SELECT json_agg(" + edge(f, typeName, type, e) + " ORDER BY " + e + ".page_sort "
                            + direction + ", " + e + ".id " + direction + ") FROM (SELECT x.*, " + ordering.column()
                            + " AS page_sort" + from + " ORDER BY page_sort " + direction + ", x.id " + direction
                            + " LIMIT " + first + ") " + e + "), '[]'::json)";
                }
                default -> throw new NotCompiled(typeName + "Connection." + f.getName());
            });
        }
        return jsonObject(pairs);
    }

    private String edge(ExecutableNormalizedField field, String typeName, ItemType type, String e) {
        List<String> pairs = new ArrayList<>();
        for (ExecutableNormalizedField f : field.getChildren()) {
            pairs.add(key(f));
            pairs.add(switch (f.getName()) {
                case "__typename" -> "'" + typeName + "Edge'";
                case "node" -> object(f, type, e);
                default -> throw new NotCompiled(typeName + "Edge." + f.getName());   // cursors take graphql-java's path
            });
        }
        return jsonObject(pairs);
    }

    private static String pageInfo(ExecutableNormalizedField field, String from, int first) {
        List<String> pairs = new ArrayList<>();
        for (ExecutableNormalizedField f : field.getChildren()) {
            pairs.add(key(f));
            pairs.add(switch (f.getName()) {
                case "__typename" -> "'PageInfo'";
                case "hasNextPage" -> "((SELECT count(*) FROM (SELECT 1" + from + " LIMIT " + (first + 1) + ") n) > " + first + ")";
                case "hasPreviousPage" -> "false";   // no cursor: the first page
                default -> throw new NotCompiled("PageInfo." + f.getName());
            });
        }
        return jsonObject(pairs);
    }

    /** The global ID as {@link GlobalId#encode} makes it: base64url without padding of "Type:uuid". */
    private static String globalId(ItemType type, String a) {
        return "translate(rtrim(encode(convert_to('" + type.graphQlType() + ":' || " + a + ".id::text, 'UTF8'), 'base64'),"
                + " '='), '+/', '-_')";
    }

    /** The DateTime scalar's form: UTC, milliseconds, "Z". */
    private static String dateTime(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }

    private static UUID id(Object raw, ItemType type) {
        Optional<GlobalId> id = raw instanceof String s ? GlobalId.parse(s) : Optional.empty();
        if (id.isEmpty() || id.get().type() != type) {
            throw new NotCompiled("not an ID of " + type);   // graphql-java's path answers the VALIDATION error
        }
        return id.get().id();
    }

    private String value(UUID value) {
        String name = "v" + (++values);
        params.with(name, value);
        return "CAST(:" + name + " AS uuid)";
    }

    private String alias() {
        return "a" + (++aliases);
    }

    /**
     * The answer's key: the alias when given. The parser admits only GraphQL names ([_A-Za-z][_0-9A-Za-z]*)
     * here; checked again because the key goes into the SQL text.
     */
    private static String key(ExecutableNormalizedField field) {
        String key = field.getResultKey();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9'))) {
                throw new NotCompiled("key");
            }
        }
        return "'" + key + "'";
    }

    private static String jsonObject(List<String> pairs) {
        if (pairs.size() > 2 * MAX_KEYS) {
            throw new NotCompiled("too many keys");
        }
        return "json_build_object(" + String.join(", ", pairs) + ")";
    }
}
