package org.crmhub.followup;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.TaskStatus;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The implementation of decisions, counted from the tasks the viewer may see (one statement for any number). */
@Repository
public class DecisionFollowUp {

    private final DatabaseClient db;

    DecisionFollowUp(DatabaseClient db) {
        this.db = db;
    }

    /** Each decision's implementation; a decision without a visible task gets {@link DecisionImplementation#NONE}. */
    public Mono<Map<UUID, DecisionImplementation>> implementations(Viewer viewer, Collection<UUID> decisions) {
        if (decisions.isEmpty()) {
            return Mono.just(Map.of());
        }
        // the row filter (first wall) and the connection's clearance (second wall, row-level
        // security) both keep reserved tasks out of every count, sum and average
        record Group(UUID decision, TaskStatus status, int tasks, int overdue, long progress) {
        }
        return db.sql("SELECT td.decision_id, x.status, count(*) AS tasks, count(*) FILTER (WHERE " + Task.overdue("x")
                        + ") AS overdue, sum(x.progress) AS progress"
                        + " FROM task_decision td JOIN task x ON x.id = td.task_id"
                        + " WHERE td.decision_id = ANY(:decisions) AND " + VisibilityPolicy.rowFilter(viewer, "x")
                        + " GROUP BY td.decision_id, x.status")
                .bind("decisions", decisions.toArray(UUID[]::new))
                .map((row, meta) -> new Group(row.get("decision_id", UUID.class), TaskStatus.valueOf(row.get("status", String.class)),
                        row.get("tasks", Long.class).intValue(), row.get("overdue", Long.class).intValue(),
                        row.get("progress", Long.class)))
                .all()
                .collectList()
                .map(groups -> {
                    Map<UUID, Map<TaskStatus, Integer>> counts = new HashMap<>();
                    Map<UUID, Integer> overdue = new HashMap<>();
                    Map<UUID, long[]> progress = new HashMap<>();   // sum and count, CANCELLED left out
                    for (Group g : groups) {
                        counts.computeIfAbsent(g.decision(), d -> new EnumMap<>(TaskStatus.class)).put(g.status(), g.tasks());
                        overdue.merge(g.decision(), g.overdue(), Integer::sum);
                        if (g.status() != TaskStatus.CANCELLED) {
                            long[] p = progress.computeIfAbsent(g.decision(), d -> new long[2]);
                            p[0] += g.progress();
                            p[1] += g.tasks();
                        }
                    }
                    Map<UUID, DecisionImplementation> result = new HashMap<>();
                    for (UUID decision : decisions) {
                        long[] p = progress.get(decision);
                        result.put(decision, counts.containsKey(decision)
                                ? DecisionImplementation.of(counts.get(decision), overdue.getOrDefault(decision, 0),
                                        p == null || p[1] == 0 ? null : (double) p[0] / p[1])
                                : DecisionImplementation.NONE);
                    }
                    return result;
                });
    }
}
