package org.crmhub.contribution;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.contribution.ContributionService.CreateContributionInput;
import org.crmhub.contribution.ContributionService.RecordPaymentInput;
import org.crmhub.contribution.ContributionService.UpdateContributionInput;
import org.crmhub.contribution.Contributions.ContributionTotal;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL for contributions to the Technical Secretariat's budget and their payments. */
@Controller
class ContributionController {

    private final Contributions contributions;
    private final ContributionService service;
    private final Catalogue catalogue;
    private final Pager pager;

    ContributionController(Contributions contributions, ContributionService service, Catalogue catalogue, Pager pager) {
        this.contributions = contributions;
        this.service = service;
        this.catalogue = catalogue;
        this.pager = pager;
    }

    record ContributionPayload(Contribution contribution, List<UserError> errors) {
    }

    @QueryMapping
    Mono<Connection<Contribution>> contributions(@Argument Integer cycle, @Argument Integer first, @Argument String after,
                                                 @ContextValue Viewer viewer, DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        return contributions.list(viewer, cycle, pager.request(first, after, Contributions.OLDEST_FIRST, selection));
    }

    @QueryMapping
    Flux<ContributionTotal> contributionTotals(@Argument Integer cycle, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return contributions.totals(viewer, cycle);
    }

    @BatchMapping(typeName = "Contribution", field = "country")
    Mono<Map<Contribution, Organisation>> country(List<Contribution> list) {
        return catalogue.organisationsById(Batches.keys(list, Contribution::organisationId))
                .map(found -> Batches.join(list, Contribution::organisationId, found));
    }

    @BatchMapping(typeName = "Contribution", field = "payments")
    Mono<Map<Contribution, List<ContributionPayment>>> payments(List<Contribution> list, BatchLoaderEnvironment env) {
        return contributions.paymentsOf(Viewer.of(env), Batches.keys(list, Contribution::id))
                .map(found -> Batches.joinLists(list, Contribution::id, found));
    }

    @MutationMapping
    Mono<ContributionPayload> createContribution(@Argument CreateContributionInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input), ContributionPayload::new);
    }

    @MutationMapping
    Mono<ContributionPayload> updateContribution(@Argument UpdateContributionInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), ContributionPayload::new);
    }

    @MutationMapping
    Mono<ContributionPayload> recordContributionPayment(@Argument RecordPaymentInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.recordPayment(viewer, input), ContributionPayload::new);
    }
}
