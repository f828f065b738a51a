/**
 * The catalogue: Member Countries, observer organisations, the two secretariats,
 * civil-society organisations, and the CRM decisions that tasks implement. It is public reference
 * data, so no visibility rule applies to it.
 */
package org.crmhub.catalogue;
