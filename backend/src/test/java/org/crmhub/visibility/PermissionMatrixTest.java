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
import org.springframework.graphql.test.tester.GraphQlTester;

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
    /** A government user's tester, for the items some inputs need first (read before each role's run). */
    private static GraphQlTester government;
    /** Makes an OPEN, unanswered suggestion (as st-rrocm) for the answer's row of the matrix. */
    private static java.util.function.Supplier<String> suggestion;
    /** A civil-society organisation of the network (the demo civil-society member's), for registrations. */
    private static String network;
    /** The running test, for mutations that need some setting up first (registrations). */
    private static PermissionMatrixTest self;

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
        // meetings follow the matrix for tasks; everyone who reads one may comment on it
        m.put("createMeeting", new Mutation("createMeeting", f -> meeting(f, "OPEN")));
        m.put("createReservedMeeting", new Mutation("createMeeting", f -> meeting(f, "RESERVED")));
        m.put("updateMeeting", new Mutation("updateMeeting", f -> variables("id",
                Fixture.create(government, "createMeeting", "meeting", meeting(f, "OPEN")), "expectedVersion", 1, "title", "Moved")));
        m.put("commentOnMeeting", new Mutation("addComment", f -> variables("subjectId",
                Fixture.create(government, "createMeeting", "meeting", meeting(f, "OPEN")), "body", "We will attend")));
        // suggestions (issue 12): civil society, st-rrocm and observers make them, for their own organisation;
        // government roles and st-rrocm answer them
        m.put("addSuggestion", new Mutation("addSuggestion", f -> variables("text", "An idea", "madeAt", "Matrix meeting")));
        m.put("answerSuggestion", new Mutation("answerSuggestion", f -> variables("suggestionId", suggestion.get(),
                "expectedVersion", 1, "status", "ADOPTED")));
        // registrations for events: whoever edits the event opens them; civil society and st-rrocm register
        m.put("openRegistrations", new Mutation("openRegistrations", f -> variables("eventId", f.openTaskId, "capacity", 10,
                "deadline", "2999-01-01T00:00:00Z")));
        m.put("register", new Mutation("register", f -> {
            self.openRegistrationsOn(f);
            return variables("eventId", f.openTaskId, "organisationId", network, "name", "Matrix Person",
                    "email", "matrix@example.org");
        }));
        m.put("cancelRegistration", new Mutation("cancelRegistration", f -> variables("id", self.registrationOn(f))));
        // a signed link to a report's civil-society edition: any reader of the plan may make one
        m.put("shareReport", new Mutation("shareReport", f -> variables("workPlanId", f.planId,
                "period", Map.of("year", 2031, "quarter", 1))));
        return m;
    }

    private static Map<String, Object> meeting(Fixture f, String visibility) {
        return variables("workPlanId", f.planId, "kind", "VIRTUAL", "title", "Commission", "startsAt", "2031-02-01T15:00:00Z",
                "endsAt", "2031-02-01T17:00:00Z", "timeZone", "America/Panama", "link", "https://meet.example.org/c",
                "visibility", visibility);
    }

    /** Expected outcome of each mutation (in the order of {@link #mutations()}) per role. */
    static Stream<Arguments> matrix() {
        // openRegistrations, register, cancelRegistration (governments see every
        // registration but register no one; observers see none, so one does not exist for them), then shareReport
        String[] edit = {OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, FORBIDDEN, OK, OK, FORBIDDEN,
                FORBIDDEN, OK};
        return Stream.of(
                Arguments.of("ppt", edit),
                Arguments.of("government", edit),
                Arguments.of("st-crm", edit),
                // st-rrocm edits OPEN items but may neither reserve nor classify
                Arguments.of("st-rrocm", new String[] {OK, OK, OK, FORBIDDEN, OK, OK, OK, FORBIDDEN, OK, OK, OK, OK, OK, FORBIDDEN,
                        OK, FORBIDDEN, OK, OK, OK, OK, OK, OK, OK, OK}),
                Arguments.of("civil-society", new String[] {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, OK, OK, OK}),
                Arguments.of("observer", new String[] {FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN,
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK}),
                // hub-admin reads no work-plan data at all, so the items do not exist for it
                Arguments.of("hub-admin", new String[] {FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN,
                        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                        FORBIDDEN}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eachRoleMayDoExactlyWhatTheMatrixSays(String role, String[] expected) {
        self = this;
        honduras = as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == 'HN')].id").entityList(String.class).get().get(0);
        government = as("government");
        suggestion = () -> Fixture.create(as("st-rrocm"), "addSuggestion", "suggestion",
                variables("text", "To answer", "madeAt", "Matrix meeting"));
        network = as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == 'CSO-HN-1')].id").entityList(String.class).get().get(0);
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

    private void openRegistrationsOn(Fixture f) {
        Fixture.create(as("government"), "openRegistrations", "settings.event",
                variables("eventId", f.openTaskId, "capacity", 10, "deadline", "2999-01-01T00:00:00Z"));
    }

    /** A registration of the demo civil-society member's organisation, made by st-rrocm. */
    private String registrationOn(Fixture f) {
        openRegistrationsOn(f);
        return Fixture.create(as("st-rrocm"), "register", "registration", variables("eventId", f.openTaskId,
                "organisationId", network, "name", "Matrix Person", "email", "matrix@example.org"));
    }
}
