package org.crmhub.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.security.Viewer;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads indicators, their periods and progress reports through the viewer's visibility filter. */
@Repository
public class Monitoring {

    private final DatabaseClient db;
    private final ItemStore store;

    public Monitoring(DatabaseClient db, ItemStore store) {
        this.db = db;
        this.store = store;
    }

    public Mono<Map<UUID, Indicator>> indicators(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.INDICATOR, Indicator.COLUMNS, Indicator::from, viewer, ids);
    }

    public Mono<Map<UUID, ProgressReport>> progressReports(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.PROGRESS_REPORT, ProgressReport.COLUMNS, ProgressReport::from, viewer, ids);
    }

    Mono<Map<UUID, List<Indicator>>> indicatorsOfTasks(Viewer viewer, Collection<UUID> taskIds) {
        return db.sql("SELECT " + Indicator.COLUMNS + " FROM indicator x WHERE x.task_id = ANY(:tasks) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.created_at, x.id")
                .bind("tasks", taskIds.toArray(UUID[]::new)).map((row, meta) -> Indicator.from(row)).all()
                .collect(Collectors.groupingBy(Indicator::taskId));
    }

    Mono<Map<UUID, List<ProgressReport>>> reportsOfTasks(Viewer viewer, Collection<UUID> taskIds) {
        return db.sql("SELECT " + ProgressReport.COLUMNS + " FROM progress_report x WHERE x.task_id = ANY(:tasks) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.period_end DESC, x.created_at DESC, x.id")
                .bind("tasks", taskIds.toArray(UUID[]::new)).map((row, meta) -> ProgressReport.from(row)).all()
                .collect(Collectors.groupingBy(ProgressReport::taskId));
    }

    Mono<Map<UUID, List<IndicatorPeriod>>> periodsOf(Viewer viewer, Collection<UUID> indicatorIds) {
        return db.sql("SELECT x.indicator_id, x.period_start, x.period_end, x.target_value, x.actual_value, x.note"
                        + " FROM indicator_period x WHERE x.indicator_id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.period_start, x.period_end")
                .bind("ids", indicatorIds.toArray(UUID[]::new))
                .map((row, meta) -> new IndicatorPeriod(row.get("indicator_id", UUID.class),
                        row.get("period_start", LocalDate.class), row.get("period_end", LocalDate.class),
                        row.get("target_value", BigDecimal.class), row.get("actual_value", BigDecimal.class),
                        row.get("note", String.class)))
                .all().collect(Collectors.groupingBy(IndicatorPeriod::indicatorId));
    }
}
