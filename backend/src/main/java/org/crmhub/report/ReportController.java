package org.crmhub.report;

import java.util.List;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for the monitoring report: bad input answers a typed error before anything is read. */
@Controller
class ReportController {

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
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
}
