package org.crmhub.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each {@code viewerCan*} field tells the truth: for every role, on open and reserved items and in
 * each relevant state, the capability is true exactly when the mutation it announces, sent with
 * the item's current version, succeeds. (An item the role may not see has no capabilities to read,
 * and its mutation answers NOT_FOUND or FORBIDDEN, never success.)
 */
class CapabilitiesTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A capability of the item {@code target} picks in a fresh fixture, and the mutation it announces. */
    private record Check(String capability, Function<Fixture, String> target, String mutation,
                         Function<Fixture, Map<String, Object>> input) {
    }

    /** Each fixture's pending proposal in its open workstream, made by the government when first needed. */
    private final Map<Fixture, String> proposals = new HashMap<>();

    private String proposal(Fixture f) {
        return proposals.computeIfAbsent(f, x -> Fixture.create(as("government"), "proposeTask", "task", variables(
                "workstreamId", x.openWorkstreamId, "title", "An idea", "kind", "WORKSHOP", "responsible", "ST_RROCM")));
    }

    /** Each fixture's OPEN, unanswered suggestion, made by st-rrocm when first needed. */
    private final Map<Fixture, String> suggestions = new HashMap<>();

    private String suggestion(Fixture f) {
        return suggestions.computeIfAbsent(f, x -> Fixture.create(as("st-rrocm"), "addSuggestion", "suggestion",
                variables("text", "An idea", "madeAt", "Capabilities meeting")));
    }

    private List<Check> checks() {
        List<Check> c = new ArrayList<>();
        c.add(new Check("viewerCanUpdate", f -> f.planId, "updateWorkPlan",
                f -> variables("id", f.planId, "expectedVersion", 1, "title", "Renamed")));
        c.add(new Check("viewerCanAddWorkstream", f -> f.planId, "createWorkstream",
                f -> variables("workPlanId", f.planId, "title", "Line", "lead", "PPT")));
        c.add(new Check("viewerCanAddResource", f -> f.planId, "createResource",
                f -> variables("workPlanId", f.planId, "kind", "VENUE", "description", "Room")));
        c.add(new Check("viewerCanClassify", f -> f.planId, "setVisibility",
                f -> variables("id", f.planId, "expectedVersion", 1, "visibility", "OPEN")));
        c.add(new Check("viewerCanComment", f -> f.planId, "addComment",
                f -> variables("subjectId", f.planId, "body", "On the plan")));
        c.add(new Check("viewerCanUpdate", f -> f.openWorkstreamId, "updateWorkstream",
                f -> variables("id", f.openWorkstreamId, "expectedVersion", 1, "title", "Renamed")));
        c.add(new Check("viewerCanAddTask", f -> f.openWorkstreamId, "createTask",
                f -> variables("workstreamId", f.openWorkstreamId, "title", "T", "kind", "ACTION", "responsible", "PPT")));
        c.add(new Check("viewerCanProposeTask", f -> f.openWorkstreamId, "proposeTask",
                f -> variables("workstreamId", f.openWorkstreamId, "title", "Idea", "kind", "WORKSHOP", "responsible", "ST_RROCM")));
        c.add(new Check("viewerCanAddTask", f -> f.reservedWorkstreamId, "createTask",
                f -> variables("workstreamId", f.reservedWorkstreamId, "title", "T", "kind", "ACTION", "responsible", "PPT")));
        c.add(new Check("viewerCanProposeTask", f -> f.reservedWorkstreamId, "proposeTask",
                f -> variables("workstreamId", f.reservedWorkstreamId, "title", "Idea", "kind", "WORKSHOP", "responsible", "ST_RROCM")));
        c.add(new Check("viewerCanClassify", f -> f.reservedWorkstreamId, "setVisibility",
                f -> variables("id", f.reservedWorkstreamId, "expectedVersion", 1, "visibility", "OPEN")));
        c.add(new Check("viewerCanUpdate", f -> f.openTaskId, "updateTask",
                f -> variables("id", f.openTaskId, "expectedVersion", 1, "title", "Renamed")));
        c.add(new Check("viewerCanDelete", f -> f.openTaskId, "deleteTask",
                f -> variables("id", f.openTaskId, "expectedVersion", 1)));
        c.add(new Check("viewerCanClassify", f -> f.openTaskId, "setVisibility",
                f -> variables("id", f.openTaskId, "expectedVersion", 1, "visibility", "RESERVED")));
        c.add(new Check("viewerCanComment", f -> f.openTaskId, "addComment",
                f -> variables("subjectId", f.openTaskId, "body", "Looks good")));
        c.add(new Check("viewerCanAddResource", f -> f.openTaskId, "createResource",
                f -> variables("workPlanId", f.planId, "taskId", f.openTaskId, "kind", "VENUE", "description", "Room")));
        c.add(new Check("viewerCanAddIndicator", f -> f.openTaskId, "createIndicator",
                f -> variables("taskId", f.openTaskId, "title", "People trained", "unit", "people")));
        c.add(new Check("viewerCanAddProgressReport", f -> f.openTaskId, "addProgressReport", f -> variables("taskId", f.openTaskId,
                "periodStart", "2031-01-01", "periodEnd", "2031-01-31", "health", "ON_TRACK", "summary", "Fine")));
        // a PLANNED task is no proposal: nobody may accept it
        c.add(new Check("viewerCanAcceptProposal", f -> f.openTaskId, "acceptProposal",
                f -> variables("id", f.openTaskId, "expectedVersion", 1)));
        c.add(new Check("viewerCanAcceptProposal", this::proposal, "acceptProposal",
                f -> variables("id", proposal(f), "expectedVersion", 1)));
        c.add(new Check("viewerCanDeclineProposal", this::proposal, "declineProposal",
                f -> variables("id", proposal(f), "expectedVersion", 1, "reason", "Out of scope")));
        c.add(new Check("viewerCanUpdate", f -> f.reservedTaskId, "updateTask",
                f -> variables("id", f.reservedTaskId, "expectedVersion", 1, "title", "Renamed")));
        c.add(new Check("viewerCanDelete", f -> f.inheritedTaskId, "deleteTask",
                f -> variables("id", f.inheritedTaskId, "expectedVersion", 1)));
        c.add(new Check("viewerCanComment", f -> f.reservedTaskId, "addComment",
                f -> variables("subjectId", f.reservedTaskId, "body", "Reserved note")));
        c.add(new Check("viewerCanUpdate", f -> f.openResourceId, "updateResource",
                f -> variables("id", f.openResourceId, "expectedVersion", 1, "status", "CONFIRMED")));
        c.add(new Check("viewerCanDelete", f -> f.openResourceId, "deleteResource",
                f -> variables("id", f.openResourceId, "expectedVersion", 1)));
        c.add(new Check("viewerCanClassify", f -> f.openResourceId, "setVisibility",
                f -> variables("id", f.openResourceId, "expectedVersion", 1, "visibility", "RESERVED")));
        c.add(new Check("viewerCanDelete", f -> f.reservedResourceId, "deleteResource",
                f -> variables("id", f.reservedResourceId, "expectedVersion", 1)));
        c.add(new Check("viewerCanAnswer", this::suggestion, "answerSuggestion",
                f -> variables("suggestionId", suggestion(f), "expectedVersion", 1, "status", "IN_PROGRESS")));
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppt", "government", "st-crm", "st-rrocm", "civil-society", "observer", "hub-admin"})
    void everyCapabilityIsTrueExactlyWhenItsMutationSucceeds(String role) {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Check check : checks()) {
            Fixture fixture = new Fixture(as("government"));
            String target = check.target().apply(fixture);
            JsonNode node = JSON.readTree(rawDocument(role, "capabilities", Map.of("id", target))).at("/data/node");
            String answer = rawDocument(role, check.mutation(), variables("input", check.input().apply(fixture)));
            boolean succeeded = answer.contains("\"errors\":[]");
            if (node.isMissingNode() || node.isNull()) {
                // invisible: nothing to read, and the mutation must not succeed
                if (succeeded) {
                    mismatches.add(check.mutation() + " succeeded on an item " + role + " cannot see: " + answer);
                }
                continue;
            }
            boolean capability = node.at("/" + check.capability()).asBoolean();
            checked++;
            if (capability != succeeded) {
                mismatches.add(check.capability() + " = " + capability + " but " + check.mutation() + " answered " + answer);
            }
        }
        assertThat(mismatches).as("capabilities of %s", role).isEmpty();
        if (!role.equals("hub-admin")) {
            assertThat(checked).as("capabilities read").isGreaterThanOrEqualTo(20);
        }
    }
}
