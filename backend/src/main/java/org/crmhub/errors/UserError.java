package org.crmhub.errors;

import java.util.List;
import java.util.Locale;

/**
 * A problem with a request that the user can act on. Mutations return it in their payload;
 * queries return it as a GraphQL error whose {@code extensions} carry the code and the field. Its
 * message is put into words in the reader's language when the answer is written.
 */
public record UserError(ErrorCode code, Text text, List<String> field) {

    public static UserError notFound(List<String> field) {
        // One message for "does not exist" and "may not be seen": the two must be indistinguishable.
        return new UserError(ErrorCode.NOT_FOUND, Text.of("error.notFound"), field);
    }

    /** FORBIDDEN, with the message of {@code key} (i18n/messages.properties). */
    public static UserError forbidden(String key, Object... args) {
        return new UserError(ErrorCode.FORBIDDEN, Text.of(key, args), null);
    }

    public static UserError conflict() {
        return new UserError(ErrorCode.CONFLICT, Text.of("error.conflict"), List.of("input", "expectedVersion"));
    }

    /** VALIDATION of {@code field}, with the message of {@code key} (i18n/messages.properties). */
    public static UserError invalid(List<String> field, String key, Object... args) {
        return new UserError(ErrorCode.VALIDATION, Text.of(key, args), field);
    }

    public static UserError of(ErrorCode code, List<String> field, String key, Object... args) {
        return new UserError(code, Text.of(key, args), field);
    }

    /** The message in a language. */
    public String message(Locale language) {
        return text.in(language);
    }

    /** The message in English. */
    public String message() {
        return text.in(Locale.ENGLISH);
    }
}
