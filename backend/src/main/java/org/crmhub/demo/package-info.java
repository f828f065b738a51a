/**
 * The 2017 demo work plan, loaded on first start when demo data is switched on and the database
 * holds no work plan yet.
 */
package org.crmhub.demo;
