/**
 * What an operator reads: request metrics per GraphQL operation and errors by code (exported at
 * {@code /actuator/prometheus} on the management port), and the request id with the access log.
 */
package org.crmhub.operations;
