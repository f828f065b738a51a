package org.crmhub.testsupport;

import static org.crmhub.testsupport.Documents.variables;

import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * A fresh work plan built through the API by a government user, with reserved items planted at
 * every level. Every reserved title carries {@link #marker}, so a test can search any answer for it.
 */
public final class Fixture {

    public final String marker = "SECRET-" + UUID.randomUUID().toString().substring(0, 8);
    public final String planId;
    public final String openWorkstreamId;
    public final String reservedWorkstreamId;
    public final String openTaskId;
    public final String reservedTaskId;          // RESERVED itself, in an OPEN workstream
    public final String inheritedTaskId;         // OPEN itself, in the RESERVED workstream
    public final String openResourceId;
    public final String reservedResourceId;      // RESERVED itself, plan-wide
    public final String inheritedResourceId;     // OPEN itself, on the reserved task
    public final String reservedCommentId;       // OPEN comment on the reserved task
    public final String reservedReportId;        // OPEN progress report on the inherited task
    public final String reservedIndicatorId;     // RESERVED indicator on the open task

    public Fixture(GraphQlTester government) {
        planId = create(government, "createWorkPlan", "workPlan",
                variables("title", "Plan " + marker.substring(7), "cycle", 2031, "visibility", "OPEN"));
        openWorkstreamId = create(government, "createWorkstream", "workstream",
                variables("workPlanId", planId, "title", "Open line", "lead", "ST_RROCM"));
        reservedWorkstreamId = create(government, "createWorkstream", "workstream",
                variables("workPlanId", planId, "title", marker + " line", "lead", "PPT", "visibility", "RESERVED"));
        openTaskId = create(government, "createTask", "task",
                variables("workstreamId", openWorkstreamId, "title", "Open workshop", "kind", "WORKSHOP",
                        "responsible", "ST_RROCM", "dueDate", "2020-01-31"));
        reservedTaskId = create(government, "createTask", "task",
                variables("workstreamId", openWorkstreamId, "title", marker + " consultation",
                        "description", marker + " visa changes", "kind", "CONSULTATION", "responsible", "PPT",
                        "visibility", "RESERVED", "dueDate", "2020-01-31"));
        inheritedTaskId = create(government, "createTask", "task",
                variables("workstreamId", reservedWorkstreamId, "title", marker + " alert channel", "kind", "ACTION",
                        "responsible", "ST_CRM"));
        openResourceId = create(government, "createResource", "resource",
                variables("workPlanId", planId, "taskId", openTaskId, "kind", "FUNDING", "status", "PLEDGED",
                        "description", "Open venue money", "amount", "1000.50", "currency", "USD"));
        reservedResourceId = create(government, "createResource", "resource",
                variables("workPlanId", planId, "kind", "FUNDING", "status", "PLEDGED", "description", marker + " fund",
                        "amount", "7777.77", "currency", "USD", "visibility", "RESERVED"));
        inheritedResourceId = create(government, "createResource", "resource",
                variables("workPlanId", planId, "taskId", reservedTaskId, "kind", "STAFF", "status", "CONFIRMED",
                        "description", marker + " detail", "amount", "333.33", "currency", "EUR"));
        reservedCommentId = create(government, "addComment", "comment",
                variables("subjectId", reservedTaskId, "body", marker + " remark"));
        reservedReportId = create(government, "addProgressReport", "progressReport",
                variables("taskId", inheritedTaskId, "periodStart", "2031-01-01", "periodEnd", "2031-03-31",
                        "health", "AT_RISK", "summary", marker + " report"));
        reservedIndicatorId = create(government, "createIndicator", "indicator",
                variables("taskId", openTaskId, "title", marker + " indicator", "unit", "plans", "visibility", "RESERVED"));
    }

    /**
     * Runs the create mutation of {@code graphql-test/<mutation>.graphql} with {@code input} as its
     * {@code $input} and returns the new item's ID, failing on any user error.
     */
    public static String create(GraphQlTester tester, String mutation, String field, Map<String, Object> input) {
        return tester.documentName(mutation).variable("input", input)
                .execute()
                .path(mutation + ".errors").entityList(Object.class).hasSize(0)
                .path(mutation + "." + field + ".id").entity(String.class)
                .get();
    }
}
