/**
 * Work plans (one per CRM cycle, DRAFT → ADOPTED → CLOSED) and their workstreams: their tables,
 * reads through the viewer's visibility filter, mutations and GraphQL controller.
 */
package org.crmhub.workplan;
