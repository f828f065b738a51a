package org.crmhub.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.crmhub.catalogue.Decision;
import org.crmhub.contribution.Contributions.ContributionTotal;
import org.crmhub.followup.DecisionImplementation;
import org.crmhub.followup.DecisionImplementation.StatusCount;
import org.crmhub.monitoring.Indicator;
import org.crmhub.monitoring.IndicatorPeriod;
import org.crmhub.resource.ResourceTotal;
import org.crmhub.workplan.WorkPlan;
import org.crmhub.workplan.Workstream;

/** A monitoring report as the schema's MonitoringReport shows it, computed for one viewer. */
record MonitoringReport(WorkPlan workPlan, Workstream workstream, LocalDate from, LocalDate to, int taskCount,
                        List<StatusCount> tasksByStatus, List<PartyCount> tasksByParty, int completedInPeriod,
                        int overdueAtEnd, List<IndicatorReport> indicators, List<ResourceTotal> resources,
                        List<ContributionTotal> contributions, List<WorkstreamHealth> workstreams,
                        List<DecisionReport> decisions) {

    record PartyCount(String party, int count) {
    }

    record IndicatorReport(Indicator indicator, BigDecimal baselineValue, BigDecimal targetValue, List<IndicatorPeriod> values) {
    }

    /** @param health the worst health among its tasks' latest reports; null when none has a report */
    record WorkstreamHealth(Workstream workstream, String health, int reportedTasks) {
    }

    record DecisionReport(Decision decision, DecisionImplementation implementation) {
    }
}
