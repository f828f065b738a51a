package org.crmhub.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Decision;
import org.crmhub.contribution.Contributions;
import org.crmhub.database.Params;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.followup.DecisionFollowUp;
import org.crmhub.followup.DecisionImplementation.StatusCount;
import org.crmhub.monitoring.IndicatorPeriod;
import org.crmhub.monitoring.Monitoring;
import org.crmhub.report.MonitoringReport.DecisionReport;
import org.crmhub.report.MonitoringReport.IndicatorReport;
import org.crmhub.report.MonitoringReport.PartyCount;
import org.crmhub.report.MonitoringReport.WorkstreamHealth;
import org.crmhub.resource.ResourceTotal;
import org.crmhub.security.Viewer;
import org.crmhub.task.TaskStatus;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlan;
import org.crmhub.workplan.WorkPlans;
import org.crmhub.workplan.Workstream;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Computes monitoring reports. Every statement filters the rows the viewer may see (and the
 * database's row-level security does again), so a reserved item is in no count, sum or list.
 */
@Service
class Reports {

    private static final String PARTIES = "PPT,ST_CRM,ST_RROCM";

    private final DatabaseClient db;
    private final WorkPlans workPlans;
    private final Monitoring monitoring;
    private final Contributions contributions;
    private final DecisionFollowUp followUp;
    private final Catalogue catalogue;

    Reports(DatabaseClient db, WorkPlans workPlans, Monitoring monitoring, Contributions contributions,
            DecisionFollowUp followUp, Catalogue catalogue) {
        this.db = db;
        this.workPlans = workPlans;
        this.monitoring = monitoring;
        this.contributions = contributions;
        this.followUp = followUp;
        this.catalogue = catalogue;
    }

    /**
     * The report of a plan, or of one of its workstreams, over a period. A plan or workstream the
     * viewer may not see answers NOT_FOUND, exactly as one that does not exist; another plan's
     * workstream is a VALIDATION error.
     */
    Mono<MonitoringReport> report(Viewer viewer, UUID planId, ReportPeriod period, UUID workstreamId) {
        return locate(viewer, planId, workstreamId).flatMap(found -> compute(viewer, found.plan(), found.workstream(), period));
    }

    /** The plan and workstream a report is about, as the viewer may see them. */
    record Subject(WorkPlan plan, Workstream workstream) {
    }

    /**
     * The plan and the workstream (when given), or the errors {@link #report} answers for them:
     * NOT_FOUND for one the viewer may not see, VALIDATION for another plan's workstream.
     */
    Mono<Subject> locate(Viewer viewer, UUID planId, UUID workstreamId) {
        Mono<WorkPlan> plan = workPlans.workPlan(viewer, planId)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(List.of("workPlanId"))));
        if (workstreamId == null) {
            return plan.map(p -> new Subject(p, null));
        }
        Mono<Workstream> workstream = workPlans.workstream(viewer, workstreamId)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(List.of("workstreamId"))))
                .map(found -> {
                    if (!found.workPlanId().equals(planId)) {
                        throw new UserErrorException(UserError.invalid(List.of("workstreamId"), "error.workstreamOfAnotherPlan"));
                    }
                    return found;
                });
        return plan.flatMap(p -> workstream.map(ws -> new Subject(p, ws)));
    }

    /**
     * What a report's document shows: the report, its tasks one by one, the status of its tasks at
     * the end of each quarter of the plan's life up to the period's (at most {@link #QUARTERS}), and
     * the IDs of every item it reflects (so that a stored edition can be found when one becomes reserved).
     */
    Mono<ReportData> document(Viewer viewer, UUID planId, ReportPeriod period, UUID workstreamId) {
        return report(viewer, planId, period, workstreamId).flatMap(report -> {
            Scope scope = new Scope(viewer, planId, workstreamId, period);
            return Mono.zip(history(scope, report.workPlan()), taskLines(scope), otherItemIds(scope, report.workPlan().cycle())).map(all -> {
                Set<UUID> shown = new LinkedHashSet<>();
                shown.add(report.workPlan().id());
                report.workstreams().forEach(w -> shown.add(w.workstream().id()));
                all.getT2().forEach(t -> shown.add(t.id()));
                report.indicators().forEach(i -> shown.add(i.indicator().id()));
                shown.addAll(all.getT3());
                return new ReportData(report, all.getT1(), all.getT2(), List.copyOf(shown));
            });
        });
    }

    /** How many quarters the chart of task status over time goes back at most. */
    static final int QUARTERS = 12;

    /**
     * Task counts by status at the end of each quarter, from the quarter where the plan's cycle or
     * the period begins (the earlier) to the period's last. A task counts from its creation or its
     * start date (plans are often entered after the fact); its status then is the last status its
     * audit trail records before the quarter's end, else the one its first later change left, else
     * its status now.
     */
    private Mono<List<ReportData.QuarterCounts>> history(Scope scope, WorkPlan plan) {
        LocalDate last = ReportPeriod.quarterOf(scope.period().to()).from();
        LocalDate first = ReportPeriod.quarterOf(Collections.min(List.of(LocalDate.of(plan.cycle(), 1, 1),
                scope.period().from()))).from();
        if (first.plusMonths(3L * (QUARTERS - 1)).isBefore(last)) {
            first = last.minusMonths(3L * (QUARTERS - 1));
        }
        String status = "(SELECT c ->> '%s' FROM audit_entry a CROSS JOIN LATERAL jsonb_array_elements(a.changes) c"
                + " WHERE a.subject_id = x.id AND a.at %s q.end_at AND c ->> 'field' = 'status' ORDER BY a.at %s, a.id %s LIMIT 1)";
        record Row(LocalDate quarter, String status, int count) {
        }
        return scope.bind(db, "SELECT q.start, s.status, count(s.status) AS n FROM (SELECT CAST(d AS date) AS start,"
                        + " (d + interval '3 months') AT TIME ZONE 'UTC' AS end_at, CAST(d + interval '3 months' AS date) AS end_day"
                        + " FROM generate_series(CAST(:first AS timestamp), CAST(:last AS timestamp), interval '3 months') d) q"
                        + " LEFT JOIN LATERAL (SELECT coalesce(" + status.formatted("after", "<", "DESC", "DESC") + ", "
                        + status.formatted("before", ">=", "ASC", "ASC") + ", x.status) AS status FROM task x WHERE "
                        + scope.tasks("x") + " AND (x.created_at < q.end_at OR x.start_date < q.end_day)) s ON true"
                        + " GROUP BY q.start, s.status ORDER BY q.start",
                        Params.of().with("first", first).with("last", last))
                .map((row, meta) -> new Row(row.get("start", LocalDate.class), row.get("status", String.class),
                        row.get("n", Long.class).intValue()))
                .all().collectList()
                .map(rows -> {
                    Map<LocalDate, Map<TaskStatus, Integer>> byQuarter = new TreeMap<>();
                    for (Row r : rows) {
                        Map<TaskStatus, Integer> counts = byQuarter.computeIfAbsent(r.quarter(), q -> new EnumMap<>(TaskStatus.class));
                        if (r.status() != null) {
                            counts.merge(TaskStatus.valueOf(r.status()), r.count(), Integer::sum);
                        }
                    }
                    return byQuarter.entrySet().stream()
                            .map(e -> new ReportData.QuarterCounts(ReportPeriod.quarterOf(e.getKey()), e.getValue())).toList();
                });
    }

    /** The report's tasks one by one, by workstream. */
    private Mono<List<ReportData.TaskLine>> taskLines(Scope scope) {
        return scope.bind(db, "SELECT x.id, x.title, x.status, x.responsible, x.due_date, w.title AS workstream"
                        + " FROM task x JOIN workstream w ON w.id = x.workstream_id WHERE " + scope.tasks("x")
                        + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "w")
                        + " ORDER BY w.created_at, w.id, x.created_at, x.id")
                .map((row, meta) -> new ReportData.TaskLine(row.get("id", UUID.class), row.get("title", String.class),
                        TaskStatus.valueOf(row.get("status", String.class)), row.get("responsible", String.class),
                        row.get("due_date", LocalDate.class), row.get("workstream", String.class)))
                .all().collectList();
    }

    /**
     * The IDs of the other items the report's figures reflect: the resources its totals count, the
     * progress reports its health reads, and the contributions of the plan's cycle.
     */
    private Mono<List<UUID>> otherItemIds(Scope scope, int cycle) {
        return scope.bind(db, "SELECT r.id FROM resource r LEFT JOIN task t ON t.id = r.task_id"
                        + " WHERE r.work_plan_id = :plan AND (CAST(:workstream AS uuid) IS NULL OR t.workstream_id = CAST(:workstream AS uuid))"
                        + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "r")
                        + " UNION ALL SELECT pr.id FROM progress_report pr JOIN task x ON x.id = pr.task_id WHERE " + scope.tasks("x")
                        + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "pr")
                        + " UNION ALL SELECT c.id FROM contribution c WHERE c.cycle = :cycle AND " + VisibilityPolicy.rowFilter(scope.viewer(), "c"),
                        Params.of().with("cycle", cycle))
                .map((row, meta) -> row.get("id", UUID.class)).all().collectList();
    }

    private Mono<MonitoringReport> compute(Viewer viewer, WorkPlan plan, Workstream workstream, ReportPeriod period) {
        Scope scope = new Scope(viewer, plan.id(), workstream == null ? null : workstream.id(), period);
        return Mono.zip(tasks(scope), indicators(scope), resources(scope),
                        contributions.totals(viewer, plan.cycle()).collectList(), health(scope), decisions(scope))
                .map(all -> new MonitoringReport(plan, workstream, period.from(), period.to(), all.getT1().total,
                        all.getT1().byStatus, all.getT1().byParty, all.getT1().completed, all.getT1().overdue,
                        all.getT2(), all.getT3(), all.getT4(), all.getT5(), all.getT6()));
    }

    /** The tasks a report covers, as the SQL condition over {@code x} and its parameters. */
    private record Scope(Viewer viewer, UUID plan, UUID workstream, ReportPeriod period) {

        String tasks(String alias) {
            return alias + ".work_plan_id = :plan AND (CAST(:workstream AS uuid) IS NULL OR " + alias
                    + ".workstream_id = CAST(:workstream AS uuid)) AND " + VisibilityPolicy.rowFilter(viewer, alias);
        }

        /** The statement with the scope's values that it names bound (a name it does not use may not be bound). */
        GenericExecuteSpec bind(DatabaseClient db, String sql, Params extra) {
            Params params = extra;
            if (sql.contains(":plan")) {
                params = params.with("plan", plan);
            }
            if (sql.contains(":workstream")) {
                params = params.with("workstream", workstream, UUID.class);
            }
            if (sql.contains(":from")) {
                params = params.with("from", period.from());
            }
            if (sql.contains(":to")) {
                params = params.with("to", period.to());
            }
            if (sql.contains(":start")) {
                params = params.with("start", period.start());
            }
            if (sql.contains(":end")) {
                params = params.with("end", period.end());
            }
            return params.bind(db.sql(sql));
        }

        GenericExecuteSpec bind(DatabaseClient db, String sql) {
            return bind(db, sql, Params.of());
        }
    }

    private static final class TaskFigures {
        int total;
        int completed;
        int overdue;
        List<StatusCount> byStatus = List.of();
        List<PartyCount> byParty = List.of();
    }

    /**
     * Counts by status and by party; the tasks that became DONE within the period (their audit
     * entries); and those due by the period's last day that are neither DONE nor CANCELLED.
     */
    private Mono<TaskFigures> tasks(Scope scope) {
        record Row(String status, String party, int count, int overdue, int completed) {
        }
        return scope.bind(db, "SELECT x.status, x.responsible, count(*) AS n,"
                        + " count(*) FILTER (WHERE x.due_date IS NOT NULL AND x.due_date <= :to"
                        + " AND x.status NOT IN ('DONE', 'CANCELLED')) AS overdue,"
                        + " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audit_entry a WHERE a.subject_id = x.id"
                        + " AND a.at >= :start AND a.at < :end AND a.changes @> '[{\"field\": \"status\", \"after\": \"DONE\"}]'))"
                        + " AS completed FROM task x WHERE " + scope.tasks("x") + " GROUP BY x.status, x.responsible")
                .map((row, meta) -> new Row(row.get("status", String.class), row.get("responsible", String.class),
                        row.get("n", Long.class).intValue(), row.get("overdue", Long.class).intValue(),
                        row.get("completed", Long.class).intValue()))
                .all().collectList()
                .map(rows -> {
                    TaskFigures figures = new TaskFigures();
                    Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
                    Map<String, Integer> byParty = new LinkedHashMap<>();
                    for (String party : PARTIES.split(",")) {
                        byParty.put(party, 0);
                    }
                    for (Row r : rows) {
                        figures.total += r.count();
                        figures.overdue += r.overdue();
                        figures.completed += r.completed();
                        byStatus.merge(TaskStatus.valueOf(r.status()), r.count(), Integer::sum);
                        byParty.merge(r.party(), r.count(), Integer::sum);
                    }
                    figures.byStatus = byStatus.entrySet().stream().map(e -> new StatusCount(e.getKey(), e.getValue())).toList();
                    figures.byParty = byParty.entrySet().stream().filter(e -> e.getValue() > 0)
                            .map(e -> new PartyCount(e.getKey(), e.getValue())).toList();
                    return figures;
                });
    }

    /** Each visible indicator of the covered tasks, with the values of periods that overlap the report's. */
    private Mono<List<IndicatorReport>> indicators(Scope scope) {
        return scope.bind(db, "SELECT i.id FROM indicator i JOIN task x ON x.id = i.task_id WHERE "
                        + scope.tasks("x") + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "i")
                        + " ORDER BY i.created_at, i.id")
                .map((row, meta) -> row.get("id", UUID.class)).all().collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(List.<IndicatorReport>of()) : Mono.zip(
                        monitoring.indicators(scope.viewer(), ids),
                        scope.bind(db,
                                        "SELECT p.indicator_id, p.period_start, p.period_end, p.target_value, p.actual_value, p.note"
                                        + " FROM indicator_period p WHERE p.indicator_id = ANY(:ids) AND p.period_start <= :to"
                                        + " AND p.period_end >= :from AND " + VisibilityPolicy.rowFilter(scope.viewer(), "p")
                                        + " ORDER BY p.period_start, p.period_end", Params.of().with("ids", ids.toArray(UUID[]::new)))
                                .map((row, meta) -> new IndicatorPeriod(row.get("indicator_id", UUID.class),
                                        row.get("period_start", LocalDate.class), row.get("period_end", LocalDate.class),
                                        row.get("target_value", BigDecimal.class), row.get("actual_value", BigDecimal.class),
                                        row.get("note", String.class)))
                                .all().collectList())
                        .map(found -> {
                            List<IndicatorReport> result = new ArrayList<>();
                            for (UUID id : ids) {
                                var indicator = found.getT1().get(id);
                                if (indicator != null) {
                                    result.add(new IndicatorReport(indicator, indicator.baselineValue(), indicator.targetValue(),
                                            found.getT2().stream().filter(p -> p.indicatorId().equals(id)).toList()));
                                }
                            }
                            return result;
                        }));
    }

    /** Resources by kind, status and currency: the plan's own and its tasks' (a workstream's tasks' only, when given). */
    private Mono<List<ResourceTotal>> resources(Scope scope) {
        return scope.bind(db, "SELECT r.kind, r.status, coalesce(r.currency, '') AS currency,"
                        + " coalesce(sum(r.amount), 0) AS amount, count(*) AS n"
                        + " FROM resource r LEFT JOIN task t ON t.id = r.task_id"
                        + " WHERE r.work_plan_id = :plan AND (CAST(:workstream AS uuid) IS NULL OR t.workstream_id = CAST(:workstream AS uuid))"
                        + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "r")
                        + " GROUP BY r.kind, r.status, coalesce(r.currency, '') ORDER BY 1, 2, 3")
                .map((row, meta) -> new ResourceTotal(row.get("kind", String.class), row.get("status", String.class),
                        row.get("currency", String.class).strip(),
                        row.get("amount", BigDecimal.class), row.get("n", Long.class).intValue()))
                .all().collectList();
    }

    /**
     * Each visible workstream covered, with the worst health among the latest progress report (up to
     * the period's end) of each of its tasks.
     */
    private Mono<List<WorkstreamHealth>> health(Scope scope) {
        record Row(UUID workstream, String health, int reported) {
        }
        return scope.bind(db, "SELECT w.id, h.worst, coalesce(h.reported, 0) AS reported FROM workstream w"
                        + " LEFT JOIN LATERAL (SELECT count(*) AS reported, (array['ON_TRACK', 'AT_RISK', 'OFF_TRACK'])[max("
                        + "CASE p.health WHEN 'OFF_TRACK' THEN 3 WHEN 'AT_RISK' THEN 2 ELSE 1 END)] AS worst"
                        + " FROM task x JOIN LATERAL (SELECT pr.health FROM progress_report pr WHERE pr.task_id = x.id"
                        + " AND pr.period_start <= :to AND " + VisibilityPolicy.rowFilter(scope.viewer(), "pr")
                        + " ORDER BY pr.period_end DESC, pr.created_at DESC LIMIT 1) p ON true"
                        + " WHERE x.workstream_id = w.id AND " + scope.tasks("x") + ") h ON true"
                        + " WHERE w.work_plan_id = :plan AND (CAST(:workstream AS uuid) IS NULL OR w.id = CAST(:workstream AS uuid))"
                        + " AND " + VisibilityPolicy.rowFilter(scope.viewer(), "w") + " ORDER BY w.created_at, w.id")
                .map((row, meta) -> new Row(row.get("id", UUID.class), row.get("worst", String.class),
                        row.get("reported", Long.class).intValue()))
                .all().collectList()
                .flatMap(rows -> workPlans.workstreams(scope.viewer(), rows.stream().map(Row::workstream).toList())
                        .map(found -> rows.stream().filter(r -> found.containsKey(r.workstream()))
                                .map(r -> new WorkstreamHealth(found.get(r.workstream()), r.health(), r.reported()))
                                .toList()));
    }

    /** The decisions the covered tasks implement, each with its implementation as the viewer sees it. */
    private Mono<List<DecisionReport>> decisions(Scope scope) {
        return scope.bind(db, "SELECT DISTINCT td.decision_id FROM task_decision td JOIN task x ON x.id = td.task_id"
                        + " WHERE " + scope.tasks("x"))
                .map((row, meta) -> row.get("decision_id", UUID.class)).all().collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(List.<DecisionReport>of())
                        : Mono.zip(catalogue.decisionsById(ids), followUp.implementations(scope.viewer(), ids))
                        .map(found -> found.getT1().values().stream()
                                .sorted(Comparator.comparing(Decision::meeting).thenComparingInt(Decision::number))
                                .map(d -> new DecisionReport(d, found.getT2().get(d.id()))).toList()));
    }
}
