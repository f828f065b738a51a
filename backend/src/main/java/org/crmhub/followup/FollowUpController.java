package org.crmhub.followup;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Decision;
import org.crmhub.followup.DecisionImplementation.Status;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.TaskQuery;
import org.crmhub.task.TaskQuery.TaskFilter;
import org.crmhub.task.TaskQuery.TaskOrder;
import org.crmhub.task.Tasks;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * GraphQL for the follow-up of decisions: the decisions' list and, on each decision, its tasks and
 * its implementation. Decisions themselves are public; their tasks and figures are what the viewer
 * may see of them (nothing for a role without access to work-plan data).
 */
@Controller
class FollowUpController {

    private static final String TASKS_OF_DECISION = "tasksOfDecision";

    record DecisionFilter(String meeting, List<Status> status) {
    }

    private final Catalogue catalogue;
    private final DecisionFollowUp followUp;
    private final Pager pager;

    FollowUpController(Catalogue catalogue, DecisionFollowUp followUp, Tasks tasks, Pager pager, BatchLoaderRegistry registry) {
        this.catalogue = catalogue;
        this.followUp = followUp;
        this.pager = pager;
        registry.<PageKey<TaskFilter>, Connection<Task>>forName(TASKS_OF_DECISION).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, decisions) ->
                        tasks.tasksOfDecisions(Viewer.of(env), decisions, first.filter(), first.page())));
    }

    /** The decisions, of one meeting if asked; with a status, those whose implementation (as the viewer sees it) has it. */
    @QueryMapping
    Flux<Decision> decisions(@Argument DecisionFilter filter, @ContextValue Viewer viewer) {
        Flux<Decision> decisions = catalogue.decisions(filter == null ? null : filter.meeting());
        if (filter == null || filter.status() == null) {
            return decisions;
        }
        return decisions.collectList().flatMapMany(all -> followUp.implementations(viewer,
                        all.stream().map(Decision::id).collect(Collectors.toList()))
                .flatMapMany(implementations -> Flux.fromIterable(all)
                        .filter(d -> filter.status().contains(implementations.get(d.id()).status()))));
    }

    @SchemaMapping(typeName = "Decision", field = "tasks")
    CompletableFuture<Connection<Task>> tasks(Decision decision, @Argument Integer first, @Argument String after,
                                              @Argument TaskFilter filter, @Argument TaskOrder orderBy,
                                              DataFetchingFieldSelectionSet selection,
                                              DataLoader<PageKey<TaskFilter>, Connection<Task>> tasksOfDecision) {
        var page = pager.request(first, after, TaskQuery.ordering(orderBy), selection);
        return tasksOfDecision.load(new PageKey<>(decision.id(), page, filter));
    }

    @BatchMapping(typeName = "Decision", field = "implementation")
    Mono<Map<Decision, DecisionImplementation>> implementation(List<Decision> decisions, BatchLoaderEnvironment env) {
        return followUp.implementations(Viewer.of(env), decisions.stream().map(Decision::id).distinct().toList())
                .map(found -> decisions.stream().distinct().collect(Collectors.toMap(d -> d, d -> found.get(d.id()))));
    }
}
