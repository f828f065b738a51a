package org.crmhub.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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
        var networkIds = organisations.stream().map(Organisation::networkId).filter(Objects::nonNull).collect(Collectors.toSet());
        return catalogue.organisationsById(networkIds).map(networks -> organisations.stream()
                .filter(o -> o.networkId() != null && networks.containsKey(o.networkId()))
                .collect(Collectors.toMap(o -> o, o -> networks.get(o.networkId()), (a, b) -> a)));
    }
}
