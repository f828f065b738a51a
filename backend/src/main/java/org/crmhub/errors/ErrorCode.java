package org.crmhub.errors;

/** The machine-readable kinds of {@link UserError}, mirrored by the schema's {@code ErrorCode}. */
public enum ErrorCode {
    NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION, UNAVAILABLE, UNAUTHENTICATED
}
