package org.crmhub.node;

import static org.crmhub.errors.Checks.input;

import java.util.List;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.security.Viewer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * setVisibility: a government role classifies an item OPEN or RESERVED, through the write path
 * ({@link ItemWrites#classify}). The database re-derives the effective reservation of everything
 * under the item in the same transaction (migration V2).
 */
@Service
class Classification {

    private final ItemWrites writes;
    private final Nodes nodes;

    Classification(ItemWrites writes, Nodes nodes) {
        this.writes = writes;
        this.nodes = nodes;
    }

    record SetVisibilityInput(String id, Integer expectedVersion, String visibility) {
    }

    /** The classified item, as the viewer now sees it. */
    Mono<Object> setVisibility(Viewer viewer, SetVisibilityInput in) {
        return Mono.defer(() -> {
            GlobalId item = GlobalId.parse(in.id())
                    .orElseThrow(() -> new UserErrorException(UserError.invalid(input("id"), "error.invalidId")));
            if (!item.type().reservable()) {
                throw new UserErrorException(UserError.invalid(input("id"), "error.catalogueIsPublic"));
            }
            if (item.type() == ItemType.SUGGESTION || item.type() == ItemType.SUGGESTION_RESPONSE) {
                // a suggestion is always OPEN; its answer is classified with answerSuggestion's visibility
                throw new UserErrorException(UserError.invalid(input("id"), "error.classifyTheAnswer"));
            }
            // any reservable type can be classified, so the lock reads only what they all share
            return writes.classify(viewer,
                    Target.of(ItemRows.common(item.type()), item.id(), input("id"), in.expectedVersion()),
                    in.visibility(),
                    id -> nodes.find(viewer, List.of(GlobalId.encode(item.type(), id))).mapNotNull(found -> found.get(0)));
        });
    }
}
