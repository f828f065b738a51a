/**
 * Relay cursor connections: the page a client asks for ({@link org.crmhub.paging.PageRequest}),
 * orderings, and keyset paging for one parent or many parents at once in one statement per level
 * ({@link org.crmhub.paging.Pager}, {@link org.crmhub.paging.PageKey}).
 */
package org.crmhub.paging;
