package org.crmhub.item;

import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.database.Params;

import io.r2dbc.spi.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The write path shared by every reservable item: lock the row the viewer may see, check its
 * version, then update only the fields that change. Table and column names come from code, values
 * are bound.
 */
@Component
public class ItemStore {

    private final DatabaseClient db;

    public ItemStore(DatabaseClient db) {
        this.db = db;
    }

    /** The items of {@code ids} that exist and that the viewer may see, by ID: one statement. */
    public <T extends Identified> Mono<java.util.Map<UUID, T>> visibleByIds(
            ItemType type, String columns, Function<Row, T> mapper, Viewer viewer, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("SELECT " + columns + " FROM " + type.table() + " x WHERE x.id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x"))
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> mapper.apply(row)).all()
                .collectMap(Identified::id);
    }

    /**
     * Locks and reads the item for a change, or fails with NOT_FOUND (naming {@code field}) when it
     * does not exist or the viewer may not see it: the two cases answer alike.
     */
    public <T> Mono<T> lockVisible(ItemType type, UUID id, Viewer viewer, String columns, Function<Row, T> mapper,
                                   List<String> field) {
        return db.sql("SELECT " + columns + " FROM " + type.table() + " x WHERE x.id = :id AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " FOR UPDATE")
                .bind("id", id)
                .map((row, meta) -> mapper.apply(row))
                .one()
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(field)));
    }

    /** Fails with CONFLICT when the client's version is not the current one. */
    public static void requireVersion(int current, int expected) {
        if (current != expected) {
            throw new UserErrorException(UserError.conflict());
        }
    }

    /** The changed columns of one item, with their audit-trail entries. */
    public static final class Update {
        private final List<String> assignments = new ArrayList<>();
        private final List<FieldChange> changes = new ArrayList<>();
        private final Params params = Params.of();

        /**
         * Sets {@code column} to {@code after} when it is given and differs from {@code before}.
         *
         * @param field the schema's name for the audit trail
         */
        public <V> Update set(String field, String column, V before, V after, Class<V> type) {
            return set(field, column, before, after, type, before, after);
        }

        /** As {@link #set}, with other values shown in the audit trail (e.g. global IDs for UUIDs). */
        public <V> Update set(String field, String column, V before, V after, Class<V> type,
                              Object auditBefore, Object auditAfter) {
            if (after != null && !after.equals(before)) {
                assignments.add(column + " = :" + column);
                params.with(column, after, type);
                changes.add(new FieldChange(field, auditBefore, auditAfter));
            }
            return this;
        }

        /** Records a change made elsewhere (e.g. in a link table) in the audit trail. */
        public Update note(String field, Object before, Object after) {
            changes.add(new FieldChange(field, before, after));
            return this;
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }

        public List<FieldChange> changes() {
            return List.copyOf(changes);
        }
    }

    /** One field's values before and after, as the audit trail keeps them. */
    public record FieldChange(String field, Object before, Object after) {
    }

    /** Writes the update (if anything changed in the row itself), bumping version and updated_at. */
    public Mono<Void> apply(ItemType type, UUID id, Update update) {
        if (update.assignments.isEmpty()) {
            return update.changes.isEmpty() ? Mono.empty() : touch(type, id);
        }
        String sql = "UPDATE " + type.table() + " SET " + String.join(", ", update.assignments)
                + ", version = version + 1, updated_at = now() WHERE id = :id";
        return update.params.with("id", id).bind(db.sql(sql)).then();
    }

    /** Bumps version and updated_at of an item whose change lives in another table. */
    public Mono<Void> touch(ItemType type, UUID id) {
        return db.sql("UPDATE " + type.table() + " SET version = version + 1, updated_at = now() WHERE id = :id")
                .bind("id", id).then();
    }
}
