package org.crmhub.node;

import java.util.List;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.node.Classification.SetVisibilityInput;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Global object identification (node, nodes), the viewer, and classification. */
@Controller
class NodeController {

    private final Nodes nodes;
    private final Classification classification;
    private final Catalogue catalogue;

    NodeController(Nodes nodes, Classification classification, Catalogue catalogue) {
        this.nodes = nodes;
        this.classification = classification;
        this.catalogue = catalogue;
    }

    record NodePayload(Object node, List<UserError> errors) {
    }

    /** What the schema's Viewer shows of the signed-in user. */
    record ViewerInfo(String username, List<String> roles, boolean canSeeReserved, List<String> organisationCodes) {
    }

    @QueryMapping
    ViewerInfo viewer(@ContextValue Viewer viewer) {
        return new ViewerInfo(viewer.username(), viewer.roles().stream().map(r -> r.claimValue()).toList(),
                VisibilityPolicy.canSeeReserved(viewer), viewer.organisationCodes());
    }

    @SchemaMapping(typeName = "Viewer")
    Mono<Organisation> organisation(ViewerInfo viewer) {
        return viewer.organisationCodes().isEmpty() ? Mono.empty()
                : catalogue.organisationByCode(viewer.organisationCodes().get(0));
    }

    @QueryMapping
    Mono<Object> node(@Argument String id, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        return nodes.find(viewer, List.of(id)).mapNotNull(found -> found.get(0));
    }

    @QueryMapping(name = "nodes")
    Mono<List<Object>> nodeList(@Argument List<String> ids, @ContextValue Viewer viewer) {
        VisibilityPolicy.requireRead(viewer);
        if (ids.size() > 100) {
            throw new UserErrorException(UserError.invalid(List.of("ids"), "error.tooManyIds", "100"));
        }
        return nodes.find(viewer, ids);
    }

    @MutationMapping
    Mono<NodePayload> setVisibility(@Argument SetVisibilityInput input, @ContextValue Viewer viewer) {
        return Payloads.of(classification.setVisibility(viewer, input), NodePayload::new);
    }
}
