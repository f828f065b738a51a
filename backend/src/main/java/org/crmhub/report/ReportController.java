package org.crmhub.report;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.language.Languages;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Pager;
import org.crmhub.report.ReportDocuments.Format;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlan;
import org.crmhub.workplan.WorkPlans;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for the monitoring report: bad input answers a typed error before anything is read. */
@Controller
class ReportController {

    private final Reports reports;
    private final ReportLinks links;
    private final PublishedReports published;
    private final WorkPlans workPlans;
    private final Pager pager;
    private final String baseUrl;

    ReportController(Reports reports, ReportLinks links, PublishedReports published, WorkPlans workPlans, Pager pager,
                     @Value("${hub.reports.base-url:}") String baseUrl) {
        this.reports = reports;
        this.links = links;
        this.published = published;
        this.workPlans = workPlans;
        this.pager = pager;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @QueryMapping
    Mono<MonitoringReport> monitoringReport(@Argument String workPlanId, @Argument ReportPeriod.Input period,
                                            @Argument String workstreamId, @ContextValue Viewer viewer) {
        return Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
            UUID workstream = GlobalId.optional(workstreamId, ItemType.WORKSTREAM, List.of("workstreamId"));
            return reports.report(viewer, plan, ReportPeriod.of(period), workstream);
        });
    }

    @SchemaMapping(typeName = "MonitoringReport")
    String pdfUrl(MonitoringReport report) {
        return url(report, Format.PDF);
    }

    @SchemaMapping(typeName = "MonitoringReport")
    String htmlUrl(MonitoringReport report) {
        return url(report, Format.HTML);
    }

    private String url(MonitoringReport report, Format format) {
        return baseUrl + ReportDownloads.path(report.workPlan().id(), new ReportPeriod(report.from(), report.to()),
                report.workstream() == null ? null : report.workstream().id(), format);
    }

    @QueryMapping
    Mono<Connection<PublishedReport>> publishedReports(@Argument String workPlanId, @Argument Integer first, @Argument String after,
                                                       @ContextValue Viewer viewer, DataFetchingFieldSelectionSet selection) {
        return Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
            var page = pager.request(first, after, PublishedReports.NEWEST_FIRST, selection);
            return workPlans.workPlan(viewer, plan)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(List.of("workPlanId"))))
                    .then(published.list(viewer, plan, page));
        });
    }

    @BatchMapping(typeName = "PublishedReport", field = "workPlan")
    Mono<Map<PublishedReport, WorkPlan>> publishedWorkPlan(List<PublishedReport> list, BatchLoaderEnvironment env) {
        return workPlans.workPlans(Viewer.of(env), Batches.keys(list, PublishedReport::workPlanId))
                .map(found -> Batches.join(list, PublishedReport::workPlanId, found));
    }

    @SchemaMapping(typeName = "PublishedReport", field = "pdfUrl")
    String publishedPdfUrl(PublishedReport report) {
        return baseUrl + ReportDownloads.publishedPath(report.id(), Format.PDF);
    }

    @SchemaMapping(typeName = "PublishedReport", field = "htmlUrl")
    String publishedHtmlUrl(PublishedReport report) {
        return baseUrl + ReportDownloads.publishedPath(report.id(), Format.HTML);
    }

    record ShareReportInput(String workPlanId, ReportPeriod.Input period, String workstreamId, String language,
                            Integer validForDays) {
    }

    record ReportLink(String pdfUrl, String htmlUrl, OffsetDateTime expiresAt, String language) {
    }

    record ShareReportPayload(ReportLink link, List<UserError> errors) {
    }

    /**
     * A signed link to the civil-society edition. The sharer must see the plan (and workstream)
     * like any reader; one that civil society may not see cannot be shared (a VALIDATION error,
     * which only a cleared sharer can meet, since for others it is NOT_FOUND already).
     */
    @MutationMapping
    Mono<ShareReportPayload> shareReport(@Argument ShareReportInput input, @ContextValue Viewer viewer,
                                         DataFetchingEnvironment env) {
        return Payloads.of(Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID plan = GlobalId.require(input.workPlanId(), ItemType.WORK_PLAN, List.of("workPlanId"));
            UUID workstream = GlobalId.optional(input.workstreamId(), ItemType.WORKSTREAM, List.of("workstreamId"));
            ReportPeriod period = ReportPeriod.of(input.period());
            Locale language = input.language() == null ? Languages.supported(env.getLocale()) : language(input.language());
            long maxDays = Math.max(1, links.maxValidity().toDays());
            int days = input.validForDays() == null ? (int) maxDays : input.validForDays();
            if (days < 1 || days > maxDays) {
                throw new UserErrorException(UserError.invalid(List.of("validForDays"), "error.range", "1",
                        String.valueOf(maxDays)));
            }
            Edition reader = Edition.CIVIL_SOCIETY;
            return reports.locate(viewer, plan, workstream)
                    .contextWrite(ClearanceConnectionFactory.forViewer(viewer))
                    .then(reports.locate(reader.reader(), plan, workstream)
                            .contextWrite(ClearanceConnectionFactory.forViewer(reader.reader()))
                            .onErrorMap(UserErrorException.class, e -> new UserErrorException(UserError.invalid(
                                    List.of(e.errors().get(0).field().get(0)), "error.reportNotShareable"))))
                    .map(found -> {
                        String token = links.sign(plan, period, workstream, language, Duration.ofDays(days));
                        ReportLinks.Claims claims = links.verify(token);
                        return new ReportLink(baseUrl + ReportDownloads.sharedPath(token, Format.PDF),
                                baseUrl + ReportDownloads.sharedPath(token, Format.HTML), claims.expiresAt().atOffset(ZoneOffset.UTC),
                                language.getLanguage());
                    });
        }).onErrorMap(UserErrorException.class, ReportController::inInput), ShareReportPayload::new);
    }

    private static UserErrorException inInput(UserErrorException e) {
        return new UserErrorException(e.errors().stream().map(error -> error.field() == null ? error
                : new UserError(error.code(), error.text(), prefixed(error.field()))).toList());
    }

    private static List<String> prefixed(List<String> field) {
        return field.get(0).equals("input") ? field : Stream.concat(Stream.of("input"),
                field.stream()).toList();
    }

    private static Locale language(String tag) {
        Locale asked = Locale.forLanguageTag(tag);
        if (Languages.SUPPORTED.stream().noneMatch(l -> l.getLanguage().equals(asked.getLanguage()))) {
            throw new UserErrorException(UserError.invalid(List.of("language"), "error.unsupportedLanguage",
                    String.join(", ", Languages.SUPPORTED.stream().map(Locale::getLanguage).toList())));
        }
        return Languages.supported(asked);
    }
}
