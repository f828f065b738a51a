/**
 * Global object identification ({@code node} and {@code nodes}), the {@code viewer} query, and
 * classification: {@code setVisibility}, which turns an item OPEN or RESERVED.
 */
package org.crmhub.node;
