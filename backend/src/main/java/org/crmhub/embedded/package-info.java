/**
 * Database wiring, before any bean exists: {@link org.crmhub.embedded.EmbeddedDatabase} points the
 * API (R2DBC) and Flyway at the configured PostgreSQL, or starts an embedded PostgreSQL 17 when
 * none is configured (the local run and the tests).
 */
package org.crmhub.embedded;
