package org.crmhub.errors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions raised while fetching data into GraphQL errors. A {@link UserErrorException}
 * (e.g. a page size out of range) keeps its code and field in {@code extensions}; anything else
 * becomes an INTERNAL error with no message detail and no stack trace, logged on the server.
 */
@Component
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);
    /** The GraphQL context's key of the request id (operations/RequestIds), named in the log line of an internal error. */
    public static final String REQUEST_ID = "hub.requestId";
    /** Set in the GraphQL context when a query or subscription lost its database connection. */
    public static final String READ_LOST_CONNECTION = "hub.readLostConnection";

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof UserErrorException userError) {
            return userError.errors().stream().map(e -> toGraphQl(e, env)).toList();
        }
        if (ConnectionLoss.is(ex)) {
            boolean read = env.getOperationDefinition().getOperation() != OperationDefinition.Operation.MUTATION;
            if (read) {
                env.getGraphQlContext().put(READ_LOST_CONNECTION, true);   // graphql/ReadRetry runs it again
            }
            log.warn("Lost the database connection at {} [{}]: {}", env.getExecutionStepInfo().getPath(),
                    env.getGraphQlContext().get(REQUEST_ID), NestedExceptionUtils.getMostSpecificCause(ex).toString());
            return List.of(toGraphQl(UserError.of(ErrorCode.UNAVAILABLE, null,
                    read ? "error.readConnectionLost" : "error.writeConnectionLost"), env));
        }
        log.error("Unexpected error at {} [{}]", env.getExecutionStepInfo().getPath(), env.getGraphQlContext().get(REQUEST_ID), ex);
        return List.of(GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message(Text.of("error.internal").in(env.getLocale()))
                .build());
    }

    private static GraphQLError toGraphQl(UserError error, DataFetchingEnvironment env) {
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("code", error.code().name());
        if (error.field() != null) {
            extensions.put("field", error.field());
        }
        return GraphqlErrorBuilder.newError(env)
                .errorType(switch (error.code()) {
                    case NOT_FOUND -> ErrorType.NOT_FOUND;
                    case FORBIDDEN -> ErrorType.FORBIDDEN;
                    case CONFLICT, VALIDATION, EVENT_FULL, REGISTRATION_CLOSED, ORGANISATION_LIMIT -> ErrorType.BAD_REQUEST;
                    case UNAVAILABLE -> ErrorType.INTERNAL_ERROR;
                    case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
                })
                .message(error.message(env.getLocale()))
                .extensions(extensions)
                .build();
    }
}
