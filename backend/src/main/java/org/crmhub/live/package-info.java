/**
 * Live changes to the tasks and resources of a work plan: the GraphQL subscriptions, each
 * instance's reader of the durable event log that database triggers write (migration V5, woken by
 * LISTEN/NOTIFY), and the per-subscriber stream that checks visibility when each event is
 * delivered and resumes from a cursor without gap or duplicate.
 */
package org.crmhub.live;
