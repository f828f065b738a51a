package org.crmhub.item;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one write path for reservable items. Every mutation of a work plan, workstream, task,
 * resource, indicator, progress report or comment goes through here, so each runs the same chain
 * in one transaction ({@link Transactions#run}, retried on deadlock):
 *
 * <ol>
 *   <li>find the item (locked {@code FOR UPDATE}) or its parent through the viewer's visibility:
 *       NOT_FOUND when missing or invisible, the two answering alike, and always before FORBIDDEN;</li>
 *   <li>check the permission for the action ({@link VisibilityPolicy#require}) and, for a new item,
 *       that only classifying roles create it RESERVED;</li>
 *   <li>compare the client's version (CONFLICT);</li>
 *   <li>let the feature validate and describe the change ({@link Editor}, {@link Insert}), with its
 *       side writes;</li>
 *   <li>write the row (an update bumps {@code version} and {@code updated_at});</li>
 *   <li>write the audit entry ({@link AuditLog});</li>
 *   <li>read the item back through the feature's reader, so the payload shows what the viewer may see.</li>
 * </ol>
 *
 * A {@link UserErrorException} at any step rolls the whole transaction back. The change events of
 * the live layer follow from the row writes (triggers, migration V5). Table and column names come
 * from code; every value is bound.
 */
@Component
public class ItemWrites {

    private final DatabaseClient db;
    private final Transactions tx;
    private final AuditLog audit;

    ItemWrites(DatabaseClient db, Transactions tx, AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * The existing item a mutation names.
     *
     * @param field           the input field that named it: NOT_FOUND points there
     * @param expectedVersion the version the client last read; null only for {@link #unversioned}
     */
    public record Target<T extends Reservable>(ItemRows<T> rows, UUID id, List<String> field, Integer expectedVersion) {

        public static <T extends Reservable> Target<T> of(ItemRows<T> rows, UUID id, List<String> field,
                                                          int expectedVersion) {
            return new Target<>(rows, id, field, expectedVersion);
        }

        /**
         * A change that adds to the item rather than edits what another client may be editing
         * (recording an indicator's value): the schema asks for no version, so none is compared.
         */
        public static <T extends Reservable> Target<T> unversioned(ItemRows<T> rows, UUID id, List<String> field) {
            return new Target<>(rows, id, field, null);
        }
    }

    /**
     * Where a new item goes: the lookup of its parent through the viewer's visibility (empty when
     * missing or invisible, which answers NOT_FOUND on {@code field}).
     */
    public record Parent<P extends Reservable>(Mono<P> lookup, List<String> field, boolean topLevel) {

        private static final Reservable HUB = new ItemRows.Common(new UUID(0, 0), "OPEN", false, 0);

        public static <P extends Reservable> Parent<P> of(Mono<? extends P> visibleLookup, List<String> field) {
            return new Parent<>(Mono.from(visibleLookup), field, false);
        }

        /**
         * No parent (a work plan): the hub itself is the parent. It exists and is open to every
         * reader, so the role alone decides, and roles that read no work-plan data at all get
         * FORBIDDEN rather than NOT_FOUND.
         */
        public static Parent<Reservable> none() {
            return new Parent<>(Mono.just(HUB), null, true);
        }
    }

    /** A feature's part in an update. */
    @FunctionalInterface
    public interface Editor<T> {
        /**
         * Validates the change against the locked row (throwing a {@link UserErrorException}),
         * fills {@code update}, and returns the side writes (link tables, child rows; never null,
         * {@code Mono.empty()} for none). They run before the row is updated, and may still add
         * notes to {@code update}.
         */
        Mono<Void> edit(T current, Update update);
    }

    /** Changes an existing item; {@code readBack} reads the result the viewer gets. */
    public <T extends Reservable, R> Mono<R> update(Viewer viewer, Action action, Target<T> target, Editor<T> editor,
                                                    Function<UUID, Mono<R>> readBack) {
        ItemType type = target.rows().type();
        UUID id = target.id();
        return tx.run(once(viewer, lock(viewer, action, target).flatMap(current -> {
            Update update = new Update();
            return editor.edit(current, update)
                    .then(Mono.defer(() -> apply(type, id, update)))
                    .then(Mono.defer(() -> audit.updated(viewer, type, id, update.changes())))
                    .thenReturn(id);
        })).flatMap(readBack));
    }

    /** Deletes an existing item; the ID of the deleted item. */
    public <T extends Reservable> Mono<UUID> delete(Viewer viewer, Action action, Target<T> target) {
        ItemType type = target.rows().type();
        UUID id = target.id();
        return tx.run(once(viewer, lock(viewer, action, target).flatMap(current ->
                db.sql("DELETE FROM " + type.table() + " WHERE id = :id").bind("id", id).then()
                        // the entry keeps the item's reservation, which nothing can derive any more
                        .then(audit.deleted(viewer, type, id, current.reserved()))
                        .thenReturn(id))));
    }

    /**
     * setVisibility: the item's own visibility becomes {@code visibility}. The database re-derives
     * the effective reservation of everything under it in the same transaction (migration V2).
     * Setting the visibility it already has writes nothing.
     */
    public <T extends Reservable, R> Mono<R> classify(Viewer viewer, Target<T> target, String visibility,
                                                      Function<UUID, Mono<R>> readBack) {
        ItemType type = target.rows().type();
        UUID id = target.id();
        return tx.run(once(viewer, lock(viewer, Action.CLASSIFY, target).flatMap(current -> {
            Update update = new Update().set("visibility", "visibility", current.visibility(), visibility, String.class);
            return apply(type, id, update)
                    .then(update.isEmpty() ? Mono.empty() : audit.classified(viewer, type, id, update.changes()))
                    .thenReturn(id);
        })).flatMap(readBack));
    }

    /**
     * Creates an item under a visible parent, with the visibility the {@link Insert} asks for;
     * {@code readBack} reads the new item the viewer gets.
     */
    public <P extends Reservable, R> Mono<R> create(Viewer viewer, Action action, Parent<P> parent,
                                                    Function<P, Insert> describe, Function<UUID, Mono<R>> readBack) {
        return tx.run(once(viewer, parent.lookup()
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(parent.field())))
                .flatMap(found -> {
                    if (parent.topLevel()) {
                        VisibilityPolicy.requireRead(viewer);
                    }
                    VisibilityPolicy.require(viewer, action, found.reserved());
                    Insert insert = describe.apply(found);
                    VisibilityPolicy.requireMayCreateWith(viewer, insert.visibility());
                    return insert.checks()
                            .then(Mono.defer(() -> insert(viewer, insert)))
                            .flatMap(id -> insert.alsoWrites(id)
                                    .then(Mono.defer(() -> audit.created(viewer, insert.type(), id, insert.auditFields())))
                                    .thenReturn(id));
                })).flatMap(readBack));
    }

    /**
     * Runs a change at most once per idempotency key: when the request carries a
     * {@link IdempotencyKey} (in the Reactor context), a receipt is inserted first, in the
     * change's own transaction. If the viewer's receipt for that key already exists, the change
     * was committed before: nothing is applied again, and the item it named is the answer (read
     * back through the viewer's visibility as now). A duplicate still in flight waits on the
     * receipt's key until the first commits or rolls back. A key reused for another mutation is a
     * VALIDATION error.
     */
    /**
     * {@link #once} for a change a feature writes itself, in its own transaction (registrations
     * for events, which are not items): the receipt is written in that transaction, so it exists
     * exactly when the change does. {@code change} answers the ID a retry is answered with.
     */
    public Mono<UUID> atMostOnce(Viewer viewer, Mono<UUID> change) {
        return once(viewer, change);
    }

    private Mono<UUID> once(Viewer viewer, Mono<UUID> change) {
        return Mono.deferContextual(context -> {
            IdempotencyKey key = context.getOrDefault(IdempotencyKey.class, null);
            if (key == null) {
                return change;
            }
            return db.sql("""
                            INSERT INTO mutation_receipt (subject, client_mutation_id, mutation) VALUES (:subject, :key, :mutation)
                            ON CONFLICT DO NOTHING RETURNING subject""")
                    .bind("subject", viewer.username()).bind("key", key.clientMutationId()).bind("mutation", key.mutation())
                    .map((row, meta) -> true).one()
                    .flatMap(first -> change.flatMap(id -> db.sql("UPDATE mutation_receipt SET item_id = :id"
                                    + " WHERE subject = :subject AND client_mutation_id = :key")
                            .bind("id", id).bind("subject", viewer.username()).bind("key", key.clientMutationId())
                            .then().thenReturn(id)))
                    .switchIfEmpty(Mono.defer(() -> db.sql("SELECT mutation, item_id FROM mutation_receipt"
                                    + " WHERE subject = :subject AND client_mutation_id = :key")
                            .bind("subject", viewer.username()).bind("key", key.clientMutationId())
                            .map((row, meta) -> {
                                if (!key.mutation().equals(row.get("mutation", String.class))) {
                                    throw new UserErrorException(UserError.invalid(List.of("input", "clientMutationId"), "error.keyReused"));
                                }
                                return row.get("item_id", UUID.class);
                            })
                            .one()));
        });
    }

    /**
     * Locks and reads the item for a change, then checks permission and version, in this order:
     * NOT_FOUND (missing and invisible alike), FORBIDDEN, CONFLICT.
     */
    private <T extends Reservable> Mono<T> lock(Viewer viewer, Action action, Target<T> target) {
        ItemRows<T> rows = target.rows();
        return db.sql("SELECT " + rows.columns() + " FROM " + rows.type().table() + " x WHERE x.id = :id AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " FOR UPDATE")
                .bind("id", target.id())
                .map((row, meta) -> rows.mapper().apply(row))
                .one()
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(target.field())))
                .map(current -> {
                    VisibilityPolicy.require(viewer, action, current.reserved());
                    if (target.expectedVersion() != null && current.version() != target.expectedVersion()) {
                        throw new UserErrorException(UserError.conflict());
                    }
                    return current;
                });
    }

    /** Writes the update (if anything changed in the row itself), bumping version and updated_at. */
    private Mono<Void> apply(ItemType type, UUID id, Update update) {
        if (update.assignments().isEmpty()) {
            // a change that lives in another table (links, values) still makes a new version
            return update.isEmpty() ? Mono.empty()
                    : db.sql("UPDATE " + type.table() + " SET version = version + 1, updated_at = now() WHERE id = :id")
                            .bind("id", id).then();
        }
        String sql = "UPDATE " + type.table() + " SET " + String.join(", ", update.assignments())
                + ", version = version + 1, updated_at = now() WHERE id = :id";
        return update.params().with("id", id).bind(db.sql(sql)).then();
    }

    private Mono<UUID> insert(Viewer viewer, Insert insert) {
        List<String> columns = insert.columns();
        String sql = "INSERT INTO " + insert.type().table() + " (" + String.join(", ", columns)
                + (columns.isEmpty() ? "" : ", ") + "visibility, created_by) VALUES ("
                + String.join(", ", columns.stream().map(c -> ":" + c).toList())
                + (columns.isEmpty() ? "" : ", ") + ":visibility, :created_by) RETURNING id";
        return insert.params().with("visibility", insert.visibility()).with("created_by", viewer.username())
                .bind(db.sql(sql))
                .map((row, meta) -> row.get("id", UUID.class)).one();
    }
}
