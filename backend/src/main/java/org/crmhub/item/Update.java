package org.crmhub.item;

import java.util.ArrayList;
import java.util.List;
import org.crmhub.database.Params;

/**
 * The changed columns of one item and their audit-trail entries, filled by a feature's editor
 * ({@link ItemWrites.Editor}) and written by {@link ItemWrites}. Only fields that really change are
 * kept, so an update that changes nothing writes nothing and leaves no audit entry.
 */
public final class Update {

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

    /**
     * Sets {@code column} to {@code after}, which may be null (clearing it), when the two differ;
     * for optional fields a client may remove.
     */
    public <V> Update replace(String field, String column, V before, V after, Class<V> type) {
        if (!java.util.Objects.equals(after, before)) {
            assignments.add(column + " = :" + column);
            params.with(column, after, type);
            changes.add(new FieldChange(field, before, after));
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

    /** The {@code column = :column} assignments; column names come from code, never from input. */
    List<String> assignments() {
        return assignments;
    }

    Params params() {
        return params;
    }
}
