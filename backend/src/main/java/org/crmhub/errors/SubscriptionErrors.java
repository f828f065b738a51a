package org.crmhub.errors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Errors that end a subscription stream: user errors keep their code and field, anything else is
 * an INTERNAL error without detail (logged), so a denial never surfaces as a generic failure and
 * nothing leaks through an exception message.
 */
@Component
public class SubscriptionErrors implements SubscriptionExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

    /** The GraphQL errors of user errors that end a stream: message (in {@code language}), code and field. */
    public static List<GraphQLError> errorsOf(UserErrorException userError, Locale language) {
        return userError.errors().stream().map(e -> {
            Map<String, Object> extensions = new HashMap<>();
            extensions.put("code", e.code().name());
            if (e.field() != null) {
                extensions.put("field", e.field());
            }
            return (GraphQLError) GraphqlErrorBuilder.newError().message(e.message(language)).extensions(extensions).build();
        }).toList();
    }

    /**
     * A user error in the stream's language (the Reactor context's {@code Locale}, set by
     * language/LanguageInterceptor); anything else an INTERNAL error without detail.
     */
    @Override
    public Mono<List<GraphQLError>> resolveException(Throwable exception) {
        if (exception instanceof UserErrorException userError) {
            return Mono.deferContextual(context -> Mono.just(errorsOf(userError, context.getOrDefault(Locale.class, Locale.ENGLISH))));
        }
        log.error("Subscription failed", exception);
        return Mono.deferContextual(context -> Mono.just(List.of(GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR)
                .message(Text.of("error.internal").in(context.getOrDefault(Locale.class, Locale.ENGLISH))).build())));
    }
}
