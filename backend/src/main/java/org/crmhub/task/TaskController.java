package org.crmhub.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Decision;
import org.crmhub.catalogue.Organisation;
import org.crmhub.security.Viewer;
import org.crmhub.database.Batches;
import org.crmhub.paging.Connection;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.task.TaskQuery.TaskFilter;
import org.crmhub.task.TaskQuery.TaskOrder;
import org.crmhub.task.TaskService.AcceptProposalInput;
import org.crmhub.task.TaskService.CreateTaskInput;
import org.crmhub.task.TaskService.DeclineProposalInput;
import org.crmhub.task.TaskService.DeleteTaskInput;
import org.crmhub.task.TaskService.UpdateTaskInput;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlans;
import org.crmhub.workplan.Workstream;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for tasks and proposals. */
@Controller
class TaskController {

    private static final String TASKS_OF_WORKSTREAM = "tasksOfWorkstream";

    private final Tasks tasks;
    private final TaskService service;
    private final WorkPlans workPlans;
    private final Catalogue catalogue;
    private final Pager pager;

    TaskController(Tasks tasks, TaskService service, WorkPlans workPlans, Catalogue catalogue, Pager pager,
                   BatchLoaderRegistry registry) {
        this.tasks = tasks;
        this.service = service;
        this.workPlans = workPlans;
        this.catalogue = catalogue;
        this.pager = pager;
        registry.<PageKey<TaskFilter>, Connection<Task>>forName(TASKS_OF_WORKSTREAM).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, parents) ->
                        tasks.tasksOf(Viewer.of(env), "workstream_id", parents, first.filter(), first.page())));
    }

    record TaskPayload(Task task, List<UserError> errors) {
    }

    record DeletePayload(String deletedId, List<UserError> errors) {
    }

    @QueryMapping(name = "tasks")
    Mono<Connection<Task>> tasksOfWorkPlan(@Argument String workPlanId, @Argument Integer first, @Argument String after,
                                           @Argument TaskFilter filter, @Argument TaskOrder orderBy,
                                           @ContextValue Viewer viewer, DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
        var page = pager.request(first, after, TaskQuery.ordering(orderBy), selection);
        // The tasks of a reserved plan are all effectively reserved, so for an uncleared viewer such
        // a plan has no tasks: the same answer as for an unknown plan.
        return tasks.tasksOf(viewer, "work_plan_id", List.of(plan), filter, page).map(m -> m.get(plan));
    }

    @QueryMapping
    Mono<Task> task(@Argument String id, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return tasks.task(viewer, GlobalId.require(id, ItemType.TASK, List.of("id")));
    }

    @SchemaMapping(typeName = "Workstream", field = "tasks")
    CompletableFuture<Connection<Task>> tasksOfWorkstream(Workstream workstream, @Argument Integer first,
                                                         @Argument String after, @Argument TaskFilter filter,
                                                         @Argument TaskOrder orderBy, DataFetchingFieldSelectionSet selection,
                                                         DataLoader<PageKey<TaskFilter>, Connection<Task>> tasksOfWorkstream) {
        var page = pager.request(first, after, TaskQuery.ordering(orderBy), selection);
        return tasksOfWorkstream.load(new PageKey<>(workstream.id(), page, filter));
    }

    @BatchMapping(typeName = "Task", field = "workstream")
    Mono<Map<Task, Workstream>> workstream(List<Task> taskList, BatchLoaderEnvironment env) {
        return workPlans.workstreams(Viewer.of(env), Batches.keys(taskList, Task::workstreamId))
                .map(found -> Batches.join(taskList, Task::workstreamId, found));
    }

    @BatchMapping(typeName = "Task", field = "decisions")
    Mono<Map<Task, List<Decision>>> decisions(List<Task> taskList) {
        return catalogue.decisionsOfTasks(Batches.keys(taskList, Task::id))
                .map(found -> Batches.joinLists(taskList, Task::id, found));
    }

    @BatchMapping(typeName = "Task", field = "responsibleOrganisation")
    Mono<Map<Task, Organisation>> responsibleOrganisation(List<Task> taskList) {
        return catalogue.organisationsById(Batches.keys(taskList, Task::responsibleOrganisationId))
                .map(found -> Batches.join(taskList, Task::responsibleOrganisationId, found));
    }

    @MutationMapping
    Mono<TaskPayload> createTask(@Argument CreateTaskInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input, false), TaskPayload::new);
    }

    @MutationMapping
    Mono<TaskPayload> proposeTask(@Argument CreateTaskInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input, true), TaskPayload::new);
    }

    @MutationMapping
    Mono<TaskPayload> updateTask(@Argument UpdateTaskInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), TaskPayload::new);
    }

    @MutationMapping
    Mono<TaskPayload> acceptProposal(@Argument AcceptProposalInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.accept(viewer, input), TaskPayload::new);
    }

    @MutationMapping
    Mono<TaskPayload> declineProposal(@Argument DeclineProposalInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.decline(viewer, input), TaskPayload::new);
    }

    @MutationMapping
    Mono<DeletePayload> deleteTask(@Argument DeleteTaskInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.delete(viewer, input).map(id -> GlobalId.encode(ItemType.TASK, id)), DeletePayload::new);
    }
}
