/**
 * Monitoring and follow-up: indicators of a task's results (baseline, target, actual value per
 * period) and progress reports with their health.
 */
package org.crmhub.monitoring;
