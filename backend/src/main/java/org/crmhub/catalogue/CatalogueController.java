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

/** The catalogue's queries: decisions and organisations, public reference data for every signed-in user. */
@Controller
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @QueryMapping
    Flux<Decision> decisions() {
        return catalogue.decisions();
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
