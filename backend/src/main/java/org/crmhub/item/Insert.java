package org.crmhub.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.crmhub.database.Params;
import reactor.core.publisher.Mono;

/**
 * A new reservable item as a feature describes it to {@link ItemWrites#create}: its columns, which
 * of them the CREATED audit entry shows, the checks that must pass before it is written, and the
 * rows written with it. {@link ItemWrites} adds {@code visibility} and {@code created_by} itself,
 * because it is the one that checks who may create a RESERVED item and who is acting.
 */
public final class Insert {

    /** Columns the write path owns (or the database derives); a feature never sets them. */
    private static final Set<String> OWNED = Set.of("id", "visibility", "created_by", "reserved", "version",
            "created_at", "updated_at");

    private final ItemType type;
    private final String visibility;
    private final List<String> columns = new ArrayList<>();
    private final List<FieldChange> shown = new ArrayList<>();
    private final Params params = Params.of();
    private Mono<Void> checks = Mono.empty();
    private Function<UUID, Mono<Void>> alsoWrites = id -> Mono.empty();

    /** @param visibility as the client asked for it; null means OPEN */
    public Insert(ItemType type, String visibility) {
        if (!type.reservable()) {
            throw new IllegalArgumentException(type + " is not reservable");
        }
        this.type = type;
        this.visibility = visibility == null ? "OPEN" : visibility;
    }

    /** A column the audit entry does not show (parents, references, state set by the system). */
    public <V> Insert value(String column, V value, Class<V> javaType) {
        if (OWNED.contains(column)) {
            throw new IllegalArgumentException(column + " is set by the write path");
        }
        columns.add(column);
        params.with(column, value, javaType);
        return this;
    }

    /** A column the CREATED audit entry shows as {@code field}, with its value. */
    public <V> Insert shown(String field, String column, V value, Class<V> javaType) {
        return shown(field, column, value, javaType, value);
    }

    /** As {@link #shown(String, String, Object, Class)}, showing another value (e.g. an amount as plain text). */
    public <V> Insert shown(String field, String column, V value, Class<V> javaType, Object shownAs) {
        value(column, value, javaType);
        shown.add(new FieldChange(field, null, shownAs));
        return this;
    }

    /**
     * Checks to run once the permission is established and before the row is written, such as
     * "the referenced organisation exists": a forbidden caller learns nothing from them.
     */
    public Insert requires(Mono<Void> check) {
        checks = checks.then(check);
        return this;
    }

    /** Rows written with the item, in its transaction (e.g. link tables), given its new ID. */
    public Insert alsoWrites(Function<UUID, Mono<Void>> writes) {
        Function<UUID, Mono<Void>> before = alsoWrites;
        alsoWrites = id -> before.apply(id).then(Mono.defer(() -> writes.apply(id)));
        return this;
    }

    ItemType type() {
        return type;
    }

    String visibility() {
        return visibility;
    }

    List<String> columns() {
        return columns;
    }

    Params params() {
        return params;
    }

    Mono<Void> checks() {
        return checks;
    }

    Mono<Void> alsoWrites(UUID id) {
        return alsoWrites.apply(id);
    }

    /** What the CREATED entry shows: the feature's fields, then the visibility the item was created with. */
    List<FieldChange> auditFields() {
        List<FieldChange> fields = new ArrayList<>(shown);
        fields.add(new FieldChange("visibility", null, visibility));
        return fields;
    }
}
