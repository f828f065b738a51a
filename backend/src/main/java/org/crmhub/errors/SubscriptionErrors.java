package org.crmhub.errors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a subscription stream: user errors keep their code and field, anything else is
 * an INTERNAL error without detail (logged), so a denial never surfaces as a generic failure and
 * nothing leaks through an exception message.
 */
@Component
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

    /** The GraphQL errors of user errors that end a stream: message, code and field. */
    public static List<GraphQLError> errorsOf(UserErrorException userError) {
        return userError.errors().stream().map(e -> {
            Map<String, Object> extensions = new HashMap<>();
            extensions.put("code", e.code().name());
            if (e.field() != null) {
                extensions.put("field", e.field());
            }
            return (GraphQLError) GraphqlErrorBuilder.newError().message(e.message()).extensions(extensions).build();
        }).toList();
    }

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable ex) {
        if (ex instanceof UserErrorException userError) {
            return errorsOf(userError);
        }
        log.error("Subscription failed", ex);
        return List.of(GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; it has been logged.").build());
    }
}
