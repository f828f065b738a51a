package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a typed error naming the field, never a 500 or a stack trace, and writes nothing. */
class BadInputTest extends HubTest {

    private Fixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    private int taskCount() {
        return as("government").documentName("tasks").variable("workPlanId", fixture.planId)
                .execute().path("tasks.totalCount").entity(Integer.class).get();
    }

    /** Each case: its name, the fields it sets (beside the workstream, kind and responsible), the code and field expected. */
    static Stream<Arguments> badTasks() {
        return Stream.of(
                Arguments.of("blank title", variables("title", "   "), "VALIDATION", "title"),
                Arguments.of("over-long description", variables("title", "x", "description", "d".repeat(5001)), "VALIDATION", "description"),
                Arguments.of("over-long title", variables("title", "t".repeat(201)), "VALIDATION", "title"),
                Arguments.of("dates in wrong order", variables("title", "t", "startDate", "2031-05-01", "dueDate", "2031-04-01"),
                        "VALIDATION", "dueDate"),
                Arguments.of("malformed decision id", variables("title", "t", "decisionIds", List.of("nope")), "VALIDATION", "decisionIds"),
                Arguments.of("unknown decision", variables("title", "t",
                        "decisionIds", List.of(GlobalId.encode(ItemType.DECISION, UUID.randomUUID()))), "NOT_FOUND", "decisionIds"),
                Arguments.of("organisation as decision", variables("title", "t",
                        "decisionIds", List.of(GlobalId.encode(ItemType.ORGANISATION, UUID.randomUUID()))), "VALIDATION", "decisionIds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void createTaskRefusesBadInputAndWritesNothing(String name, Map<String, Object> fields, String code, String field) {
        int before = taskCount();
        Map<String, Object> input = variables("workstreamId", fixture.openWorkstreamId, "kind", "ACTION", "responsible", "PPT");
        input.putAll(fields);
        String answer = rawDocument("government", "createTask", variables("input", input));
        assertThat(answer).contains("\"code\":\"" + code + "\"").contains("\"" + field + "\"")
                .contains("\"task\":null").doesNotContain("Exception");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void everyProblemOfOneInputIsReportedAtOnce() {
        as("government").documentName("createTask").variable("input", variables("workstreamId", fixture.openWorkstreamId,
                        "title", "", "kind", "ACTION", "responsible", "PPT", "startDate", "2031-02-02", "dueDate", "2031-01-01"))
                .execute().path("createTask.errors").entityList(Object.class).hasSize(2)
                .path("createTask.errors[0].field").entityList(String.class).containsExactly("input", "title")
                .path("createTask.errors[1].field").entityList(String.class).containsExactly("input", "dueDate");
    }

    @Test
    void idsOfAnotherTypeOrMalformedAreValidationErrorsAndUnknownIdsNotFound() {
        Map<String, Object> input = variables("title", "t", "kind", "ACTION", "responsible", "PPT");
        input.put("workstreamId", fixture.planId);
        assertThat(rawDocument("government", "createTask", variables("input", input))).contains("VALIDATION").contains("workstreamId");
        input.put("workstreamId", "not-an-id");
        assertThat(rawDocument("government", "createTask", variables("input", input))).contains("VALIDATION").contains("workstreamId");
        input.put("workstreamId", GlobalId.encode(ItemType.WORKSTREAM, UUID.randomUUID()));
        assertThat(rawDocument("government", "createTask", variables("input", input))).contains("NOT_FOUND").contains("workstreamId");
    }

    static Stream<Arguments> badAmounts() {
        return Stream.of(
                Arguments.of("negative amount", variables("amount", "-1.00", "currency", "USD"), "amount"),
                Arguments.of("over-precise amount", variables("amount", "10.001", "currency", "USD"), "amount"),
                Arguments.of("unknown currency", variables("amount", "10.00", "currency", "XYZ"), "currency"),
                Arguments.of("lower-case currency", variables("amount", "10.00", "currency", "usd"), "currency"),
                Arguments.of("amount alone", variables("amount", "10.00"), "currency"),
                Arguments.of("currency alone", variables("currency", "USD"), "amount"),
                Arguments.of("blank description", variables("description", " "), "description"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAmounts")
    void createResourceRefusesBadAmountsAndWritesNothing(String name, Map<String, Object> fields, String field) {
        Map<String, Object> input = variables("workPlanId", fixture.planId, "kind", "FUNDING", "description", "Money");
        input.putAll(fields);
        String answer = rawDocument("government", "createResource", variables("input", input));
        assertThat(answer).contains("\"code\":\"VALIDATION\"").contains("\"" + field + "\"").contains("\"resource\":null");
        as("government").documentName("resources").variable("workPlanId", fixture.planId)
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        as("government").documentName("updateTask").variable("input", variables("id", fixture.openTaskId, "expectedVersion", 1, "title", "First"))
                .execute().path("updateTask.errors").entityList(Object.class).hasSize(0);
        as("st-crm").documentName("updateTask").variable("input", variables("id", fixture.openTaskId, "expectedVersion", 1, "title", "Second"))
                .execute().path("updateTask.errors[0].code").entity(String.class).isEqualTo("CONFLICT")
                .path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "expectedVersion")
                .path("updateTask.task").valueIsNull();
        as("government").documentName("task").variable("id", fixture.openTaskId).execute()
                .path("task.title").entity(String.class).isEqualTo("First")
                .path("task.version").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void pageSizesOutOfRangeAndForeignCursorsAreRefusedNotTrimmed() {
        String plan = fixture.planId;
        for (int first : new int[] {101, 0, -5}) {
            assertThat(rawDocument("civil-society", "tasks", variables("workPlanId", plan, "first", first)))
                    .contains("\"code\":\"VALIDATION\"").contains("\"field\":[\"first\"]").doesNotContain("totalCount\":");
        }
        assertThat(rawDocument("civil-society", "tasks", variables("workPlanId", plan, "after", "garbage")))
                .contains("VALIDATION").contains("\"field\":[\"after\"]");
        String cursor = as("government").documentName("tasks").variable("workPlanId", plan).variable("first", 1)
                .execute().path("tasks.pageInfo.endCursor").entity(String.class).get();
        assertThat(rawDocument("government", "tasks", variables("workPlanId", plan, "after", cursor, "orderBy", Map.of("field", "TITLE"))))
                .contains("VALIDATION").contains("\"field\":[\"after\"]");
    }

    @Test
    void malformedDocumentsAndBadScalarsAreGraphQlErrorsNotServerErrors() {
        // deliberately malformed documents, sent as written
        assertThat(raw("government", "{ tasks(workPlanId: ")).contains("InvalidSyntax").doesNotContain("Exception");
        assertThat(raw("government", "{ noSuchField }")).contains("ValidationError");
        // bad scalars written as literals in the document (the parser's path, not the variables' one);
        // the IDs still travel as variables
        assertThat(raw("government", "mutation BadAmount($plan: ID!) { createResource(input: {workPlanId: $plan,"
                + " kind: FUNDING, description: \"d\", amount: \"12abc\", currency: \"USD\"}) { errors { code } } }",
                variables("plan", fixture.planId)))
                .contains("\"errors\"").doesNotContain("\"createResource\":{");
        assertThat(raw("government", "mutation BadDate($workstream: ID!) { createTask(input: {workstreamId: $workstream,"
                + " title: \"t\", kind: ACTION, responsible: PPT, dueDate: \"2031-13-45\"}) { errors { code } } }",
                variables("workstream", fixture.openWorkstreamId)))
                .contains("\"errors\"").doesNotContain("\"createTask\":{");
        // the same bad scalars as variables
        assertThat(rawDocument("government", "createResource", variables("input", variables("workPlanId", fixture.planId,
                "kind", "FUNDING", "description", "d", "amount", "12abc", "currency", "USD"))))
                .contains("\"errors\"").doesNotContain("\"createResource\":{").doesNotContain("Exception");
        assertThat(rawDocument("government", "createTask", variables("input", variables("workstreamId", fixture.openWorkstreamId,
                "title", "t", "kind", "ACTION", "responsible", "PPT", "dueDate", "2031-13-45"))))
                .contains("\"errors\"").doesNotContain("\"createTask\":{").doesNotContain("Exception");
    }

    @Test
    void anUnauthenticatedRequestIsRefusedBeforeGraphQl() {
        client.post().uri("/graphql").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", Documents.named("workPlansCount")))
                .exchange().expectStatus().isUnauthorized();
    }
}
