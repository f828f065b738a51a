package org.crmhub.contribution;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads contributions, their payments and their totals through the viewer's visibility filter. */
@Repository
public class Contributions {

    /** Oldest first: the order the secretariat recorded them. */
    static final Ordering OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);
    /** The single parent of the top-level list (any fixed ID). */
    private static final UUID ALL = new UUID(0, 0);

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    Contributions(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    public Mono<Map<UUID, Contribution>> contributions(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.CONTRIBUTION, Contribution.COLUMNS, Contribution::from, viewer, ids);
    }

    Mono<Contribution> contribution(Viewer viewer, UUID id) {
        return contributions(viewer, List.of(id)).mapNotNull(found -> found.get(id));
    }

    /** The contributions of one cycle (all cycles when null), a page at a time. */
    Mono<Connection<Contribution>> list(Viewer viewer, Integer cycle, PageRequest page) {
        Params params = Params.of().with("cycle", cycle, Integer.class);
        String where = VisibilityPolicy.rowFilter(viewer, "x") + " AND (CAST(:cycle AS int) IS NULL OR x.cycle = CAST(:cycle AS int))";
        return pager.fetchOne(new Pager.ListQuery(Contribution.COLUMNS, "contribution", where, null), params, page, ALL,
                Contribution::from);
    }

    /** The payments of each contribution, oldest first (one statement for all of them). */
    Mono<Map<UUID, List<ContributionPayment>>> paymentsOf(Viewer viewer, Collection<UUID> contributionIds) {
        return db.sql("SELECT p.id, p.contribution_id, p.amount, x.currency, p.paid_on, p.note, p.created_at"
                        + " FROM contribution_payment p JOIN contribution x ON x.id = p.contribution_id"
                        + " WHERE p.contribution_id = ANY(:ids) AND " + VisibilityPolicy.rowFilter(viewer, "x")
                        + " ORDER BY p.paid_on, p.created_at, p.id")
                .bind("ids", contributionIds.toArray(UUID[]::new))
                .map((row, meta) -> ContributionPayment.from(row)).all()
                .collect(Collectors.groupingBy(ContributionPayment::contributionId));
    }

    /** A cycle's totals in one currency, of the contributions the viewer may see. */
    public record ContributionTotal(int cycle, String currency, int count, BigDecimal due, BigDecimal paid,
                                    BigDecimal outstanding, int lateCount, BigDecimal overdue) {
    }

    /**
     * Exact totals per cycle and currency: one statement, summed by the database in numeric, over
     * the rows the viewer may see (a reserved contribution counts in no uncleared total), each read
     * as {@link Contribution#COLUMNS} reads it (its lateness included).
     */
    public Flux<ContributionTotal> totals(Viewer viewer, Integer cycle) {
        return Params.of().with("cycle", cycle, Integer.class).bind(db.sql("SELECT cycle, currency, count(*) AS n,"
                        + " sum(amount) AS due, sum(paid) AS paid, sum(greatest(amount - paid, 0)) AS outstanding,"
                        + " count(*) FILTER (WHERE late) AS late,"
                        + " coalesce(sum(amount - paid) FILTER (WHERE late AND paid_in_full_on IS NULL), 0) AS overdue"
                        + " FROM (SELECT " + Contribution.COLUMNS + " FROM contribution x"
                        + " WHERE (CAST(:cycle AS int) IS NULL OR x.cycle = CAST(:cycle AS int)) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + ") c GROUP BY cycle, currency ORDER BY cycle, currency"))
                .map((row, meta) -> new ContributionTotal(row.get("cycle", Integer.class), row.get("currency", String.class).strip(),
                        row.get("n", Long.class).intValue(), row.get("due", BigDecimal.class), row.get("paid", BigDecimal.class),
                        row.get("outstanding", BigDecimal.class), row.get("late", Long.class).intValue(),
                        row.get("overdue", BigDecimal.class)))
                .all();
    }
}
