/**
 * What every identifiable item shares: its type and table ({@link org.crmhub.item.ItemType}, the one
 * list of reservable types), its Relay global ID ({@link org.crmhub.item.GlobalId}), reads by ID
 * through the viewer's visibility ({@link org.crmhub.item.ItemStore}), and the one write path for
 * reservable items ({@link org.crmhub.item.ItemWrites}): lock through the viewer's visibility, check
 * permission and version, write, audit ({@link org.crmhub.item.AuditLog}), read back.
 */
package org.crmhub.item;
