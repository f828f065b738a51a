/**
 * The audit trail's reading side: the batched {@code history} field of the types that show it
 * ({@link org.crmhub.item.ItemType.Shows#HISTORY}). The entries themselves are written by the write
 * path in {@code item} ({@code AuditLog}), in each change's transaction.
 */
package org.crmhub.audit;
