package org.crmhub.monitoring;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.errors.Checks;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Insert;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Parent;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.security.Viewer;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Indicators, their values and progress reports: validation. Locking, permissions and the audit
 * trail belong to the write path ({@link ItemWrites}).
 */
@Service
public class MonitoringService {

    private final DatabaseClient db;
    private final Monitoring monitoring;
    private final Tasks tasks;
    private final ItemWrites writes;

    MonitoringService(DatabaseClient db, Monitoring monitoring, Tasks tasks, ItemWrites writes) {
        this.db = db;
        this.monitoring = monitoring;
        this.tasks = tasks;
        this.writes = writes;
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
            return writes.create(viewer, Action.EDIT, Parent.of(tasks.task(viewer, taskId), input("taskId")),
                    task -> new Insert(ItemType.INDICATOR, in.visibility())
                            .value("task_id", taskId, UUID.class)
                            .shown("title", "title", clean(in.title()), String.class)
                            .shown("unit", "unit", clean(in.unit()), String.class)
                            .value("baseline_value", in.baselineValue(), BigDecimal.class)
                            .value("baseline_year", in.baselineYear(), Integer.class)
                            .value("target_value", in.targetValue(), BigDecimal.class),
                    id -> monitoring.indicators(viewer, List.of(id)).mapNotNull(m -> m.get(id)));
        });
    }

    /**
     * Adds a value to an indicator: a new version of the indicator, with the value in its history.
     * It takes no expectedVersion, because adding a period's value changes nothing another client
     * may be editing; recording the same period twice is refused instead.
     */
    Mono<Indicator> recordValue(Viewer viewer, RecordIndicatorValueInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.indicatorId(), ItemType.INDICATOR, input("indicatorId"));
            new Checks().dateOrder("periodStart", in.periodStart(), "periodEnd", in.periodEnd())
                    .measure("actualValue", in.actualValue()).measure("targetValue", in.targetValue())
                    .optionalText("note", in.note(), 2000).orThrow();
            return writes.update(viewer, Action.EDIT, Target.unversioned(Indicator.ROWS, id, input("indicatorId")),
                    (indicator, update) -> {
                        update.note("periods", null,
                                in.periodStart() + "/" + in.periodEnd() + ": " + in.actualValue().toPlainString());
                        return Params.of().with("indicator", id).with("start", in.periodStart()).with("end", in.periodEnd())
                                .with("actual", in.actualValue()).with("target", in.targetValue(), BigDecimal.class)
                                .with("note", clean(in.note()), String.class).with("by", viewer.username())
                                .bind(db.sql("""
                                        INSERT INTO indicator_period (indicator_id, period_start, period_end, actual_value,
                                            target_value, note, created_by)
                                        VALUES (:indicator, :start, :end, :actual, :target, :note, :by)"""))
                                .then()
                                .onErrorMap(DataIntegrityViolationException.class, e -> new UserErrorException(UserError.invalid(
                                        input("periodStart"), "error.periodRecorded")));
                    },
                    indicatorId -> monitoring.indicators(viewer, List.of(indicatorId)).mapNotNull(m -> m.get(indicatorId)));
        });
    }

    Mono<ProgressReport> addProgressReport(Viewer viewer, AddProgressReportInput in) {
        return Mono.defer(() -> {
            UUID taskId = GlobalId.require(in.taskId(), ItemType.TASK, input("taskId"));
            new Checks().dateOrder("periodStart", in.periodStart(), "periodEnd", in.periodEnd())
                    .requiredText("summary", in.summary(), 5000).orThrow();
            return writes.create(viewer, Action.CONTRIBUTE, Parent.of(tasks.task(viewer, taskId), input("taskId")),
                    task -> new Insert(ItemType.PROGRESS_REPORT, in.visibility())
                            .value("task_id", taskId, UUID.class)
                            .value("period_start", in.periodStart(), LocalDate.class)
                            .value("period_end", in.periodEnd(), LocalDate.class)
                            .shown("health", "health", in.health(), String.class)
                            .value("summary", clean(in.summary()), String.class),
                    id -> monitoring.progressReports(viewer, List.of(id)).mapNotNull(m -> m.get(id)));
        });
    }
}
