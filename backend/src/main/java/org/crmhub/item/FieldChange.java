package org.crmhub.item;

/**
 * One field's value before and after a change, as the audit trail keeps it: the schema's field
 * name, and values as the schema shows them (global IDs for references, plain text for amounts).
 */
public record FieldChange(String field, Object before, Object after) {
}
