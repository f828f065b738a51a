package org.crmhub.workplan;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.security.Viewer;
import org.crmhub.paging.Connection;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.database.Params;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads work plans and workstreams, always through the viewer's visibility filter. */
@Repository
public class WorkPlans {

    static final Ordering NEWEST_CYCLE_FIRST = new Ordering("CYCLE:DESC", "x.cycle", "int", true);
    static final Ordering OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);
    /** Top-level lists have a single, made-up parent. */
    private static final UUID ALL = new UUID(0, 0);

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    public WorkPlans(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    public Mono<Map<UUID, WorkPlan>> workPlans(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.WORK_PLAN, WorkPlan.COLUMNS, WorkPlan::from, viewer, ids);
    }

    public Mono<WorkPlan> workPlan(Viewer viewer, UUID id) {
        return workPlans(viewer, List.of(id)).mapNotNull(m -> m.get(id));
    }

    public Mono<Map<UUID, Workstream>> workstreams(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.WORKSTREAM, Workstream.COLUMNS, Workstream::from, viewer, ids);
    }

    public Mono<Workstream> workstream(Viewer viewer, UUID id) {
        return workstreams(viewer, List.of(id)).mapNotNull(m -> m.get(id));
    }

    public Mono<Connection<WorkPlan>> list(Viewer viewer, PageRequest page) {
        var query = new Pager.ListQuery(WorkPlan.COLUMNS, "work_plan", VisibilityPolicy.rowFilter(viewer, "x"), null);
        return pager.fetchOne(query, Params.of(), page, ALL, WorkPlan::from);
    }

    /** The workstreams of each work plan, one statement for all the plans. */
    public Mono<Map<UUID, Connection<Workstream>>> workstreamsOf(Viewer viewer, List<UUID> workPlanIds, PageRequest page) {
        var query = new Pager.ListQuery(Workstream.COLUMNS, "workstream", VisibilityPolicy.rowFilter(viewer, "x"),
                "x.work_plan_id");
        return pager.fetch(query, Params.of(), page, workPlanIds, Workstream::from);
    }
}
