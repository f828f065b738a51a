/**
 * What every identifiable item shares: its type and table ({@link org.crmhub.item.ItemType}, the one
 * list of reservable types), its Relay global ID ({@link org.crmhub.item.GlobalId}), and the one
 * write path for reservable items ({@link org.crmhub.item.ItemStore}): look up through the viewer's
 * visibility, check permission and version, update, audit, read back.
 */
package org.crmhub.item;
