package org.crmhub.suggestion;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.database.Params;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads suggestions and their answers through the viewer's visibility. The one rule of its own:
 * an answer the viewer may not see (classified RESERVED) reads as {@link SuggestionResponse#unanswered},
 * in the answer itself, in the status filter and in the counts by status alike ({@link #status}).
 */
@Repository
public class Suggestions {

    /** Oldest first: the order they were recorded, so a meeting's suggestions stay together. */
    static final Ordering OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);
    /** The single parent of the top-level list (any fixed ID). */
    private static final UUID ALL = new UUID(0, 0);

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    Suggestions(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    /** The conditions of {@code suggestions(filter)}, IDs decoded; null means no condition. */
    record Filter(UUID organisationId, SuggestionStatus response, String madeAt) {
    }

    /**
     * The status of suggestion {@code x}'s answer as the viewer may see it: PENDING when its answer
     * is hidden from the viewer, exactly as when it was never answered.
     */
    private static String status(Viewer viewer) {
        return "coalesce((SELECT r.status FROM suggestion_response r WHERE r.suggestion_id = x.id AND "
                + VisibilityPolicy.rowFilter(viewer, "r") + "), 'PENDING')";
    }

    public Mono<Map<UUID, Suggestion>> suggestions(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.SUGGESTION, Suggestion.COLUMNS, Suggestion::from, viewer, ids);
    }

    Mono<Suggestion> suggestion(Viewer viewer, UUID id) {
        return suggestions(viewer, List.of(id)).mapNotNull(found -> found.get(id));
    }

    /** The filter as fixed SQL over {@code x} (values bound in {@code params}; only the conditions given). */
    private static String where(Viewer viewer, Filter filter, Params params) {
        StringBuilder where = new StringBuilder(VisibilityPolicy.rowFilter(viewer, "x"));
        if (filter.organisationId() != null) {
            where.append(" AND x.organisation_id = :organisation");
            params.with("organisation", filter.organisationId());
        }
        if (filter.madeAt() != null) {
            where.append(" AND x.made_at = :made_at");
            params.with("made_at", filter.madeAt());
        }
        if (filter.response() != null) {
            where.append(" AND ").append(status(viewer)).append(" = :status");
            params.with("status", filter.response().name());
        }
        return where.toString();
    }

    /** The suggestions that match, a page at a time. */
    Mono<Connection<Suggestion>> list(Viewer viewer, Filter filter, PageRequest page) {
        Params params = Params.of();
        String where = where(viewer, filter, params);
        return pager.fetchOne(new Pager.ListQuery(Suggestion.COLUMNS, "suggestion", where, null), params, page, ALL,
                Suggestion::from);
    }

    /** How many matching suggestions have each status as the viewer sees it (every status, zeros included). */
    Mono<Map<SuggestionStatus, Integer>> counts(Viewer viewer, Filter filter) {
        Params params = Params.of();
        String where = where(viewer, new Filter(filter.organisationId(), null, filter.madeAt()), params);
        return params.bind(db.sql("SELECT " + status(viewer) + " AS status, count(*) AS n FROM suggestion x WHERE " + where
                        + " GROUP BY 1"))
                .map((row, meta) -> Map.entry(SuggestionStatus.valueOf(row.get("status", String.class)),
                        row.get("n", Long.class).intValue()))
                .all()
                .collectList()
                .map(rows -> {
                    Map<SuggestionStatus, Integer> counts = new EnumMap<>(SuggestionStatus.class);
                    for (SuggestionStatus s : SuggestionStatus.values()) {
                        counts.put(s, 0);
                    }
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                });
    }

    /**
     * The answer of each suggestion as the viewer may see it, by suggestion ID (one statement): a
     * hidden answer is {@link SuggestionResponse#unanswered}.
     */
    Mono<Map<UUID, SuggestionResponse>> responsesOf(Viewer viewer, Collection<UUID> suggestionIds) {
        return db.sql("SELECT " + SuggestionResponse.COLUMNS + " FROM suggestion_response x WHERE x.suggestion_id = ANY(:ids)"
                        + " AND " + VisibilityPolicy.rowFilter(viewer, "x"))
                .bind("ids", suggestionIds.toArray(UUID[]::new))
                .map((row, meta) -> SuggestionResponse.from(row)).all()
                .collectMap(SuggestionResponse::suggestionId)
                .map(found -> {
                    Map<UUID, SuggestionResponse> result = new HashMap<>(found);
                    suggestionIds.forEach(id -> result.putIfAbsent(id, SuggestionResponse.unanswered(id)));
                    return result;
                });
    }

    /** The tasks linked to each answer that the viewer may see, oldest first (one statement for all). */
    Mono<Map<UUID, List<Task>>> tasksOf(Viewer viewer, Collection<UUID> responseIds) {
        List<UUID> real = responseIds.stream().filter(id -> !SuggestionResponse.NONE.equals(id)).distinct().toList();
        if (real.isEmpty()) {
            return Mono.just(Map.of());
        }
        // one primary-key probe of task per link (LIMIT 1 keeps the planner from turning the
        // LATERAL into a join that reads every visible task: ListPlansTest)
        return db.sql("SELECT l.response_id AS link_response_id, t.* FROM suggestion_task l"
                        + " CROSS JOIN LATERAL (SELECT " + Task.COLUMNS + " FROM task x WHERE x.id = l.task_id AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " LIMIT 1) t"
                        + " WHERE l.response_id = ANY(:ids) ORDER BY t.created_at, t.id")
                .bind("ids", real.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("link_response_id", UUID.class), Task.from(row))).all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * The ID of a suggestion's answer, for a change: empty when the suggestion does not exist for
     * the viewer; an empty Optional when the suggestion exists but its answer is hidden from them.
     */
    Mono<Optional<UUID>> answerOf(Viewer viewer, UUID suggestionId) {
        return db.sql("SELECT s.id, r.id AS response_id FROM suggestion s LEFT JOIN suggestion_response r"
                        + " ON r.suggestion_id = s.id AND " + VisibilityPolicy.rowFilter(viewer, "r")
                        + " WHERE s.id = :id AND " + VisibilityPolicy.rowFilter(viewer, "s"))
                .bind("id", suggestionId)
                .map((row, meta) -> Optional.ofNullable(row.get("response_id", UUID.class)))
                .one();
    }

    /** The tasks linked to an answer that the viewer may see. */
    Mono<List<Task>> linkedTasks(Viewer viewer, UUID responseId) {
        return tasksOf(viewer, List.of(responseId)).map(found -> found.getOrDefault(responseId, List.of()));
    }
}
