package org.crmhub.task;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.security.Viewer;
import org.crmhub.paging.Connection;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.database.Params;
import org.crmhub.task.TaskQuery.TaskFilter;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads tasks through the viewer's visibility filter. */
@Repository
public class Tasks {

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    public Tasks(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    public Mono<Map<UUID, Task>> tasks(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.TASK, Task.COLUMNS, Task::from, viewer, ids);
    }

    public Mono<Task> task(Viewer viewer, UUID id) {
        return tasks(viewer, List.of(id)).mapNotNull(m -> m.get(id));
    }

    /** The tasks of each parent (workstreams or work plans), one statement for all the parents. */
    Mono<Map<UUID, Connection<Task>>> tasksOf(Viewer viewer, String parentColumn, List<UUID> parents, TaskFilter filter,
                                              PageRequest page) {
        Params params = Params.of();
        String where = VisibilityPolicy.rowFilter(viewer, "x") + " AND " + TaskQuery.where(filter, params);
        return pager.fetch(new Pager.ListQuery(Task.COLUMNS, "task", where, "x." + parentColumn), params, page, parents,
                Task::from);
    }

    /**
     * The tasks that implement each decision, one statement for all the decisions; each page is
     * read from the decision's links (index task_decision_decision), not by scanning all tasks.
     */
    public Mono<Map<UUID, Connection<Task>>> tasksOfDecisions(Viewer viewer, List<UUID> decisions, TaskFilter filter,
                                                              PageRequest page) {
        Params params = Params.of();
        String where = "x.id IN (SELECT td.task_id FROM task_decision td WHERE td.decision_id = p.page_key) AND "
                + VisibilityPolicy.rowFilter(viewer, "x") + " AND " + TaskQuery.where(filter, params);
        return pager.fetch(new Pager.ListQuery(Task.COLUMNS, "task", where, null), params, page, decisions, Task::from);
    }

    /** The IDs of the decisions of one task. */
    Mono<List<UUID>> decisionIds(UUID taskId) {
        return db.sql("SELECT decision_id FROM task_decision WHERE task_id = :id ORDER BY decision_id")
                .bind("id", taskId).map((row, meta) -> row.get("decision_id", UUID.class)).all()
                .collect(Collectors.toList());
    }
}
