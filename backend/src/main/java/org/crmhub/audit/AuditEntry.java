package org.crmhub.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One entry of the audit trail, as the schema shows it. */
public record AuditEntry(UUID id, String action, String actor, OffsetDateTime at, List<FieldChange> changes) {

    /** A field's value before and after, as JSON text. */
    public record FieldChange(String field, String before, String after) {
    }
}
