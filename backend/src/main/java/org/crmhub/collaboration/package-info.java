/**
 * Comments on visible work plans, workstreams, tasks and resources: the {@code comments} field of
 * each of those types and the {@code addComment} mutation.
 */
package org.crmhub.collaboration;
