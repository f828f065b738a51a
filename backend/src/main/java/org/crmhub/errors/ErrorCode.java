package org.crmhub.errors;

/** The machine-readable kinds of {@link UserError}, mirrored by the schema's {@code ErrorCode}. */
public enum ErrorCode {
    NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION, UNAVAILABLE, UNAUTHENTICATED,
    /** An event's seats are all taken and the registration did not ask for the waiting list. */
    EVENT_FULL,
    /** The event takes no registrations now: closed, past its deadline, cancelled, or not open to them. */
    REGISTRATION_CLOSED,
    /** The organisation already holds the seats allowed per organisation for the event. */
    ORGANISATION_LIMIT
}
