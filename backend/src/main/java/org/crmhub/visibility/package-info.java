/**
 * Who may see and do what. {@link org.crmhub.visibility.VisibilityPolicy} is the only place that
 * holds the permission matrix and the SQL filter for reserved items. The second wall lives here
 * too: connections that carry the caller's clearance for PostgreSQL row-level security
 * ({@link org.crmhub.visibility.ClearanceConnectionFactory}), and a start-up check that the API's
 * database role is bound by it.
 */
package org.crmhub.visibility;
