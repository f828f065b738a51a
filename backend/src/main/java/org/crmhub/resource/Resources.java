package org.crmhub.resource;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.database.Params;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads resources and their totals through the viewer's visibility filter. */
@Repository
public class Resources {

    record ResourceFilter(List<String> kind, List<String> status, String taskId, String providerId, String search) {
    }

    record ResourceOrder(String field, String direction) {
    }

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    public Resources(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    public Mono<Map<UUID, Resource>> resources(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.RESOURCE, Resource.COLUMNS, Resource::from, viewer, ids);
    }

    public Mono<Resource> resource(Viewer viewer, UUID id) {
        return resources(viewer, List.of(id)).mapNotNull(m -> m.get(id));
    }

    static Ordering ordering(ResourceOrder order) {
        String field = order == null ? "CREATED_AT" : order.field();
        boolean desc = order != null && "DESC".equals(order.direction());
        String name = field + ":" + (desc ? "DESC" : "ASC");
        return switch (field) {
            case "UPDATED_AT" -> new Ordering(name, "x.updated_at", "timestamptz", desc);
            // the amount in cents; resources without an amount sort after every amount (ascending)
            case "AMOUNT" -> new Ordering(name, "x.amount_key", "bigint", desc);
            default -> new Ordering(name, "x.created_at", "timestamptz", desc);
        };
    }

    Mono<Connection<Resource>> ofWorkPlan(Viewer viewer, UUID plan, ResourceFilter filter, PageRequest page) {
        Params params = Params.of();
        StringBuilder where = new StringBuilder(VisibilityPolicy.rowFilter(viewer, "x"));
        if (filter != null) {
            if (filter.kind() != null && !filter.kind().isEmpty()) {
                where.append(" AND x.kind = ANY(:f_kind)");
                params.with("f_kind", filter.kind().toArray(String[]::new));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                where.append(" AND x.status = ANY(:f_status)");
                params.with("f_status", filter.status().toArray(String[]::new));
            }
            if (filter.taskId() != null) {
                where.append(" AND x.task_id = :f_task");
                params.with("f_task", GlobalId.require(filter.taskId(), ItemType.TASK, List.of("filter", "taskId")));
            }
            if (filter.providerId() != null) {
                where.append(" AND x.provider_id = :f_provider");
                params.with("f_provider", GlobalId.require(filter.providerId(), ItemType.ORGANISATION, List.of("filter", "providerId")));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                where.append(" AND strpos(lower(x.description), lower(:f_search)) > 0");
                params.with("f_search", filter.search().strip());
            }
        }
        return pager.fetchOne(new Pager.ListQuery(Resource.COLUMNS, "resource", where.toString(), "x.work_plan_id"),
                params, page, plan, Resource::from);
    }

    /**
     * The visible resources of each task, oldest first, one statement for all the tasks: each
     * task's are read from the resource_task index in order (a LATERAL probe per task), never by
     * scanning the plan's resources for the tasks of a page.
     */
    Mono<Map<UUID, List<Resource>>> ofTasks(Viewer viewer, Collection<UUID> taskIds) {
        return db.sql("SELECT r.* FROM unnest(CAST(:tasks AS uuid[])) AS t(id) CROSS JOIN LATERAL (SELECT "
                        + Resource.COLUMNS + " FROM resource x WHERE x.task_id = t.id AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.created_at, x.id) r")
                .bind("tasks", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Resource.from(row)).all()
                .collect(Collectors.groupingBy(Resource::taskId));
    }

    /** Exact totals of the visible resources of each work plan, by kind, status and currency. */
    Mono<Map<UUID, List<ResourceTotal>>> summaries(Viewer viewer, Collection<UUID> planIds) {
        return db.sql("""
                        SELECT x.work_plan_id, x.kind, x.status, coalesce(x.currency, '') AS currency,
                               coalesce(sum(x.amount), 0) AS amount, count(*) AS count
                        FROM resource x WHERE x.work_plan_id = ANY(:plans) AND %s
                        GROUP BY x.work_plan_id, x.kind, x.status, x.currency
                        ORDER BY x.kind, x.status, currency""".formatted(VisibilityPolicy.rowFilter(viewer, "x")))
                .bind("plans", planIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("work_plan_id", UUID.class), new ResourceTotal(
                        row.get("kind", String.class), row.get("status", String.class),
                        row.get("currency", String.class).strip(), row.get("amount", BigDecimal.class),
                        row.get("count", Long.class).intValue())))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
