package org.crmhub.paging;

import org.crmhub.database.Params;

import graphql.schema.DataFetchingFieldSelectionSet;
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
 * nested connection costs one statement per level, whatever the number of parents).
 *
 * <p>Each parent's page is a {@code LATERAL} subquery that seeks the cursor's position in the
 * ordering's index and reads {@code first + 1} rows (the extra one tells whether a next page
 * exists): a page costs the same among 200 rows or 200,000. {@code totalCount} is the one part
 * whose cost grows with the list; it is counted only when the client selected it
 * ({@link PageRequest#counted()}), by an index-only scan where the filter allows.
 */
@Component
public class Pager {

    private final DatabaseClient db;
    private final CursorStrategy<Map<String, Object>> cursors;

    public Pager(DatabaseClient db, CursorStrategy<Map<String, Object>> cursors) {
        this.db = db;
        this.cursors = cursors;
    }

    /** The page asked for by a connection field's arguments; {@code selection} tells whether totalCount is wanted. */
    public PageRequest request(Integer first, String after, Ordering ordering, DataFetchingFieldSelectionSet selection) {
        return PageRequest.of(first, after, ordering, selection.contains("totalCount"), cursors);
    }

    /**
     * The list's rows, as fixed SQL fragments (never user input; values go in {@code params}).
     *
     * @param columns      the select list over alias {@code x}; it must include the row's {@code id}
     * @param table        the table, aliased {@code x} in the statement
     * @param where        the filter over {@code x}, visibility included, without the parent condition
     * @param parentColumn the column of {@code x} the connections are grouped by (a uuid), or null
     *                     for a top-level list (whose single parent is then any made-up id)
     */
    public record ListQuery(String columns, String table, String where, String parentColumn) {
    }

    public <T> Mono<Map<UUID, Connection<T>>> fetch(ListQuery query, Params params, PageRequest page,
                                                    Collection<UUID> parents, Function<Row, T> mapper) {
        Ordering order = page.ordering();
        String dir = order.direction();
        String rows = "FROM " + query.table() + " x WHERE "
                + (query.parentColumn() == null ? "" : query.parentColumn() + " = p.page_key AND ")
                + "(" + query.where() + ")";
        String keyset = page.hasAfter()
                ? " AND (" + order.column() + ", x.id) " + (order.descending() ? "<" : ">")
                  + " (CAST(:page_after_sort AS " + order.sqlType() + "), CAST(:page_after_id AS uuid))"
                : "";
        String sql = "SELECT p.page_key, " + (page.counted() ? "t.page_total, " : "") + "r.*"
                + " FROM unnest(CAST(:page_parents AS uuid[])) WITH ORDINALITY AS p(page_key, page_parent_number)"
                + (page.counted() ? " CROSS JOIN LATERAL (SELECT count(*) AS page_total " + rows + ") t" : "")
                + " LEFT JOIN LATERAL (SELECT " + query.columns() + ", " + order.column() + " AS page_sort, "
                + order.column() + "::text AS page_sort_text " + rows + keyset
                + " ORDER BY " + order.column() + " " + dir + ", x.id " + dir + " LIMIT :page_limit) r ON true"
                + " ORDER BY p.page_parent_number, r.page_sort " + dir + ", r.id " + dir;
        Params all = params.with("page_parents", parents.toArray(UUID[]::new)).with("page_limit", (long) page.first() + 1);
        if (page.hasAfter()) {
            all.with("page_after_sort", page.afterSortKey()).with("page_after_id", page.afterId().toString());
        }
        return all.bind(db.sql(sql))
                .map((row, meta) -> {
                    UUID id = row.get("id", UUID.class);
                    return new PageRow<>(row.get("page_key", UUID.class), page.counted() ? row.get("page_total", Long.class) : null,
                            id == null ? null : cursor(order, row.get("page_sort_text", String.class), id),
                            id == null ? null : mapper.apply(row));
                })
                .all()
                .collectList()
                .map(result -> connections(result, parents, page));
    }

    /** Fetches the connection of a single parent. */
    public <T> Mono<Connection<T>> fetchOne(ListQuery query, Params params, PageRequest page, UUID parent,
                                            Function<Row, T> mapper) {
        return fetch(query, params, page, List.of(parent), mapper).map(m -> m.get(parent));
    }

    /** A row of the statement: a parent, its total when counted, and one of its page's items (or none). */
    private record PageRow<T>(UUID parent, Long total, String cursor, T node) {
    }

    private static <T> Map<UUID, Connection<T>> connections(List<PageRow<T>> rows, Collection<UUID> parents,
                                                           PageRequest page) {
        Map<UUID, List<Connection.Edge<T>>> edgesByParent = new HashMap<>();
        Map<UUID, Integer> totals = new HashMap<>();
        for (PageRow<T> row : rows) {
            if (row.total() != null) {
                totals.put(row.parent(), row.total().intValue());
            }
            List<Connection.Edge<T>> edges = edgesByParent.computeIfAbsent(row.parent(), k -> new ArrayList<>());
            if (row.node() != null) {
                edges.add(new Connection.Edge<>(row.cursor(), row.node()));
            }
        }
        Map<UUID, Connection<T>> result = new HashMap<>();
        for (UUID parent : parents) {
            List<Connection.Edge<T>> read = edgesByParent.getOrDefault(parent, List.of());
            boolean hasNext = read.size() > page.first();
            List<Connection.Edge<T>> edges = hasNext ? read.subList(0, page.first()) : read;
            result.put(parent, new Connection<>(edges, new Connection.PageInfo(hasNext, page.hasAfter(),
                    edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                    page.counted() ? totals.getOrDefault(parent, 0) : null));
        }
        return result;
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
