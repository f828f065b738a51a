package org.crmhub.monitoring;

import org.crmhub.database.Batches;
import java.util.List;
import java.util.Map;
import org.crmhub.monitoring.MonitoringService.AddProgressReportInput;
import org.crmhub.monitoring.MonitoringService.CreateIndicatorInput;
import org.crmhub.monitoring.MonitoringService.RecordIndicatorValueInput;
import org.crmhub.security.Viewer;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for indicators and progress reports. */
@Controller
class MonitoringController {

    private final Monitoring monitoring;
    private final MonitoringService service;
    private final Tasks tasks;

    MonitoringController(Monitoring monitoring, MonitoringService service, Tasks tasks) {
        this.monitoring = monitoring;
        this.service = service;
        this.tasks = tasks;
    }

    record IndicatorPayload(Indicator indicator, List<UserError> errors) {
    }

    record ProgressReportPayload(ProgressReport progressReport, List<UserError> errors) {
    }

    @BatchMapping(typeName = "Task", field = "indicators")
    Mono<Map<Task, List<Indicator>>> indicators(List<Task> taskList, BatchLoaderEnvironment env) {
        return monitoring.indicatorsOfTasks(Viewer.of(env), Batches.keys(taskList, Task::id))
                .map(found -> Batches.joinLists(taskList, Task::id, found));
    }

    @BatchMapping(typeName = "Task", field = "progressReports")
    Mono<Map<Task, List<ProgressReport>>> progressReports(List<Task> taskList, BatchLoaderEnvironment env) {
        return monitoring.reportsOfTasks(Viewer.of(env), Batches.keys(taskList, Task::id))
                .map(found -> Batches.joinLists(taskList, Task::id, found));
    }

    @BatchMapping(typeName = "Indicator", field = "periods")
    Mono<Map<Indicator, List<IndicatorPeriod>>> periods(List<Indicator> list, BatchLoaderEnvironment env) {
        return monitoring.periodsOf(Viewer.of(env), Batches.keys(list, Indicator::id))
                .map(found -> Batches.joinLists(list, Indicator::id, found));
    }

    @BatchMapping(typeName = "Indicator", field = "task")
    Mono<Map<Indicator, Task>> taskOfIndicator(List<Indicator> list, BatchLoaderEnvironment env) {
        return tasks.tasks(Viewer.of(env), Batches.keys(list, Indicator::taskId))
                .map(found -> Batches.join(list, Indicator::taskId, found));
    }

    @BatchMapping(typeName = "ProgressReport", field = "task")
    Mono<Map<ProgressReport, Task>> taskOfReport(List<ProgressReport> list, BatchLoaderEnvironment env) {
        return tasks.tasks(Viewer.of(env), Batches.keys(list, ProgressReport::taskId))
                .map(found -> Batches.join(list, ProgressReport::taskId, found));
    }

    @MutationMapping
    Mono<IndicatorPayload> createIndicator(@Argument CreateIndicatorInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.createIndicator(viewer, input), IndicatorPayload::new);
    }

    @MutationMapping
    Mono<IndicatorPayload> recordIndicatorValue(@Argument RecordIndicatorValueInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.recordValue(viewer, input), IndicatorPayload::new);
    }

    @MutationMapping
    Mono<ProgressReportPayload> addProgressReport(@Argument AddProgressReportInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.addProgressReport(viewer, input), ProgressReportPayload::new);
    }
}
