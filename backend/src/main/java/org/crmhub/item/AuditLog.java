package org.crmhub.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.security.Viewer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writing side of the audit trail: one {@code audit_entry} per change, in the change's
 * transaction, naming who, which item and each changed field's before and after. Only
 * {@link ItemWrites} calls it, so no write path can forget its entry; the {@code audit} feature
 * reads the entries back ({@code history}). An entry is exactly as reserved as its item: the
 * database keeps the flag in step (migration V2).
 */
@Component
class AuditLog {

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> created(Viewer actor, ItemType type, UUID id, List<FieldChange> fields) {
        return write(actor, type, id, "CREATED", fields);
    }

    /** Nothing for an update that changed nothing. */
    Mono<Void> updated(Viewer actor, ItemType type, UUID id, List<FieldChange> changes) {
        return changes.isEmpty() ? Mono.empty() : write(actor, type, id, "UPDATED", changes);
    }

    Mono<Void> classified(Viewer actor, ItemType type, UUID id, List<FieldChange> changes) {
        return write(actor, type, id, "CLASSIFIED", changes);
    }

    /**
     * @param wasReserved the item's last state: with the item gone, the database cannot derive the
     *                    entry's flag any more, and a deleted item's entries stay as reserved as it was
     */
    Mono<Void> deleted(Viewer actor, ItemType type, UUID id, boolean wasReserved) {
        return db.sql("""
                        INSERT INTO audit_entry (subject_type, subject_id, action, actor, reserved)
                        VALUES (:type, :id, 'DELETED', :actor, :reserved)""")
                .bind("type", type.table()).bind("id", id).bind("actor", actor.username()).bind("reserved", wasReserved)
                .then();
    }

    private Mono<Void> write(Viewer actor, ItemType type, UUID id, String action, List<FieldChange> changes) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (FieldChange change : changes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", change.field());
            entry.put("before", change.before());
            entry.put("after", change.after());
            entries.add(entry);
        }
        return db.sql("""
                        INSERT INTO audit_entry (subject_type, subject_id, action, actor, changes)
                        VALUES (:type, :id, :action, :actor, CAST(:changes AS jsonb))""")
                .bind("type", type.table()).bind("id", id).bind("action", action).bind("actor", actor.username())
                .bind("changes", json.writeValueAsString(entries))
                .then();
    }
}
