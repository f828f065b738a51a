package org.crmhub.paging;

import org.crmhub.database.Params;

import io.r2dbc.spi.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Fetches cursor connections with keyset paging, for one parent or for many parents at once (so a
 * nested connection costs one statement per level, whatever the number of parents). One statement
 * returns each parent's page, one row more than asked (to know whether a next page exists), and
 * each parent's total count before the cursor applies.
 */
@Component
public class Pager {

    private final DatabaseClient db;
    private final CursorStrategy<Map<String, Object>> cursors;

    public Pager(DatabaseClient db, CursorStrategy<Map<String, Object>> cursors) {
        this.db = db;
        this.cursors = cursors;
    }

    public PageRequest request(Integer first, String after, Ordering ordering) {
        return PageRequest.of(first, after, ordering, cursors);
    }

    /**
     * The list's rows, as fixed SQL fragments (never user input; values go in {@code params}).
     *
     * @param columns   the select list; it must include the row's {@code id}
     * @param from      the FROM clause
     * @param where     the filter, visibility included
     * @param parentKey the expression the connections are grouped by (a uuid)
     */
    public record ListQuery(String columns, String from, String where, String parentKey) {
    }

    public <T> Mono<Map<UUID, Connection<T>>> fetch(ListQuery query, Params params, PageRequest page,
                                                    Collection<UUID> parents, Function<Row, T> mapper) {
        Ordering order = page.ordering();
        String keyset = page.hasAfter()
                ? "WHERE (f.page_sort, f.id) " + (order.descending() ? "<" : ">")
                  + " (CAST(:page_after_sort AS " + order.sqlType() + "), CAST(:page_after_id AS uuid))"
                : "";
        String sql = """
                WITH filtered AS (
                    SELECT %s, %s AS page_parent, %s AS page_sort, (%s)::text AS page_sort_text
                    FROM %s WHERE %s),
                totals AS (SELECT page_parent, count(*) AS page_total FROM filtered GROUP BY page_parent),
                ranked AS (
                    SELECT f.*, row_number() OVER (PARTITION BY f.page_parent ORDER BY f.page_sort %s, f.id %s) AS page_row
                    FROM filtered f %s)
                SELECT t.page_parent AS page_key, t.page_total, r.*
                FROM totals t LEFT JOIN ranked r ON r.page_parent = t.page_parent AND r.page_row <= :page_limit
                ORDER BY t.page_parent, r.page_row
                """.formatted(query.columns(), query.parentKey(), order.expression(), order.expression(),
                query.from(), query.where(), order.direction(), order.direction(), keyset);
        Params all = params.with("page_limit", (long) page.first() + 1);
        if (page.hasAfter()) {
            all.with("page_after_sort", page.afterSortKey()).with("page_after_id", page.afterId().toString());
        }
        record PageRow<T>(UUID parent, long total, String cursor, T node) {
        }
        return all.bind(db.sql(sql))
                .map((row, meta) -> {
                    UUID id = row.get("id", UUID.class);
                    return new PageRow<>(row.get("page_key", UUID.class), row.get("page_total", Long.class),
                            id == null ? null : cursor(order, row.get("page_sort_text", String.class), id),
                            id == null ? null : mapper.apply(row));
                })
                .all()
                .collectList()
                .map(rows -> {
                    Map<UUID, List<PageRow<T>>> byParent = new LinkedHashMap<>();
                    Map<UUID, Long> totals = new HashMap<>();
                    for (PageRow<T> row : rows) {
                        totals.put(row.parent(), row.total());
                        List<PageRow<T>> list = byParent.computeIfAbsent(row.parent(), k -> new ArrayList<>());
                        if (row.node() != null) {
                            list.add(row);
                        }
                    }
                    Map<UUID, Connection<T>> result = new HashMap<>();
                    for (UUID parent : parents) {
                        List<PageRow<T>> list = byParent.getOrDefault(parent, List.of());
                        boolean hasNext = list.size() > page.first();
                        List<Connection.Edge<T>> edges = list.stream().limit(page.first())
                                .map(r -> new Connection.Edge<>(r.cursor(), r.node())).toList();
                        result.put(parent, new Connection<>(edges, new Connection.PageInfo(hasNext, page.hasAfter(),
                                edges.isEmpty() ? null : edges.get(0).cursor(),
                                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                                totals.getOrDefault(parent, 0L).intValue()));
                    }
                    return result;
                });
    }

    /** Fetches the connection of a single parent. */
    public <T> Mono<Connection<T>> fetchOne(ListQuery query, Params params, PageRequest page, UUID parent,
                                            Function<Row, T> mapper) {
        return fetch(query, params, page, List.of(parent), mapper).map(m -> m.get(parent));
    }

    private String cursor(Ordering order, String sortKey, UUID id) {
        // a plain LinkedHashMap: the JSON strategy records the map's class, and immutable maps cannot be read back
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("o", order.name());
        keys.put("k", sortKey);
        keys.put("id", id.toString());
        return cursors.toCursor(keys);
    }
}
