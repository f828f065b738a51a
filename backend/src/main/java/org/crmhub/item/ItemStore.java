package org.crmhub.item;

import io.r2dbc.spi.Row;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads items by ID through the viewer's visibility: what the features' readers share. Writes go
 * through {@link ItemWrites}.
 */
@Component
public class ItemStore {

    private final DatabaseClient db;

    public ItemStore(DatabaseClient db) {
        this.db = db;
    }

    /** The items of {@code ids} that exist and that the viewer may see, by ID: one statement. */
    public <T extends Identified> Mono<Map<UUID, T>> visibleByIds(
            ItemType type, String columns, Function<Row, T> mapper, Viewer viewer, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT " + columns + " FROM " + type.table() + " x WHERE x.id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x"))
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> mapper.apply(row)).all()
                .collectMap(Identified::id);
    }
}
