package org.crmhub.errors;

import java.util.List;

/**
 * Raised inside a service to abandon the request with user errors. Inside a transaction it rolls
 * everything back, so a payload with errors never goes with a partial write.
 */
public class UserErrorException extends RuntimeException {

    private final List<UserError> errors;

    public UserErrorException(List<UserError> errors) {
        super(errors.isEmpty() ? "user error" : errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public UserErrorException(UserError error) {
        this(List.of(error));
    }

    public List<UserError> errors() {
        return errors;
    }
}
