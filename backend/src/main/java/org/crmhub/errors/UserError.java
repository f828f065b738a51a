package org.crmhub.errors;

import java.util.List;

/**
 * A problem with a request that the user can act on. Mutations return it in their payload;
 * queries return it as a GraphQL error whose {@code extensions} carry the code and the field.
 */
public record UserError(ErrorCode code, String message, List<String> field) {

    public static UserError notFound(List<String> field) {
        // One message for "does not exist" and "may not be seen": the two must be indistinguishable.
        return new UserError(ErrorCode.NOT_FOUND, "No such item.", field);
    }

    public static UserError forbidden(String message) {
        return new UserError(ErrorCode.FORBIDDEN, message, null);
    }

    public static UserError conflict() {
        return new UserError(ErrorCode.CONFLICT,
                "The item was changed by someone else; read it again and retry.", List.of("input", "expectedVersion"));
    }

    public static UserError invalid(List<String> field, String message) {
        return new UserError(ErrorCode.VALIDATION, message, field);
    }
}
