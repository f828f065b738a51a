/**
 * The audit trail: one entry per change, written in the change's transaction, with who, when and
 * each field's value before and after. Also the batched {@code history} field of the audited types.
 */
package org.crmhub.audit;
