package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.embedded.EmbeddedDatabase;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.graphql.GraphQlConfig;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Pager;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.crmhub.task.TaskService.CreateTaskInput;
import org.crmhub.workplan.WorkPlans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Mono;

/**
 * TaskController through Spring GraphQL, with the real schema, argument binding, IDs, paging
 * arguments and error resolver, but no server, no security filter, no database: the viewer is put
 * in the GraphQL context directly (as ViewerInterceptor does per request) and the repository and
 * service are test doubles. Documents come from src/test/resources/graphql-test/.
 */
@GraphQlTest(controllers = TaskController.class,
        // EmbeddedDatabase (an EnvironmentPostProcessor) starts PostgreSQL unless a database host is
        // configured; this slice opens no connection, so an unresolvable host keeps it from starting one.
        properties = "hub.db.host=no-database.invalid")
@Import({GraphQlConfig.class, Pager.class})
class TaskControllerTest {

    private static final UUID PLAN = UUID.fromString("d0000000-0000-4000-8000-000000000001");
    private static final UUID WORKSTREAM = UUID.fromString("d0000000-0000-4000-8000-000000000102");
    private static final UUID TASK = UUID.fromString("d0000000-0000-4000-8000-000000000201");

    @Autowired
    ExecutionGraphQlServiceTester tester;

    @MockitoBean
    Tasks tasks;
    @MockitoBean
    TaskService service;
    @MockitoBean
    WorkPlans workPlans;
    @MockitoBean
    Catalogue catalogue;
    /** Pager is real (it validates the paging arguments); its database is a double that nothing may call. */
    @MockitoBean
    DatabaseClient db;

    private static Viewer viewer(Role role) {
        return new Viewer("demo-" + role.claimValue(), EnumSet.of(role), List.of());
    }

    private GraphQlTester as(Viewer viewer) {
        return tester.mutate()
                .configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put(Viewer.CONTEXT_KEY, viewer)).build())
                .build();
    }

    private static Task task(UUID id, String title) {
        OffsetDateTime created = OffsetDateTime.parse("2017-03-01T10:00:00Z");
        return new Task(id, WORKSTREAM, PLAN, title, null, "WORKSHOP", "PLANNED", "ST_RROCM", null, null,
                LocalDate.parse("2017-10-04"), 40, false, null, null, "OPEN", false, 3, created, created, java.util.List.of());
    }

    @AfterAll
    static void noDatabaseWasStarted() {
        assertThat(EmbeddedDatabase.server()).as("the embedded PostgreSQL of this JVM").isNull();
    }

    @Test
    void aVisibleTaskIsAnsweredWithItsGlobalIdForTheViewerInTheContext() {
        Viewer civilSociety = viewer(Role.CIVIL_SOCIETY);
        when(tasks.task(civilSociety, TASK)).thenReturn(Mono.just(task(TASK, "Regional workshop")));

        as(civilSociety).documentName("task").variable("id", GlobalId.encode(ItemType.TASK, TASK)).execute()
                .path("task.id").entity(String.class).isEqualTo(GlobalId.encode(ItemType.TASK, TASK))
                .path("task.title").entity(String.class).isEqualTo("Regional workshop")
                .path("task.effectiveVisibility").entity(String.class).isEqualTo("OPEN")
                .path("task.version").entity(Integer.class).isEqualTo(3);
        verify(tasks).task(civilSociety, TASK);
    }

    @Test
    void aMalformedIdOrTheIdOfAnotherTypeIsAValidationErrorNamingTheArgument() {
        Viewer government = viewer(Role.GOVERNMENT);
        as(government).documentName("task").variable("id", "not-an-id").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getMessage()).isEqualTo("Not a valid ID.");
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getExtensions()).containsEntry("code", "VALIDATION").containsEntry("field", List.of("id"));
                }))
                .path("task").valueIsNull();
        as(government).documentName("task").variable("id", GlobalId.encode(ItemType.WORK_PLAN, PLAN)).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getMessage()).isEqualTo("Expected the ID of a Task, got the ID of a WorkPlan.");
                    assertThat(error.getExtensions()).containsEntry("code", "VALIDATION");
                }));
        verifyNoInteractions(tasks);
    }

    @Test
    void pagingArgumentsOutOfRangeOrACursorOfNothingAreValidationErrorsBeforeAnyRead() {
        String plan = GlobalId.encode(ItemType.WORK_PLAN, PLAN);
        for (int first : new int[] {101, 0, -5}) {
            as(viewer(Role.OBSERVER)).documentName("tasks").variable("workPlanId", plan).variable("first", first).execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                        assertThat(error.getMessage()).isEqualTo("Must be between 1 and 100.");
                        assertThat(error.getPath()).isEqualTo("tasks");
                        assertThat(error.getExtensions()).containsEntry("code", "VALIDATION").containsEntry("field", List.of("first"));
                    }))
                    .path("tasks").pathDoesNotExist();
        }
        as(viewer(Role.OBSERVER)).documentName("tasks").variable("workPlanId", plan).variable("after", "garbage").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "VALIDATION").containsEntry("field", List.of("after"))));
        verifyNoInteractions(tasks, db);
    }

    @Test
    void hubAdminIsRefusedTaskListsAndTasksWithForbidden() {
        Viewer hubAdmin = viewer(Role.HUB_ADMIN);
        as(hubAdmin).documentName("tasks").variable("workPlanId", GlobalId.encode(ItemType.WORK_PLAN, PLAN)).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN);
                    assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN").doesNotContainKey("field");
                }));
        as(hubAdmin).documentName("task").variable("id", GlobalId.encode(ItemType.TASK, TASK)).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")))
                .path("task").valueIsNull();
        verifyNoInteractions(tasks);
    }

    @Test
    void aMutationsUserErrorsComeBackInItsPayloadNotAsGraphQlErrors() {
        Viewer government = viewer(Role.GOVERNMENT);
        when(service.create(any(), any(), anyBoolean())).thenReturn(Mono.error(new UserErrorException(List.of(
                UserError.invalid(List.of("input", "title"), "error.blank"),
                UserError.invalid(List.of("input", "dueDate"), "error.dateOrder", "startDate")))));
        String workstream = GlobalId.encode(ItemType.WORKSTREAM, WORKSTREAM);

        as(government).documentName("createTask")
                .variable("input", Map.of("workstreamId", workstream, "title", " ", "kind", "ACTION", "responsible", "PPT",
                        "startDate", "2031-02-02", "dueDate", "2031-01-01", "decisionIds", List.of("nope")))
                .execute()
                .errors().verify()   // no GraphQL error at all
                .path("createTask.task").valueIsNull()
                .path("createTask.errors[*].code").entityList(String.class).containsExactly("VALIDATION", "VALIDATION")
                .path("createTask.errors[0].field").entityList(String.class).containsExactly("input", "title")
                .path("createTask.errors[1].message").entity(String.class).isEqualTo("Must not be before startDate.");

        // the input reached the service as the schema typed it, for this viewer, as a task (not a proposal)
        ArgumentCaptor<CreateTaskInput> input = ArgumentCaptor.forClass(CreateTaskInput.class);
        verify(service).create(eq(government), input.capture(), eq(false));
        assertThat(input.getValue()).isEqualTo(new CreateTaskInput(workstream, " ", null, "ACTION", "PPT", null,
                LocalDate.parse("2031-02-02"), LocalDate.parse("2031-01-01"), null, List.of("nope")));
    }
}
