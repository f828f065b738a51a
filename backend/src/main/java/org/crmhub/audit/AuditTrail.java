package org.crmhub.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.security.Viewer;
import org.crmhub.paging.Connection;
import org.crmhub.item.ItemStore.FieldChange;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.database.Params;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail: every mutation writes one entry, in its own transaction, naming who, when,
 * which item and each changed field's before and after. An entry is exactly as reserved as its
 * item (the database keeps the flag in step, migration V2), so reading it needs no rule of its own.
 */
@Component
public class AuditTrail {

    /** Newest first. */
    public static final Ordering NEWEST_FIRST = new Ordering("AT:DESC", "a.at", "timestamptz", true);

    private final DatabaseClient db;
    private final Pager pager;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditTrail(DatabaseClient db, Pager pager) {
        this.db = db;
        this.pager = pager;
    }

    public Mono<Void> created(Viewer actor, ItemType type, UUID id, List<FieldChange> fields) {
        return write(actor, type, id, "CREATED", fields);
    }

    public Mono<Void> updated(Viewer actor, ItemType type, UUID id, List<FieldChange> changes) {
        return changes.isEmpty() ? Mono.empty() : write(actor, type, id, "UPDATED", changes);
    }

    public Mono<Void> classified(Viewer actor, ItemType type, UUID id, String before, String after) {
        return write(actor, type, id, "CLASSIFIED", List.of(new FieldChange("visibility", before, after)));
    }

    /** @param wasReserved the item's last state: a deleted item's entries stay as reserved as it was */
    public Mono<Void> deleted(Viewer actor, ItemType type, UUID id, boolean wasReserved) {
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

    /** The entries of each item, newest first, one statement for all the items. */
    public Mono<Map<UUID, Connection<AuditEntry>>> history(Viewer viewer, Collection<UUID> itemIds, PageRequest page) {
        var query = new Pager.ListQuery("a.id, a.action, a.actor, a.at, a.changes::text AS changes",
                "audit_entry a", "a.subject_id = ANY(:items) AND " + VisibilityPolicy.rowFilter(viewer, "a"),
                "a.subject_id");
        return pager.fetch(query, Params.of().with("items", itemIds.toArray(UUID[]::new)), page, itemIds,
                row -> new AuditEntry(row.get("id", UUID.class), row.get("action", String.class),
                        row.get("actor", String.class), row.get("at", java.time.OffsetDateTime.class),
                        parse(row.get("changes", String.class))));
    }

    private List<AuditEntry.FieldChange> parse(String changes) {
        List<AuditEntry.FieldChange> result = new ArrayList<>();
        for (JsonNode node : json.readTree(changes)) {
            result.add(new AuditEntry.FieldChange(node.get("field").asString(),
                    text(node.get("before")), text(node.get("after"))));
        }
        return result;
    }

    private String text(JsonNode value) {
        return value == null || value.isNull() ? null : json.writeValueAsString(value);
    }
}
