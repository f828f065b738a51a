package org.crmhub.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.Arrays;

/**
 * The compiled reads answer exactly what graphql-java answers: each document is sent twice, once
 * as clients send it (compiled to one SQL statement) and once with {@code X-Hub-Engine:
 * graphql-java}, as every role, over a plan with reserved items at every level. The two answers
 * must be equal as JSON, and an uncleared role's answer must hold nothing reserved.
 */
class CompiledReadsTest extends HubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Fixture fixture;

    @Autowired
    CompiledReads compiledReads;

    @BeforeEach
    void plantReservedItems() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
            Fixture.create(as("government"), "createTask", "task", Documents.variables("workstreamId",
                    fixture.openWorkstreamId, "title", "Second open task", "kind", "MEETING", "responsible", "PPT",
                    "dueDate", "2031-05-01"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppt", "government", "st-crm", "st-rrocm", "civil-society", "observer"})
    void theNestedPlanIsAnsweredByOneStatementExactlyAsGraphQlJavaAnswersIt(String role) {
        JsonNode compiled = sameAnswerBothWays(role, "compiledPlan", Map.of("plan", fixture.planId, "withCounts", true));
        assertThat(compiled.at("/data/workPlan/workstreams/edges").size()).isEqualTo(isCleared(role) ? 2 : 1);
        assertHidesReservedItemsFrom(role, compiled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"government", "civil-society"})
    void aFilteredOrderedTaskListIsAnsweredExactlyAsGraphQlJavaAnswersIt(String role) {
        for (String order : new String[] {"CREATED_AT", "UPDATED_AT", "DUE_DATE", "TITLE"}) {
            for (String direction : new String[] {"ASC", "DESC"}) {
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("plan", fixture.planId);
                variables.put("status", java.util.List.of("PLANNED", "IN_PROGRESS"));
                variables.put("order", order);
                variables.put("direction", direction);
                variables.put("first", 1);
                JsonNode compiled = sameAnswerBothWays(role, "compiledTasks", variables);
                assertThat(compiled.at("/data/tasks/pageInfo/hasNextPage").asBoolean()).isTrue();
                assertHidesReservedItemsFrom(role, compiled);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"government", "civil-society", "observer"})
    void itemsByIdAreAnsweredExactlyAsGraphQlJavaAnswersThemAndHiddenOnesAreNull(String role) {
        JsonNode open = sameAnswerBothWays(role, "compiledItems", Map.of("task", fixture.openTaskId,
                "resource", fixture.openResourceId, "otherTask", fixture.reservedTaskId));
        assertThat(open.at("/data/task/id").asString()).isEqualTo(fixture.openTaskId);
        assertThat(open.at("/data/other").isNull()).isEqualTo(!isCleared(role));
        JsonNode hidden = sameAnswerBothWays(role, "compiledItems", Map.of("task", fixture.inheritedTaskId,
                "resource", fixture.inheritedResourceId, "otherTask", fixture.openTaskId));
        assertThat(hidden.at("/data/task").isNull()).isEqualTo(!isCleared(role));
        assertThat(hidden.at("/data/resource").isNull()).isEqualTo(!isCleared(role));
        assertHidesReservedItemsFrom(role, hidden);
    }

    private static boolean isCleared(String role) {
        return Arrays.asList(CLEARED_ROLES).contains(role);
    }

    private void assertHidesReservedItemsFrom(String role, JsonNode answer) {
        if (!isCleared(role)) {
            assertThat(answer.toString()).doesNotContain(fixture.marker).doesNotContain("7777.77").doesNotContain("333.33");
        }
    }

    /** Sends the document both ways and returns the compiled answer after checking it equals graphql-java's. */
    private JsonNode sameAnswerBothWays(String role, String documentName, Map<String, Object> variables) {
        long compiledBefore = compiledReads.compiled();
        JsonNode compiled = post(role, documentName, variables, false);
        assertThat(compiledReads.compiled()).as("answered by the compiled path").isEqualTo(compiledBefore + 1);
        JsonNode reference = post(role, documentName, variables, true);
        assertThat(reference.has("errors")).as("graphql-java's answer: %s", reference).isFalse();
        assertThat(compiled).as("compiled answer of %s as %s", documentName, role).isEqualTo(reference);
        return compiled;
    }

    private JsonNode post(String role, String documentName, Map<String, Object> variables, boolean graphQlJava) {
        Map<String, Object> body = Map.of("query", document(documentName), "variables", variables);
        String answer = client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .headers(h -> {
                    if (graphQlJava) {
                        h.add(CompiledReads.ENGINE_HEADER, "graphql-java");
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private static String document(String name) {
        try {
            return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
