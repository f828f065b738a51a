package org.crmhub.testsupport;

import java.util.List;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;

/** A user error as an English reader gets it: code, message and field (to compare errors in tests). */
public record Said(ErrorCode code, String message, List<String> field) {

    public static Said of(UserError error) {
        return new Said(error.code(), error.message(), error.field());
    }

    public static List<Said> of(List<UserError> errors) {
        return errors.stream().map(Said::of).toList();
    }
}
