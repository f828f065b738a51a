/**
 * Member Countries' contributions to the CRM Technical Secretariat's budget (decisions 3 and 6):
 * what is due each cycle, the payments, what is late, and exact totals of what the viewer may see.
 */
package org.crmhub.contribution;
