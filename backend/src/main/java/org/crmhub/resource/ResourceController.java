package org.crmhub.resource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.resource.ResourceService.CreateResourceInput;
import org.crmhub.resource.ResourceService.DeleteResourceInput;
import org.crmhub.resource.ResourceService.UpdateResourceInput;
import org.crmhub.resource.Resources.ResourceFilter;
import org.crmhub.resource.Resources.ResourceOrder;
import org.crmhub.security.Viewer;
import org.crmhub.database.Batches;
import org.crmhub.paging.Connection;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Pager;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlan;
import org.crmhub.workplan.WorkPlans;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for resources and their totals. */
@Controller
class ResourceController {

    private final Resources resources;
    private final ResourceService service;
    private final Tasks tasks;
    private final WorkPlans workPlans;
    private final Catalogue catalogue;
    private final Pager pager;

    ResourceController(Resources resources, ResourceService service, Tasks tasks, WorkPlans workPlans,
                       Catalogue catalogue, Pager pager) {
        this.resources = resources;
        this.service = service;
        this.tasks = tasks;
        this.workPlans = workPlans;
        this.catalogue = catalogue;
        this.pager = pager;
    }

    record ResourcePayload(Resource resource, List<UserError> errors) {
    }

    record DeletePayload(String deletedId, List<UserError> errors) {
    }

    @QueryMapping(name = "resources")
    Mono<Connection<Resource>> resourcesOfWorkPlan(@Argument String workPlanId, @Argument Integer first,
                                                   @Argument String after, @Argument ResourceFilter filter,
                                                   @Argument ResourceOrder orderBy, @ContextValue Viewer viewer,
                                                   DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
        return resources.ofWorkPlan(viewer, plan, filter, pager.request(first, after, Resources.ordering(orderBy), selection));
    }

    @QueryMapping
    Mono<Resource> resource(@Argument String id, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return resources.resource(viewer, GlobalId.require(id, ItemType.RESOURCE, List.of("id")));
    }

    @BatchMapping(typeName = "Task", field = "resources")
    Mono<Map<Task, List<Resource>>> resourcesOfTask(List<Task> taskList, BatchLoaderEnvironment env) {
        return resources.ofTasks(Viewer.of(env), Batches.keys(taskList, Task::id))
                .map(found -> Batches.joinLists(taskList, Task::id, found));
    }

    @BatchMapping(typeName = "WorkPlan", field = "resourceSummary")
    Mono<Map<WorkPlan, List<ResourceTotal>>> resourceSummary(List<WorkPlan> plans, BatchLoaderEnvironment env) {
        return resources.summaries(Viewer.of(env), Batches.keys(plans, WorkPlan::id))
                .map(found -> Batches.joinLists(plans, WorkPlan::id, found));
    }

    @BatchMapping(typeName = "Resource", field = "task")
    Mono<Map<Resource, Task>> task(List<Resource> list, BatchLoaderEnvironment env) {
        return tasks.tasks(Viewer.of(env), Batches.keys(list, Resource::taskId))
                .map(found -> Batches.join(list, Resource::taskId, found));
    }

    @BatchMapping(typeName = "Resource", field = "workPlan")
    Mono<Map<Resource, WorkPlan>> workPlan(List<Resource> list, BatchLoaderEnvironment env) {
        return workPlans.workPlans(Viewer.of(env), Batches.keys(list, Resource::workPlanId))
                .map(found -> Batches.join(list, Resource::workPlanId, found));
    }

    @BatchMapping(typeName = "Resource", field = "provider")
    Mono<Map<Resource, Organisation>> provider(List<Resource> list) {
        return catalogue.organisationsById(Batches.keys(list, Resource::providerId))
                .map(found -> Batches.join(list, Resource::providerId, found));
    }

    @MutationMapping
    Mono<ResourcePayload> createResource(@Argument CreateResourceInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input), ResourcePayload::new);
    }

    @MutationMapping
    Mono<ResourcePayload> updateResource(@Argument UpdateResourceInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), ResourcePayload::new);
    }

    @MutationMapping
    Mono<DeletePayload> deleteResource(@Argument DeleteResourceInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.delete(viewer, input).map(id -> GlobalId.encode(ItemType.RESOURCE, id)),
                DeletePayload::new);
    }
}
