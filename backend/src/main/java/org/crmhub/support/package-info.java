/**
 * Shared plumbing that every feature uses: Relay global IDs ({@link org.crmhub.support.GlobalId}),
 * cursor connections with keyset paging in one statement per level ({@link org.crmhub.support.Pager},
 * {@link org.crmhub.support.PageKey}), the Date, DateTime and Decimal scalars, typed user errors and
 * mutation payloads, the write helper for versioned items ({@link org.crmhub.support.ItemStore}),
 * transactions with retry ({@link org.crmhub.support.DatabaseConfig}) and the limits on abusive
 * documents.
 */
package org.crmhub.support;
