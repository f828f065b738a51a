package org.crmhub.monitoring;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.crmhub.audit.AuditTrail;
import org.crmhub.security.Viewer;
import org.crmhub.errors.Checks;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemStore.FieldChange;
import org.crmhub.item.ItemType;
import org.crmhub.database.Params;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Indicators, their values and progress reports: validation, permissions, audit. */
@Service
public class MonitoringService {

    private final DatabaseClient db;
    private final Monitoring monitoring;
    private final Tasks tasks;
    private final ItemStore store;
    private final AuditTrail audit;
    private final Transactions tx;

    MonitoringService(DatabaseClient db, Monitoring monitoring, Tasks tasks, ItemStore store, AuditTrail audit,
                      Transactions tx) {
        this.db = db;
        this.monitoring = monitoring;
        this.tasks = tasks;
        this.store = store;
        this.audit = audit;
        this.tx = tx;
    }

    record CreateIndicatorInput(String taskId, String title, String unit, BigDecimal baselineValue, Integer baselineYear,
                                BigDecimal targetValue, String visibility) {
    }

    record RecordIndicatorValueInput(String indicatorId, LocalDate periodStart, LocalDate periodEnd,
                                     BigDecimal actualValue, BigDecimal targetValue, String note) {
    }

    record AddProgressReportInput(String taskId, LocalDate periodStart, LocalDate periodEnd, String health,
                                  String summary, String visibility) {
    }

    Mono<Indicator> createIndicator(Viewer viewer, CreateIndicatorInput in) {
        return Mono.defer(() -> {
            UUID taskId = GlobalId.require(in.taskId(), ItemType.TASK, input("taskId"));
            new Checks().requiredText("title", in.title(), 200).requiredText("unit", in.unit(), 50)
                    .measure("baselineValue", in.baselineValue()).measure("targetValue", in.targetValue())
                    .range("baselineYear", in.baselineYear(), 1990, 2200).orThrow();
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            return tx.run(tasks.task(viewer, taskId)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("taskId"))))
                    .flatMap(task -> {
                        VisibilityPolicy.require(viewer, Action.EDIT, task.reserved());
                        VisibilityPolicy.requireMayCreateWith(viewer, visibility);
                        return Params.of().with("task", taskId).with("title", clean(in.title())).with("unit", clean(in.unit()))
                                .with("baseline", in.baselineValue(), BigDecimal.class)
                                .with("year", in.baselineYear(), Integer.class)
                                .with("target", in.targetValue(), BigDecimal.class)
                                .with("visibility", visibility).with("by", viewer.username())
                                .bind(db.sql("""
                                        INSERT INTO indicator (task_id, title, unit, baseline_value, baseline_year,
                                            target_value, visibility, created_by)
                                        VALUES (:task, :title, :unit, :baseline, :year, :target, :visibility, :by)
                                        RETURNING id"""))
                                .map((row, meta) -> row.get("id", UUID.class)).one();
                    })
                    .flatMap(id -> audit.created(viewer, ItemType.INDICATOR, id, List.of(
                                    new FieldChange("title", null, clean(in.title())),
                                    new FieldChange("unit", null, clean(in.unit())),
                                    new FieldChange("visibility", null, visibility)))
                            .then(monitoring.indicators(viewer, List.of(id)).mapNotNull(m -> m.get(id)))));
        });
    }

    Mono<Indicator> recordValue(Viewer viewer, RecordIndicatorValueInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.indicatorId(), ItemType.INDICATOR, input("indicatorId"));
            new Checks().dateOrder("periodStart", in.periodStart(), "periodEnd", in.periodEnd())
                    .measure("actualValue", in.actualValue()).measure("targetValue", in.targetValue())
                    .optionalText("note", in.note(), 2000).orThrow();
            return tx.run(monitoring.lockIndicator(viewer, id, input("indicatorId")).flatMap(indicator -> {
                VisibilityPolicy.require(viewer, Action.EDIT, indicator.reserved());
                return Params.of().with("indicator", id).with("start", in.periodStart()).with("end", in.periodEnd())
                        .with("actual", in.actualValue()).with("target", in.targetValue(), BigDecimal.class)
                        .with("note", clean(in.note()), String.class).with("by", viewer.username())
                        .bind(db.sql("""
                                INSERT INTO indicator_period (indicator_id, period_start, period_end, actual_value,
                                    target_value, note, created_by)
                                VALUES (:indicator, :start, :end, :actual, :target, :note, :by)"""))
                        .then()
                        .onErrorMap(DataIntegrityViolationException.class, e -> new UserErrorException(UserError.invalid(
                                input("periodStart"), "A value for this period is already recorded.")))
                        .then(store.touch(ItemType.INDICATOR, id))
                        .then(audit.updated(viewer, ItemType.INDICATOR, id, List.of(new FieldChange("periods", null,
                                in.periodStart() + "/" + in.periodEnd() + ": " + in.actualValue().toPlainString()))))
                        .then(monitoring.indicators(viewer, List.of(id)).mapNotNull(m -> m.get(id)));
            }));
        });
    }

    Mono<ProgressReport> addProgressReport(Viewer viewer, AddProgressReportInput in) {
        return Mono.defer(() -> {
            UUID taskId = GlobalId.require(in.taskId(), ItemType.TASK, input("taskId"));
            new Checks().dateOrder("periodStart", in.periodStart(), "periodEnd", in.periodEnd())
                    .requiredText("summary", in.summary(), 5000).orThrow();
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            return tx.run(tasks.task(viewer, taskId)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("taskId"))))
                    .flatMap(task -> {
                        VisibilityPolicy.require(viewer, Action.CONTRIBUTE, task.reserved());
                        VisibilityPolicy.requireMayCreateWith(viewer, visibility);
                        return Params.of().with("task", taskId).with("start", in.periodStart()).with("end", in.periodEnd())
                                .with("health", in.health()).with("summary", clean(in.summary()))
                                .with("visibility", visibility).with("by", viewer.username())
                                .bind(db.sql("""
                                        INSERT INTO progress_report (task_id, period_start, period_end, health, summary,
                                            visibility, created_by)
                                        VALUES (:task, :start, :end, :health, :summary, :visibility, :by) RETURNING id"""))
                                .map((row, meta) -> row.get("id", UUID.class)).one();
                    })
                    .flatMap(id -> audit.created(viewer, ItemType.PROGRESS_REPORT, id, List.of(
                                    new FieldChange("health", null, in.health()),
                                    new FieldChange("visibility", null, visibility)))
                            .then(monitoring.progressReports(viewer, List.of(id)).mapNotNull(m -> m.get(id)))));
        });
    }
}
