package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crmhub.testsupport.ContributionCycles;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every mutation on OPEN items, as mission.md's matrix says. "OK" means the
 * mutation succeeded, otherwise the expected error code. (Reserved items are attacked in
 * ConfidentialityTest.)
 */
class PermissionMatrixTest extends HubTest {

    private static final String OK = "OK";
    private static final String FORBIDDEN = "FORBIDDEN";
    private static final String NOT_FOUND = "NOT_FOUND";
    /** Honduras's organisation ID, for the contribution (read before each role's run). */
    private static String honduras;

    /** A mutation of graphql-test/ and the input it gets, built against a fresh fixture. */
    private record Mutation(String document, Function<Fixture, Map<String, Object>> input) {
    }

    /** The mutations, each built against a fresh fixture. */
    private static Map<String, Mutation> mutations() {
        Map<String, Mutation> m = new LinkedHashMap<>();
        m.put("createWorkPlan", new Mutation("createWorkPlan", f -> variables("title", "New plan", "cycle", 2040)));
        m.put("createWorkstream", new Mutation("createWorkstream", f -> variables("workPlanId", f.planId, "title", "Line", "lead", "PPT")));
        m.put("createTask", new Mutation("createTask", f -> variables("workstreamId", f.openWorkstreamId, "title", "T",
                "kind", "ACTION", "responsible", "PPT")));
        m.put("createReservedTask", new Mutation("createTask", f -> variables("workstreamId", f.openWorkstreamId, "title", "T",
                "kind", "ACTION", "responsible", "PPT", "visibility", "RESERVED")));
        m.put("proposeTask", new Mutation("proposeTask", f -> variables("workstreamId", f.openWorkstreamId, "title", "Idea",
                "kind", "WORKSHOP", "responsible", "ST_RROCM")));
        m.put("updateTask", new Mutation("updateTask", f -> variables("id", f.openTaskId, "expectedVersion", 1, "title", "Renamed")));
        m.put("deleteTask", new Mutation("deleteTask", f -> variables("id", f.openTaskId, "expectedVersion", 1)));
        m.put("setVisibility", new Mutation("setVisibility", f -> variables("id", f.openTaskId, "expectedVersion", 1,
                "visibility", "RESERVED")));
        m.put("createResource", new Mutation("createResource", f -> variables("workPlanId", f.planId, "taskId", f.openTaskId,
                "kind", "VENUE", "description", "Room")));
        m.put("updateResource", new Mutation("updateResource", f -> variables("id", f.openResourceId, "expectedVersion", 1,
                "status", "CONFIRMED")));
        m.put("createIndicator", new Mutation("createIndicator", f -> variables("taskId", f.openTaskId, "title", "People trained",
                "unit", "people")));
        m.put("addComment", new Mutation("addComment", f -> variables("subjectId", f.openTaskId, "body", "Looks good")));
        m.put("addProgressReport", new Mutation("addProgressReport", f -> variables("taskId", f.openTaskId,
                "periodStart", "2031-01-01", "periodEnd", "2031-01-31", "health", "ON_TRACK", "summary", "Fine")));
        // contributions to the Technical Secretariat's budget: governments' business only (Action.BUDGET)
        m.put("createContribution", new Mutation("createContribution", f -> variables("countryId", honduras,
                "cycle", ContributionCycles.next(), "amount", "5500.00", "currency", "USD", "dueDate", "2031-03-31")));
        // a signed link to a report's civil-society edition: any reader of the plan may make one
        m.put("shareReport", new Mutation("shareReport", f -> variables("workPlanId", f.planId,
                "period", Map.of("year", 2031, "quarter", 1))));
        return m;
    }

    /** Expected outcome of each mutation (in the order of {@link #mutations()}) per role. */
    static Stream<Arguments> matrix() {
        String[] edit = {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK};
        return Stream.of(
                Arguments.of("ppt", edit),
                Arguments.of("government", edit),
                Arguments.of("st-crm", edit),
                // st-rrocm edits OPEN items but may neither reserve nor classify
                Arguments.of("st-rrocm", new String[] {OK, OK, OK, FORBIDDEN, OK, OK, OK, FORBIDDEN, OK, OK, OK, OK, OK, FORBIDDEN, OK}),
                Arguments.of("civil-society", new String[] {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN, OK}),
                Arguments.of("observer", new String[] {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN, OK}),
                // hub-admin reads no work-plan data at all, so the items do not exist for it
                Arguments.of("hub-admin", new String[] {FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eachRoleMayDoExactlyWhatTheMatrixSays(String role, String[] expected) {
        honduras = as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == 'HN')].id").entityList(String.class).get().get(0);
        int i = 0;
        for (Map.Entry<String, Mutation> mutation : mutations().entrySet()) {
            Fixture fixture = new Fixture(as("government"));
            String answer = rawDocument(role, mutation.getValue().document(),
                    variables("input", mutation.getValue().input().apply(fixture)));
            String outcome = answer.contains("\"errors\":[]") ? OK
                    : answer.replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
            assertThat(outcome).as("%s as %s: %s", mutation.getKey(), role, answer).isEqualTo(expected[i++]);
        }
    }
}
