/**
 * Database access shared by the features: transactions that retry deadlock victims
 * ({@link org.crmhub.database.DatabaseConfig}), bound named parameters
 * ({@link org.crmhub.database.Params}) and the join of one batched statement's rows to their parents
 * ({@link org.crmhub.database.Batches}).
 */
package org.crmhub.database;
