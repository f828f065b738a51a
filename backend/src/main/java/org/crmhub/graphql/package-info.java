/**
 * The GraphQL engine's configuration that no single feature owns: the Date, DateTime and Decimal
 * scalars, the {@code id} of every Node type, cursors, and the limits that refuse abusive documents
 * before they execute ({@link org.crmhub.graphql.QueryLimits}).
 */
package org.crmhub.graphql;
