package org.crmhub.workplan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlanService.CreateWorkPlanInput;
import org.crmhub.workplan.WorkPlanService.CreateWorkstreamInput;
import org.crmhub.workplan.WorkPlanService.UpdateWorkPlanInput;
import org.crmhub.workplan.WorkPlanService.UpdateWorkstreamInput;
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

/** GraphQL for work plans and workstreams. */
@Controller
class WorkPlanController {

    private static final String WORKSTREAMS = "workstreamsOfWorkPlan";

    private final WorkPlans workPlans;
    private final WorkPlanService service;
    private final Catalogue catalogue;
    private final Pager pager;

    WorkPlanController(WorkPlans workPlans, WorkPlanService service, Catalogue catalogue, Pager pager,
                       BatchLoaderRegistry registry) {
        this.workPlans = workPlans;
        this.service = service;
        this.catalogue = catalogue;
        this.pager = pager;
        registry.<PageKey<Void>, Connection<Workstream>>forName(WORKSTREAMS).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, plans) -> workPlans.workstreamsOf(Viewer.of(env), plans, first.page())));
    }

    record WorkPlanPayload(WorkPlan workPlan, List<UserError> errors) {
    }

    record WorkstreamPayload(Workstream workstream, List<UserError> errors) {
    }

    @QueryMapping
    Mono<Connection<WorkPlan>> workPlans(@Argument Integer first, @Argument String after, @ContextValue Viewer viewer,
                                         DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        return workPlans.list(viewer, pager.request(first, after, WorkPlans.NEWEST_CYCLE_FIRST, selection));
    }

    @QueryMapping
    Mono<WorkPlan> workPlan(@Argument String id, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return workPlans.workPlan(viewer, GlobalId.require(id, ItemType.WORK_PLAN, List.of("id")));
    }

    @SchemaMapping
    CompletableFuture<Connection<Workstream>> workstreams(
            WorkPlan plan, @Argument Integer first, @Argument String after, DataFetchingFieldSelectionSet selection,
            DataLoader<PageKey<Void>, Connection<Workstream>> workstreamsOfWorkPlan) {
        return workstreamsOfWorkPlan.load(new PageKey<>(plan.id(), pager.request(first, after, WorkPlans.OLDEST_FIRST, selection), null));
    }

    /** The plan's own presidency; for a plan without one, the catalogue's holder for its cycle. */
    @BatchMapping
    Mono<Map<WorkPlan, Organisation>> presidency(List<WorkPlan> plans) {
        List<Integer> unset = plans.stream().filter(p -> p.presidencyId() == null).map(WorkPlan::cycle).distinct().toList();
        return catalogue.organisationsById(Batches.keys(plans, WorkPlan::presidencyId))
                .zipWith(catalogue.presidentsOf(unset), (own, byCycle) -> {
                    Map<WorkPlan, Organisation> result = new HashMap<>(Batches.join(plans, WorkPlan::presidencyId, own));
                    plans.stream().filter(p -> p.presidencyId() == null && byCycle.containsKey(p.cycle()))
                            .forEach(p -> result.put(p, byCycle.get(p.cycle())));
                    return result;
                });
    }

    /** The catalogue's holder of the presidency in the cycle after the plan's. */
    @BatchMapping
    Mono<Map<WorkPlan, Organisation>> nextPresidency(List<WorkPlan> plans) {
        return catalogue.presidentsOf(plans.stream().map(p -> p.cycle() + 1).distinct().toList())
                .map(byCycle -> {
                    Map<WorkPlan, Organisation> result = new HashMap<>();
                    plans.stream().filter(p -> byCycle.containsKey(p.cycle() + 1)).forEach(p -> result.put(p, byCycle.get(p.cycle() + 1)));
                    return result;
                });
    }

    @BatchMapping(typeName = "Workstream", field = "workPlan")
    Mono<Map<Workstream, WorkPlan>> workPlanOfWorkstream(List<Workstream> workstreams, BatchLoaderEnvironment env) {
        return workPlans.workPlans(Viewer.of(env), Batches.keys(workstreams, Workstream::workPlanId))
                .map(found -> Batches.join(workstreams, Workstream::workPlanId, found));
    }

    @MutationMapping
    Mono<WorkPlanPayload> createWorkPlan(@Argument CreateWorkPlanInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input), WorkPlanPayload::new);
    }

    @MutationMapping
    Mono<WorkPlanPayload> updateWorkPlan(@Argument UpdateWorkPlanInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), WorkPlanPayload::new);
    }

    @MutationMapping
    Mono<WorkstreamPayload> createWorkstream(@Argument CreateWorkstreamInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.createWorkstream(viewer, input), WorkstreamPayload::new);
    }

    @MutationMapping
    Mono<WorkstreamPayload> updateWorkstream(@Argument UpdateWorkstreamInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.updateWorkstream(viewer, input), WorkstreamPayload::new);
    }
}
