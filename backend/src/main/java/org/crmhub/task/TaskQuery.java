package org.crmhub.task;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.database.Params;

/** A task list's filter and ordering as the schema takes them, and their SQL. */
public final class TaskQuery {

    private TaskQuery() {
    }

    public record TaskFilter(List<String> status, String responsible, String visibility, String search, List<String> kind,
                      String decisionId, LocalDate dueBefore, LocalDate dueAfter, Boolean overdue) {
    }

    public record TaskOrder(String field, String direction) {
    }

    public static Ordering ordering(TaskOrder order) {
        String field = order == null ? "CREATED_AT" : order.field();
        boolean desc = order != null && "DESC".equals(order.direction());
        String name = field + ":" + (desc ? "DESC" : "ASC");
        return switch (field) {
            case "UPDATED_AT" -> new Ordering(name, "x.updated_at", "timestamptz", desc);
            // stored keys (migration V8): tasks without a due date last, titles without regard to case
            case "DUE_DATE" -> new Ordering(name, "x.due_key", "date", desc);
            case "TITLE" -> new Ordering(name, "x.title_key", "text", desc);
            default -> new Ordering(name, "x.created_at", "timestamptz", desc);
        };
    }

    /** The filter as SQL conditions over {@code x} (fixed fragments) with its values in {@code params}. */
    static String where(TaskFilter filter, Params params) {
        return where(filter, params, "f_");
    }

    /**
     * As {@link #where(TaskFilter, Params)}, with parameter names that start with {@code prefix}, so
     * that several task lists can filter in one statement.
     */
    public static String where(TaskFilter filter, Params params, String prefix) {
        if (filter == null) {
            return "TRUE";
        }
        StringBuilder sql = new StringBuilder("TRUE");
        if (filter.status() != null && !filter.status().isEmpty()) {
            sql.append(" AND x.status = ANY(:" + prefix + "status)");
            params.with(prefix + "status", filter.status().toArray(String[]::new));
        }
        if (filter.kind() != null && !filter.kind().isEmpty()) {
            sql.append(" AND x.kind = ANY(:" + prefix + "kind)");
            params.with(prefix + "kind", filter.kind().toArray(String[]::new));
        }
        if (filter.responsible() != null) {
            sql.append(" AND x.responsible = :" + prefix + "responsible");
            params.with(prefix + "responsible", filter.responsible());
        }
        if (filter.visibility() != null) {
            // the effective visibility: for uncleared viewers RESERVED simply finds nothing
            sql.append(" AND x.reserved = :" + prefix + "reserved");
            params.with(prefix + "reserved", "RESERVED".equals(filter.visibility()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            sql.append(" AND (strpos(lower(x.title), lower(:" + prefix + "search)) > 0"
                    + " OR strpos(lower(coalesce(x.description, '')), lower(:" + prefix + "search)) > 0)");
            params.with(prefix + "search", filter.search().strip());
        }
        if (filter.decisionId() != null) {
            UUID decision = GlobalId.require(filter.decisionId(), ItemType.DECISION, List.of("filter", "decisionId"));
            sql.append(" AND EXISTS (SELECT 1 FROM task_decision td WHERE td.task_id = x.id AND td.decision_id = :" + prefix + "decision)");
            params.with(prefix + "decision", decision);
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND x.due_date <= :" + prefix + "due_before");
            params.with(prefix + "due_before", filter.dueBefore());
        }
        if (filter.dueAfter() != null) {
            sql.append(" AND x.due_date >= :" + prefix + "due_after");
            params.with(prefix + "due_after", filter.dueAfter());
        }
        if (filter.overdue() != null) {
            sql.append(" AND ").append(Task.OVERDUE).append(" = :" + prefix + "overdue");
            params.with(prefix + "overdue", filter.overdue());
        }
        return sql.toString();
    }
}
