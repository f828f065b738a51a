package org.crmhub.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trail. The entries are written by the write path ({@code item/AuditLog}), one
 * per change in the change's transaction. An entry is exactly as reserved as its item (the
 * database keeps the flag in step, migration V2), so reading it needs no rule of its own.
 */
@Component
public class AuditTrail {

    /** Newest first. */
    public static final Ordering NEWEST_FIRST = new Ordering("AT:DESC", "x.at", "timestamptz", true);

    private final Pager pager;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditTrail(Pager pager) {
        this.pager = pager;
    }

    /** The entries of each item, newest first, one statement for all the items. */
    public Mono<Map<UUID, Connection<AuditEntry>>> history(Viewer viewer, Collection<UUID> itemIds, PageRequest page) {
        var query = new Pager.ListQuery("x.id, x.action, x.actor, x.at, x.changes::text AS changes",
                "audit_entry", VisibilityPolicy.rowFilter(viewer, "x"), "x.subject_id");
        return pager.fetch(query, Params.of(), page, itemIds,
                row -> new AuditEntry(row.get("id", UUID.class), row.get("action", String.class),
                        row.get("actor", String.class), row.get("at", OffsetDateTime.class),
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
