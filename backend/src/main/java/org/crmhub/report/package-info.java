/**
 * The monitoring report of a work plan (or one of its workstreams) over a quarter or a range of
 * days, computed for the viewer: tasks, indicators, resources, contributions, workstream health and
 * the implementation of decisions. No figure reflects an item the viewer may not see. The same
 * report as a PDF and an HTML page (charts drawn on the server, fonts shipped in the jar), at an
 * authenticated URL or through a short-lived signed link that serves only the civil-society edition.
 */
package org.crmhub.report;
