package org.crmhub.catalogue;

import org.crmhub.database.Batches;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The catalogue's queries: organisations and the presidency's succession, public reference data
 * for every signed-in user. The decisions' query is in followup (its filter reads their tasks).
 */
@Controller
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @QueryMapping
    Flux<PresidencyTerm> presidencies() {
        return catalogue.presidencies();
    }

    @BatchMapping(typeName = "PresidencyTerm", field = "country")
    Mono<Map<PresidencyTerm, Organisation>> presidencyCountry(List<PresidencyTerm> terms) {
        return catalogue.organisationsById(Batches.keys(terms, PresidencyTerm::organisationId))
                .map(found -> Batches.join(terms, PresidencyTerm::organisationId, found));
    }

    @BatchMapping(typeName = "PresidencyTerm", field = "decision")
    Mono<Map<PresidencyTerm, Decision>> presidencyDecision(List<PresidencyTerm> terms) {
        return catalogue.decisionsById(Batches.keys(terms, PresidencyTerm::decisionId))
                .map(found -> Batches.join(terms, PresidencyTerm::decisionId, found));
    }

    @QueryMapping
    Flux<Organisation> organisations(@Argument String kind) {
        return catalogue.organisations(kind);
    }

    @BatchMapping
    Mono<Map<Organisation, Organisation>> network(List<Organisation> organisations) {
        return catalogue.organisationsById(Batches.keys(organisations, Organisation::networkId))
                .map(found -> Batches.join(organisations, Organisation::networkId, found));
    }
}
