package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a typed error naming the field, never a 500 or a stack trace, and writes nothing. */
class BadInputTest extends HubTest {

    private Fixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new Fixture(as("government"));
    }

    private int taskCount() {
        return as("government").document("{ tasks(workPlanId: \"" + fixture.planId + "\") { totalCount } }")
                .execute().path("tasks.totalCount").entity(Integer.class).get();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank title            | title: \"   \"                                  | VALIDATION | title",
            "over-long description  | title: \"x\", description: \"DESC\"           | VALIDATION | description",
            "over-long title        | title: \"LONGTITLE\"                          | VALIDATION | title",
            "dates in wrong order   | title: \"t\", startDate: \"2031-05-01\", dueDate: \"2031-04-01\" | VALIDATION | dueDate",
            "malformed decision id  | title: \"t\", decisionIds: [\"nope\"]          | VALIDATION | decisionIds",
            "unknown decision       | title: \"t\", decisionIds: [\"DECISION\"]      | NOT_FOUND  | decisionIds",
            "organisation as decision | title: \"t\", decisionIds: [\"ORG\"]         | VALIDATION | decisionIds",
    })
    void createTaskRefusesBadInputAndWritesNothing(String name, String fields, String code, String field) {
        int before = taskCount();
        String input = fields
                .replace("DESC", "d".repeat(5001)).replace("LONGTITLE", "t".repeat(201))
                .replace("DECISION", GlobalId.encode(ItemType.DECISION, UUID.randomUUID()))
                .replace("ORG", GlobalId.encode(ItemType.ORGANISATION, UUID.randomUUID()));
        String answer = raw("government", "mutation { createTask(input: {workstreamId: \"" + fixture.openWorkstreamId
                + "\", kind: ACTION, responsible: PPT, " + input + "}) { task { id } errors { code message field } } }");
        assertThat(answer).contains("\"code\":\"" + code + "\"").contains("\"" + field + "\"")
                .contains("\"task\":null").doesNotContain("Exception");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void everyProblemOfOneInputIsReportedAtOnce() {
        as("government").document("mutation { createTask(input: {workstreamId: \"" + fixture.openWorkstreamId
                        + "\", title: \"\", kind: ACTION, responsible: PPT, startDate: \"2031-02-02\", dueDate: \"2031-01-01\"})"
                        + " { errors { code field } } }")
                .execute().path("createTask.errors").entityList(Object.class).hasSize(2)
                .path("createTask.errors[0].field").entityList(String.class).containsExactly("input", "title")
                .path("createTask.errors[1].field").entityList(String.class).containsExactly("input", "dueDate");
    }

    @Test
    void idsOfAnotherTypeOrMalformedAreValidationErrorsAndUnknownIdsNotFound() {
        String template = "mutation { createTask(input: {workstreamId: \"%s\", title: \"t\", kind: ACTION, responsible: PPT})"
                + " { errors { code field } } }";
        assertThat(raw("government", template.formatted(fixture.planId))).contains("VALIDATION").contains("workstreamId");
        assertThat(raw("government", template.formatted("not-an-id"))).contains("VALIDATION").contains("workstreamId");
        assertThat(raw("government", template.formatted(GlobalId.encode(ItemType.WORKSTREAM, UUID.randomUUID()))))
                .contains("NOT_FOUND").contains("workstreamId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative amount     | amount: \"-1.00\", currency: \"USD\"  | amount",
            "over-precise amount | amount: \"10.001\", currency: \"USD\" | amount",
            "unknown currency    | amount: \"10.00\", currency: \"XYZ\"  | currency",
            "lower-case currency | amount: \"10.00\", currency: \"usd\"  | currency",
            "amount alone        | amount: \"10.00\"                    | currency",
            "currency alone      | currency: \"USD\"                    | amount",
            "blank description   | description: \" \"                  | description",
    })
    void createResourceRefusesBadAmountsAndWritesNothing(String name, String fields, String field) {
        String input = fields.contains("description") ? fields : "description: \"Money\", " + fields;
        String answer = raw("government", "mutation { createResource(input: {workPlanId: \"" + fixture.planId
                + "\", kind: FUNDING, " + input + "}) { resource { id } errors { code message field } } }");
        assertThat(answer).contains("\"code\":\"VALIDATION\"").contains("\"" + field + "\"").contains("\"resource\":null");
        as("government").document("{ resources(workPlanId: \"" + fixture.planId + "\") { totalCount } }")
                .execute().path("resources.totalCount").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        as("government").document("mutation { updateTask(input: {id: \"" + fixture.openTaskId + "\", expectedVersion: 1, title: \"First\"}) { errors { code } } }")
                .execute().path("updateTask.errors").entityList(Object.class).hasSize(0);
        as("st-crm").document("mutation { updateTask(input: {id: \"" + fixture.openTaskId + "\", expectedVersion: 1, title: \"Second\"}) { task { id } errors { code field } } }")
                .execute().path("updateTask.errors[0].code").entity(String.class).isEqualTo("CONFLICT")
                .path("updateTask.errors[0].field").entityList(String.class).containsExactly("input", "expectedVersion")
                .path("updateTask.task").valueIsNull();
        as("government").document("{ task(id: \"" + fixture.openTaskId + "\") { title version } }").execute()
                .path("task.title").entity(String.class).isEqualTo("First")
                .path("task.version").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void pageSizesOutOfRangeAndForeignCursorsAreRefusedNotTrimmed() {
        String plan = fixture.planId;
        for (String first : new String[] {"101", "0", "-5"}) {
            assertThat(raw("civil-society", "{ tasks(workPlanId: \"" + plan + "\", first: " + first + ") { totalCount } }"))
                    .contains("\"code\":\"VALIDATION\"").contains("\"field\":[\"first\"]").doesNotContain("totalCount\":");
        }
        assertThat(raw("civil-society", "{ tasks(workPlanId: \"" + plan + "\", after: \"garbage\") { totalCount } }"))
                .contains("VALIDATION").contains("\"field\":[\"after\"]");
        String cursor = as("government").document("{ tasks(workPlanId: \"" + plan + "\", first: 1) { pageInfo { endCursor } } }")
                .execute().path("tasks.pageInfo.endCursor").entity(String.class).get();
        assertThat(raw("government", "{ tasks(workPlanId: \"" + plan + "\", after: \"" + cursor + "\", orderBy: {field: TITLE}) { totalCount } }"))
                .contains("VALIDATION").contains("\"field\":[\"after\"]");
    }

    @Test
    void malformedDocumentsAndBadScalarsAreGraphQlErrorsNotServerErrors() {
        assertThat(raw("government", "{ tasks(workPlanId: ")).contains("InvalidSyntax").doesNotContain("Exception");
        assertThat(raw("government", "{ noSuchField }")).contains("ValidationError");
        assertThat(raw("government", "mutation { createResource(input: {workPlanId: \"" + fixture.planId
                + "\", kind: FUNDING, description: \"d\", amount: \"12abc\", currency: \"USD\"}) { errors { code } } }"))
                .contains("\"errors\"").doesNotContain("\"createResource\":{");
        assertThat(raw("government", "mutation { createTask(input: {workstreamId: \"" + fixture.openWorkstreamId
                + "\", title: \"t\", kind: ACTION, responsible: PPT, dueDate: \"2031-13-45\"}) { errors { code } } }"))
                .contains("\"errors\"").doesNotContain("\"createTask\":{");
    }

    @Test
    void anUnauthenticatedRequestIsRefusedBeforeGraphQl() {
        client.post().uri("/graphql").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("query", "{ workPlans { totalCount } }"))
                .exchange().expectStatus().isUnauthorized();
    }
}
