/**
 * Follow-up of the declaration's decisions (decision 22 asks for implementation, monitoring and
 * follow-up mechanisms): the tasks that implement each decision and how far they have come,
 * computed from the tasks the viewer may see.
 */
package org.crmhub.followup;
