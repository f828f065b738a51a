/**
 * Meetings of a work plan: their agenda, the decisions and tasks they take up, their minutes and
 * the decisions they reach, under the work plan's visibility rule.
 */
package org.crmhub.meeting;
