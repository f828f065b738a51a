/**
 * The monitoring report of a work plan (or one of its workstreams) over a quarter or a range of
 * days, computed for the viewer: tasks, indicators, resources, contributions, workstream health and
 * the implementation of decisions. No figure reflects an item the viewer may not see.
 */
package org.crmhub.report;
