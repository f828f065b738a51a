package org.crmhub.suggestion;

import static org.crmhub.errors.Checks.input;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.suggestion.SuggestionService.AddSuggestionInput;
import org.crmhub.suggestion.SuggestionService.AnswerSuggestionInput;
import org.crmhub.task.Task;
import org.crmhub.visibility.VisibilityPolicy;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for suggestions of civil society and their answers. */
@Controller
class SuggestionController {

    private final Suggestions suggestions;
    private final SuggestionService service;
    private final Catalogue catalogue;
    private final Pager pager;

    SuggestionController(Suggestions suggestions, SuggestionService service, Catalogue catalogue, Pager pager) {
        this.suggestions = suggestions;
        this.service = service;
        this.catalogue = catalogue;
        this.pager = pager;
    }

    record SuggestionPayload(Suggestion suggestion, List<UserError> errors) {
    }

    record SuggestionFilter(String organisationId, SuggestionStatus response, String madeAt) {
    }

    record SuggestionStatusCount(SuggestionStatus status, int count) {
    }

    @QueryMapping
    Mono<Connection<Suggestion>> suggestions(@Argument SuggestionFilter filter, @Argument Integer first,
                                             @Argument String after, @ContextValue Viewer viewer,
                                             DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        SuggestionFilter f = filter == null ? new SuggestionFilter(null, null, null) : filter;
        return suggestions.list(viewer, new Suggestions.Filter(
                        GlobalId.optional(f.organisationId(), ItemType.ORGANISATION, List.of("filter", "organisationId")),
                        f.response(), f.madeAt()),
                pager.request(first, after, Suggestions.OLDEST_FIRST, selection));
    }

    @QueryMapping
    Mono<List<SuggestionStatusCount>> suggestionCounts(@Argument String organisationId, @Argument String madeAt,
                                                       @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return suggestions.counts(viewer, new Suggestions.Filter(
                        GlobalId.optional(organisationId, ItemType.ORGANISATION, List.of("organisationId")), null, madeAt))
                .map(counts -> counts.entrySet().stream().map(e -> new SuggestionStatusCount(e.getKey(), e.getValue())).toList());
    }

    @BatchMapping(typeName = "Suggestion", field = "organisation")
    Mono<Map<Suggestion, Organisation>> organisation(List<Suggestion> list) {
        return catalogue.organisationsById(Batches.keys(list, Suggestion::organisationId))
                .map(found -> Batches.join(list, Suggestion::organisationId, found));
    }

    @BatchMapping(typeName = "Suggestion", field = "response")
    Mono<Map<Suggestion, SuggestionResponse>> response(List<Suggestion> list, BatchLoaderEnvironment env) {
        return suggestions.responsesOf(Viewer.of(env), Batches.keys(list, Suggestion::id))
                .map(found -> Batches.join(list, Suggestion::id, found));
    }

    @BatchMapping(typeName = "SuggestionResponse", field = "tasks")
    Mono<Map<SuggestionResponse, List<Task>>> tasks(List<SuggestionResponse> list, BatchLoaderEnvironment env) {
        return suggestions.tasksOf(Viewer.of(env), Batches.keys(list, SuggestionResponse::id))
                .map(found -> Batches.joinLists(list, SuggestionResponse::id, found));
    }

    @MutationMapping
    Mono<SuggestionPayload> addSuggestion(@Argument AddSuggestionInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.add(viewer, input), SuggestionPayload::new);
    }

    @MutationMapping
    Mono<SuggestionPayload> answerSuggestion(@Argument AnswerSuggestionInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.answer(viewer, input), SuggestionPayload::new);
    }
}
