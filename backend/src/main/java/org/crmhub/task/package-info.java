/**
 * Tasks of a workstream and civil society's proposals: the task state machine, acceptance and
 * refusal of proposals, the filters and orderings of task lists, and overdue detection.
 */
package org.crmhub.task;
