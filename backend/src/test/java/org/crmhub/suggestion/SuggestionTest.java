package org.crmhub.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Suggestions of civil society end to end: the answer's workflow and state machine, who may make
 * and answer them, an answer classified RESERVED that uncleared viewers read as PENDING by every
 * path (node, list, status filter, counts, nested tasks, history, errors), bad input that writes
 * nothing, idempotency and the statements a nested read costs.
 */
@Import(StatementLog.class)
class SuggestionTest extends HubTest {

    private static Fixture fixture;
    private final Map<String, String> organisations = new HashMap<>();

    @BeforeEach
    void plant() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
        }
    }

    /** A meeting of this test alone: the list filtered by it holds only what the test made. */
    private static String meeting() {
        return "Test meeting " + UUID.randomUUID();
    }

    private String organisation(String code) {
        return organisations.computeIfAbsent(code, c -> as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == '" + c + "')].id").entityList(String.class).get().get(0));
    }

    private GraphQlTester.Response add(String role, Map<String, Object> input) {
        return as(role).documentName("addSuggestion").variable("input", input).execute();
    }

    private String added(String role, String madeAt, String text) {
        return add(role, variables("text", text, "madeAt", madeAt)).path("addSuggestion.errors").entityList(Object.class)
                .hasSize(0).path("addSuggestion.suggestion.id").entity(String.class).get();
    }

    private GraphQlTester.Response answer(String role, Map<String, Object> input) {
        return as(role).documentName("answerSuggestion").variable("input", input).execute();
    }

    private static Map<String, Object> answerInput(String id, int version, String status, Object... more) {
        Map<String, Object> input = variables("suggestionId", id, "expectedVersion", version, "status", status);
        input.putAll(variables(more));
        return input;
    }

    private void answered(String role, Map<String, Object> input) {
        answer(role, input).path("answerSuggestion.errors").entityList(Object.class).hasSize(0);
    }

    private static String errorCode(GraphQlTester.Response response, String mutation) {
        return response.path(mutation + ".errors[0].code").entity(String.class).get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> node(String role, String id) {
        return as(role).documentName("suggestionNode").variable("id", id).execute().path("node")
                .entity((Class<Map<String, Object>>) (Class<?>) Map.class).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(Map<String, Object> suggestion) {
        return (Map<String, Object>) suggestion.get("response");
    }

    @SuppressWarnings("unchecked")
    private static int total(Map<String, Object> withHistory) {
        return (Integer) ((Map<String, Object>) withHistory.get("history")).get("totalCount");
    }

    private GraphQlTester.Response list(String role, String madeAt, String status) {
        Map<String, Object> filter = variables("madeAt", madeAt);
        if (status != null) {
            filter.put("response", status);
        }
        return as(role).documentName("suggestions").variable("filter", filter).variable("madeAt", madeAt).execute();
    }

    private Map<String, Integer> counts(String role, String madeAt) {
        Map<String, Integer> counts = new HashMap<>();
        list(role, madeAt, null).path("suggestionCounts").entityList(Map.class).get()
                .forEach(c -> counts.put((String) c.get("status"), (Integer) c.get("count")));
        return counts;
    }

    @Test
    void anAnswerGoesFromPendingThroughInProgressToAdoptedAndStaysThere() {
        String madeAt = meeting();
        GraphQlTester.Response made = add("civil-society", variables("text", "  Map the services for returnees  ",
                "madeAt", madeAt, "madeOn", "2016-10-20"));
        made.path("addSuggestion.errors").entityList(Object.class).hasSize(0)
                .path("addSuggestion.suggestion.text").entity(String.class).isEqualTo("Map the services for returnees")
                // the member's own organisation, when none is named
                .path("addSuggestion.suggestion.organisation.code").entity(String.class).isEqualTo("CSO-HN-1")
                .path("addSuggestion.suggestion.visibility").entity(String.class).isEqualTo("OPEN")
                .path("addSuggestion.suggestion.viewerCanAnswer").entity(Boolean.class).isEqualTo(false)
                .path("addSuggestion.suggestion.response.status").entity(String.class).isEqualTo("PENDING")
                .path("addSuggestion.suggestion.response.version").entity(Integer.class).isEqualTo(1)
                .path("addSuggestion.suggestion.response.answeredBy").valueIsNull();
        String id = made.path("addSuggestion.suggestion.id").entity(String.class).get();

        answer("st-crm", answerInput(id, 1, "IN_PROGRESS", "taskIds", List.of(fixture.openTaskId)))
                .path("answerSuggestion.errors").entityList(Object.class).hasSize(0)
                .path("answerSuggestion.suggestion.response.status").entity(String.class).isEqualTo("IN_PROGRESS")
                .path("answerSuggestion.suggestion.response.answeredBy").entity(String.class).isEqualTo("demo-st-crm")
                .path("answerSuggestion.suggestion.response.version").entity(Integer.class).isEqualTo(2)
                .path("answerSuggestion.suggestion.response.tasks[*].id").entityList(String.class).containsExactly(fixture.openTaskId)
                // answering changes the answer, not the suggestion
                .path("answerSuggestion.suggestion.version").entity(Integer.class).isEqualTo(1);
        // the same status again changes the reason only; the links stay when taskIds is left out
        answer("st-rrocm", answerInput(id, 2, "IN_PROGRESS", "reason", "A host is being sought"))
                .path("answerSuggestion.suggestion.response.reason").entity(String.class).isEqualTo("A host is being sought")
                .path("answerSuggestion.suggestion.response.answeredBy").entity(String.class).isEqualTo("demo-st-rrocm")
                .path("answerSuggestion.suggestion.response.tasks").entityList(Object.class).hasSize(1);
        answer("ppt", answerInput(id, 3, "ADOPTED"))
                .path("answerSuggestion.suggestion.response.status").entity(String.class).isEqualTo("ADOPTED")
                // each answer replaces the last one's reason
                .path("answerSuggestion.suggestion.response.reason").valueIsNull();
        // ADOPTED is final, and nothing returns to PENDING
        for (String next : List.of("IN_PROGRESS", "DECLINED")) {
            GraphQlTester.Response refused = answer("government", answerInput(id, 4, next, "reason", "Changed our mind"));
            assertThat(errorCode(refused, "answerSuggestion")).isEqualTo("VALIDATION");
            refused.path("answerSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "status")
                    .path("answerSuggestion.errors[0].message").entity(String.class)
                    .isEqualTo("An answer cannot go from ADOPTED to " + next + "; allowed: -.");
        }
        answer("government", answerInput(id, 4, "PENDING")).path("answerSuggestion.errors[0].field")
                .entityList(String.class).containsExactly("input", "status");
        // a stale version
        assertThat(errorCode(answer("government", answerInput(id, 3, "ADOPTED")), "answerSuggestion")).isEqualTo("CONFLICT");

        Map<String, Object> seen = node("observer", id);
        assertThat(response(seen)).containsEntry("status", "ADOPTED").containsEntry("version", 4);
        assertThat(total(response(seen))).isEqualTo(3);   // three answers
        assertThat(total(seen)).isEqualTo(1);              // the suggestion was created, never changed
        assertThat(counts("observer", madeAt)).containsEntry("ADOPTED", 1).containsEntry("PENDING", 0)
                .containsEntry("IN_PROGRESS", 0).containsEntry("DECLINED", 0);
    }

    @Test
    void aDeclinedAnswerGivesItsReason() {
        String id = added("observer", meeting(), "An observer's idea");
        GraphQlTester.Response noReason = answer("government", answerInput(id, 1, "DECLINED"));
        assertThat(errorCode(noReason, "answerSuggestion")).isEqualTo("VALIDATION");
        noReason.path("answerSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "reason");
        answer("government", answerInput(id, 1, "DECLINED", "reason", "   ")).path("answerSuggestion.errors[0].field")
                .entityList(String.class).containsExactly("input", "reason");
        answer("government", answerInput(id, 1, "DECLINED", "reason", "Covered by task 12 already"))
                .path("answerSuggestion.suggestion.response.status").entity(String.class).isEqualTo("DECLINED")
                .path("answerSuggestion.suggestion.response.reason").entity(String.class).isEqualTo("Covered by task 12 already");
        assertThat(response(node("civil-society", id))).containsEntry("status", "DECLINED")
                .containsEntry("reason", "Covered by task 12 already").containsEntry("answeredBy", "demo-government");
    }

    @Test
    void membersSuggestForTheirOwnOrganisationAndStRrocmForItsNetwork() {
        String madeAt = meeting();
        // another organisation's name: refused, naming the field
        GraphQlTester.Response other = add("civil-society", variables("text", "Idea", "madeAt", madeAt,
                "organisationId", organisation("CSO-GT-1")));
        assertThat(errorCode(other, "addSuggestion")).isEqualTo("FORBIDDEN");
        other.path("addSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "organisationId");
        assertThat(errorCode(add("observer", variables("text", "Idea", "madeAt", madeAt,
                "organisationId", organisation("CSO-HN-1"))), "addSuggestion")).isEqualTo("FORBIDDEN");
        assertThat(errorCode(add("st-rrocm", variables("text", "Idea", "madeAt", madeAt,
                "organisationId", organisation("IOM"))), "addSuggestion")).isEqualTo("FORBIDDEN");
        // government roles answer suggestions; they do not make them
        for (String role : CLEARED_ROLES) {
            assertThat(errorCode(add(role, variables("text", "Idea", "madeAt", madeAt)), "addSuggestion")).as(role)
                    .isEqualTo("FORBIDDEN");
        }
        assertThat(errorCode(add("hub-admin", variables("text", "Idea", "madeAt", madeAt)), "addSuggestion"))
                .isEqualTo("FORBIDDEN");

        add("st-rrocm", variables("text", "For a member", "madeAt", madeAt, "organisationId", organisation("CSO-GT-1")))
                .path("addSuggestion.suggestion.organisation.code").entity(String.class).isEqualTo("CSO-GT-1")
                .path("addSuggestion.suggestion.createdBy").entity(String.class).isEqualTo("demo-st-rrocm");
        add("st-rrocm", variables("text", "For the network", "madeAt", madeAt, "organisationId", organisation("RROCM")))
                .path("addSuggestion.suggestion.organisation.code").entity(String.class).isEqualTo("RROCM");
        add("observer", variables("text", "Our own", "madeAt", madeAt))
                .path("addSuggestion.suggestion.organisation.code").entity(String.class).isEqualTo("IOM");
        list("government", madeAt, null).path("suggestions.totalCount").entity(Integer.class).isEqualTo(3)
                .path("suggestions.edges[*].node.viewerCanAnswer").entityList(Boolean.class).containsExactly(true, true, true);

        String id = added("civil-society", madeAt, "To answer");
        for (String role : List.of("civil-society", "observer")) {
            assertThat(errorCode(answer(role, answerInput(id, 1, "ADOPTED")), "answerSuggestion")).as(role).isEqualTo("FORBIDDEN");
        }
        // st-rrocm answers, OPEN only
        assertThat(errorCode(answer("st-rrocm", answerInput(id, 1, "ADOPTED", "visibility", "RESERVED")), "answerSuggestion"))
                .isEqualTo("FORBIDDEN");
        assertThat(response(node("government", id))).containsEntry("status", "PENDING").containsEntry("version", 1);
        answered("st-rrocm", answerInput(id, 1, "ADOPTED", "visibility", "OPEN"));
        // a suggestion is always OPEN: setVisibility refuses it
        as("government").documentName("setVisibility").variable("input", variables("id", id, "expectedVersion", 1,
                        "visibility", "RESERVED")).execute()
                .path("setVisibility.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
    }

    @Test
    void aReservedAnswerReadsAsPendingToUnclearedViewersByEveryPath() {
        String madeAt = meeting();
        String secret = "SECRET-" + UUID.randomUUID();
        String id = added("civil-society", madeAt, "Warn us before visa rules change");
        String open = added("civil-society", madeAt, "An open one, answered openly");
        answered("st-crm", answerInput(open, 1, "ADOPTED", "taskIds", List.of(fixture.openTaskId)));
        answered("government", answerInput(id, 1, "IN_PROGRESS", "reason", secret + " consultation",
                "taskIds", List.of(fixture.reservedTaskId, fixture.openTaskId), "visibility", "RESERVED"));

        // cleared viewers read the answer, its tasks (the reserved one too) and its history
        Map<String, Object> cleared = node("ppt", id);
        assertThat(response(cleared)).containsEntry("status", "IN_PROGRESS").containsEntry("visibility", "RESERVED")
                .containsEntry("reason", secret + " consultation").containsEntry("version", 2);
        assertThat((List<?>) response(cleared).get("tasks")).hasSize(2);
        assertThat(total(response(cleared))).isEqualTo(1);
        assertThat(counts("st-crm", madeAt)).containsEntry("IN_PROGRESS", 1).containsEntry("ADOPTED", 1).containsEntry("PENDING", 0);

        String reservedTask = GlobalId.parse(fixture.reservedTaskId).orElseThrow().id().toString();
        for (String role : UNCLEARED_ROLES) {
            // node: exactly as a suggestion never answered
            Map<String, Object> seen = node(role, id);
            assertThat(response(seen)).as(role).containsEntry("status", "PENDING").containsEntry("reason", null)
                    .containsEntry("answeredBy", null).containsEntry("answeredAt", null).containsEntry("visibility", "OPEN")
                    .containsEntry("version", 1).containsEntry("tasks", List.of());
            assertThat(total(response(seen))).as(role).isZero();
            // the list, filtered by status, and the counts by status
            list(role, madeAt, "PENDING").path("suggestions.totalCount").entity(Integer.class).isEqualTo(1)
                    .path("suggestions.edges[0].node.id").entity(String.class).isEqualTo(id);
            list(role, madeAt, "IN_PROGRESS").path("suggestions.totalCount").entity(Integer.class).isEqualTo(0)
                    .path("suggestions.edges").entityList(Object.class).hasSize(0);
            assertThat(counts(role, madeAt)).as(role).containsEntry("PENDING", 1).containsEntry("IN_PROGRESS", 0)
                    .containsEntry("ADOPTED", 1);
            // nothing of it in any raw answer
            assertThat(rawDocument(role, "suggestions", variables("filter", variables("madeAt", madeAt), "madeAt", madeAt)))
                    .as(role).doesNotContain(secret).doesNotContain(fixture.reservedTaskId).doesNotContain(reservedTask)
                    .doesNotContain("RESERVED");
            assertThat(rawDocument(role, "suggestionNode", variables("id", id))).as(role).doesNotContain(secret)
                    .doesNotContain(fixture.reservedTaskId).doesNotContain(fixture.openTaskId).doesNotContain("RESERVED")
                    .doesNotContain("IN_PROGRESS");
        }
        // answering it: civil society and observers as for any suggestion (FORBIDDEN); st-rrocm is told
        // the answer changed since it read it (CONFLICT), exactly as for a stale version, whatever version it sends
        for (String role : List.of("civil-society", "observer")) {
            GraphQlTester.Response refused = answer(role, answerInput(id, 1, "ADOPTED"));
            assertThat(errorCode(refused, "answerSuggestion")).isEqualTo("FORBIDDEN");
        }
        String stale = rawDocument("st-rrocm", "answerSuggestion", variables("input", answerInput(open, 1, "ADOPTED")));
        for (int version : List.of(1, 2, 3)) {
            String hidden = rawDocument("st-rrocm", "answerSuggestion", variables("input", answerInput(id, version, "ADOPTED")));
            assertThat(hidden).isEqualTo(stale.replace(open, id)).doesNotContain(secret).contains("\"code\":\"CONFLICT\"");
        }
        assertThat(response(node("government", id))).containsEntry("status", "IN_PROGRESS").containsEntry("version", 2);

        // made OPEN again, the answer appears with its open task only, and its history names no reserved task
        answered("government", answerInput(id, 2, "IN_PROGRESS", "reason", "Shared after the consultation",
                "visibility", "OPEN"));
        for (String role : UNCLEARED_ROLES) {
            Map<String, Object> seen = node(role, id);
            assertThat(response(seen)).as(role).containsEntry("status", "IN_PROGRESS").containsEntry("visibility", "OPEN");
            assertThat((List<?>) response(seen).get("tasks")).as(role).hasSize(1);
            assertThat(total(response(seen))).as(role).isEqualTo(2);
            assertThat(rawDocument(role, "suggestionNode", variables("id", id))).as(role)
                    .doesNotContain(fixture.reservedTaskId).contains(fixture.openTaskId);
        }
    }

    @Test
    void badInputAnswersATypedErrorAndWritesNothing() {
        String madeAt = meeting();
        for (Map<String, Object> input : List.of(variables("text", "", "madeAt", madeAt),
                variables("text", "x".repeat(4001), "madeAt", madeAt),
                variables("text", "Fine", "madeAt", " "),
                variables("text", "Fine", "madeAt", madeAt, "organisationId", fixture.planId))) {
            assertThat(errorCode(add("civil-society", input), "addSuggestion")).isEqualTo("VALIDATION");
        }
        add("civil-society", variables("text", " ", "madeAt", madeAt)).path("addSuggestion.errors[0].field")
                .entityList(String.class).containsExactly("input", "text");
        add("civil-society", variables("text", "Fine", "madeAt", madeAt, "organisationId", fixture.planId))
                .path("addSuggestion.errors[0].message").entity(String.class)
                .isEqualTo("Expected the ID of a Organisation, got the ID of a WorkPlan.");
        list("government", madeAt, null).path("suggestions.totalCount").entity(Integer.class).isEqualTo(0);

        String id = added("civil-society", madeAt, "Answer me");
        String unknownTask = GlobalId.encode(ItemType.TASK, UUID.randomUUID());
        GraphQlTester.Response unknown = answer("government", answerInput(id, 1, "ADOPTED", "taskIds",
                List.of(fixture.openTaskId, unknownTask)));
        assertThat(errorCode(unknown, "answerSuggestion")).isEqualTo("NOT_FOUND");
        unknown.path("answerSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "taskIds", "1");
        // a reserved task does not exist for st-rrocm: the same answer as an unknown one
        GraphQlTester.Response hidden = answer("st-rrocm", answerInput(id, 1, "ADOPTED", "taskIds",
                List.of(fixture.openTaskId, fixture.reservedTaskId)));
        assertThat(errorCode(hidden, "answerSuggestion")).isEqualTo("NOT_FOUND");
        hidden.path("answerSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "taskIds", "1");
        answer("government", answerInput(id, 1, "ADOPTED", "taskIds", List.of(fixture.planId)))
                .path("answerSuggestion.errors[0].field").entityList(String.class).containsExactly("input", "taskIds", "0");
        answer("government", answerInput(fixture.openTaskId, 1, "ADOPTED")).path("answerSuggestion.errors[0].code")
                .entity(String.class).isEqualTo("VALIDATION");
        assertThat(errorCode(answer("government", answerInput(GlobalId.encode(ItemType.SUGGESTION, UUID.randomUUID()), 1,
                "ADOPTED")), "answerSuggestion")).isEqualTo("NOT_FOUND");
        assertThat(errorCode(answer("government", answerInput(id, 1, "DECLINED", "reason", "x".repeat(4001))),
                "answerSuggestion")).isEqualTo("VALIDATION");
        assertThat(errorCode(answer("government", answerInput(id, 1, "PENDING")), "answerSuggestion")).isEqualTo("VALIDATION");

        // nothing was written: still PENDING, version 1, no link, no history of an answer
        Map<String, Object> seen = node("government", id);
        assertThat(response(seen)).containsEntry("status", "PENDING").containsEntry("version", 1).containsEntry("tasks", List.of());
        assertThat(total(response(seen))).isZero();
        list("government", madeAt, null).path("suggestions.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void anAnswerSentTwiceWithOneKeyIsGivenOnce() {
        String id = added("civil-society", meeting(), "Once only");
        Map<String, Object> input = answerInput(id, 1, "IN_PROGRESS", "clientMutationId", "answer-" + UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            answer("st-crm", input).path("answerSuggestion.errors").entityList(Object.class).hasSize(0)
                    .path("answerSuggestion.suggestion.response.version").entity(Integer.class).isEqualTo(2);
        }
        assertThat(total(response(node("st-crm", id)))).isEqualTo(1);
    }

    @Test
    void nestedOrganisationsAnswersTasksAndHistoriesCostTheSameStatementsWhateverTheirNumber() {
        String small = meeting();
        answered("st-crm", answerInput(added("civil-society", small, "One"), 1, "ADOPTED",
                "taskIds", List.of(fixture.openTaskId)));
        String large = meeting();
        for (int i = 0; i < 8; i++) {
            String id = added(i % 2 == 0 ? "civil-society" : "observer", large, "Suggestion " + i);
            answered("st-crm", answerInput(id, 1, "IN_PROGRESS", "taskIds", List.of(fixture.openTaskId)));
            answered("st-crm", answerInput(id, 2, "ADOPTED", "visibility", i % 3 == 0 ? "RESERVED" : "OPEN"));
        }
        as("civil-society").documentName("suggestionsNested").variable("madeAt", small).execute().path("suggestions").hasValue();
        StatementLog.clear();
        as("civil-society").documentName("suggestionsNested").variable("madeAt", small).execute()
                .path("suggestions.totalCount").entity(Integer.class).isEqualTo(1);
        int one = StatementLog.sent().size();
        StatementLog.clear();
        as("civil-society").documentName("suggestionsNested").variable("madeAt", large).execute()
                .path("suggestions.totalCount").entity(Integer.class).isEqualTo(8)
                .path("suggestions.edges[*].node.response.status").entityList(String.class).contains("PENDING", "ADOPTED");
        int eight = StatementLog.sent().size();
        // suggestions, organisations, answers, tasks, the suggestions' histories, the answers' histories
        assertThat(one).isEqualTo(eight).isLessThanOrEqualTo(6);
    }

    @Test
    void theDemoDataHasTheOctober2016SuggestionsWithOneReservedAnswer() {
        String madeAt = "Meeting between the CRM and civil society on the reintegration of returned migrants, Honduras, October 2016";
        Map<String, Integer> cleared = counts("government", madeAt);
        assertThat(cleared).containsEntry("ADOPTED", 2).containsEntry("IN_PROGRESS", 2).containsEntry("DECLINED", 1)
                .containsEntry("PENDING", 2);
        assertThat(counts("civil-society", madeAt)).containsEntry("ADOPTED", 2).containsEntry("IN_PROGRESS", 1)
                .containsEntry("DECLINED", 1).containsEntry("PENDING", 3);
        assertThat(list("civil-society", madeAt, null).path("suggestions.edges[*].node.text").entityList(String.class).get())
                .hasSize(7).allMatch(t -> t.contains("Demo suggestion"));
        // they were recorded first, so the whole list starts with them
        assertThat(as("observer").documentName("suggestions").variable("first", 7).execute()
                .path("suggestions.edges[*].node.madeAt").entityList(String.class).get()).hasSize(7).containsOnly(madeAt);
    }
}
