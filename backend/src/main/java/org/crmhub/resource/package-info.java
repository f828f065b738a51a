/**
 * Resources that make a task or a work plan possible (funding, in kind, technical assistance,
 * venue, staff): their state machine, exact amounts with a currency, and the per-kind, per-status,
 * per-currency totals of a work plan.
 */
package org.crmhub.resource;
