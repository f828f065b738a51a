package org.crmhub.node;

import static org.crmhub.errors.Checks.input;

import java.util.UUID;
import org.crmhub.audit.AuditTrail;
import org.crmhub.security.Viewer;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemStore;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * setVisibility: a government role classifies an item OPEN or RESERVED. The database re-derives
 * the effective reservation of everything under the item in the same transaction (migration V2).
 */
@Service
class Classification {

    private final DatabaseClient db;
    private final AuditTrail audit;
    private final Transactions tx;

    Classification(DatabaseClient db, AuditTrail audit, Transactions tx) {
        this.db = db;
        this.audit = audit;
        this.tx = tx;
    }

    record SetVisibilityInput(String id, Integer expectedVersion, String visibility) {
    }

    private record Current(String visibility, int version) {
    }

    /** The classified item's type and ID. */
    Mono<GlobalId> setVisibility(Viewer viewer, SetVisibilityInput in) {
        return Mono.defer(() -> {
            GlobalId item = GlobalId.parse(in.id())
                    .orElseThrow(() -> new UserErrorException(UserError.invalid(input("id"), "Not a valid ID.")));
            if (!item.type().reservable()) {
                throw new UserErrorException(UserError.invalid(input("id"),
                        "Catalogue entries are always public and cannot be classified."));
            }
            String table = item.type().table();
            UUID id = item.id();
            return tx.run(db.sql("SELECT x.visibility, x.version FROM " + table + " x WHERE x.id = :id AND "
                            + VisibilityPolicy.rowFilter(viewer, "x") + " FOR UPDATE")
                    .bind("id", id)
                    .map((row, meta) -> new Current(row.get("visibility", String.class), row.get("version", Integer.class)))
                    .one()
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("id"))))
                    .flatMap(current -> {
                        VisibilityPolicy.require(viewer, Action.CLASSIFY, false);
                        ItemStore.requireVersion(current.version(), in.expectedVersion());
                        if (current.visibility().equals(in.visibility())) {
                            return Mono.just(item);
                        }
                        return db.sql("UPDATE " + table + " SET visibility = :visibility, version = version + 1,"
                                        + " updated_at = now() WHERE id = :id")
                                .bind("visibility", in.visibility()).bind("id", id).then()
                                .then(audit.classified(viewer, item.type(), id, current.visibility(), in.visibility()))
                                .thenReturn(item);
                    }));
        });
    }

}
