/**
 * Registrations for open events (issue 12, item 4): an event's registration settings (capacity,
 * deadline, seats per organisation), civil society registering its people, the waiting list and
 * its promotion, who sees which registrations, and their CSV export. An event is a task of kind
 * WORKSHOP, SEMINAR or CONSULTATION today ({@link org.crmhub.registration.TaskEvents}); another
 * {@link org.crmhub.registration.EventSource} (meetings) can be added beside it.
 */
package org.crmhub.registration;
