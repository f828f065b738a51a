/**
 * What the viewer may do to each item, as {@code viewerCan*} fields, so that a frontend shows only
 * the actions that will succeed. Every answer comes from {@link org.crmhub.visibility.VisibilityPolicy}
 * (the one place of the rules) and the item's state; {@code CapabilitiesTest} checks each against
 * the mutation it announces.
 */
package org.crmhub.capabilities;
