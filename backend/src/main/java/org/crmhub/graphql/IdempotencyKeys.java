package org.crmhub.graphql;

import graphql.GraphqlErrorBuilder;
import org.crmhub.errors.Text;
import graphql.execution.RawVariables;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crmhub.item.IdempotencyKey;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Idempotency keys: a mutation whose {@code input} carries {@code clientMutationId} runs with an
 * {@link IdempotencyKey} in its Reactor context, and item/ItemWrites applies it at most once per
 * user and key (a receipt in the change's transaction). A retry after a lost answer (a timeout,
 * an UNAVAILABLE) is then safe, and answers with the same item.
 *
 * <p>One keyed mutation per request: a request with two root mutations that both carry a key is
 * refused as a whole, since the key travels with the request. Keys are at most
 * {@value IdempotencyKey#MAX_LENGTH} characters.
 */
@Component
@Order(4)
class IdempotencyKeys implements WebGraphQlInterceptor {

    private final DocumentCache documents;

    IdempotencyKeys(DocumentCache documents) {
        this.documents = documents;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!request.getDocument().contains("mutation")) {
            return chain.next(request);   // the common case, reads: no parse, no work
        }
        PreparsedDocumentEntry entry = documents.parsedAndValidated(request.getDocument());
        if (entry.hasErrors()) {
            return chain.next(request);   // graphql-java answers the errors
        }
        ExecutableNormalizedOperation operation;
        try {
            operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    documents.schema(), entry.getDocument(), request.getOperationName(), RawVariables.of(request.getVariables()));
        } catch (RuntimeException e) {
            return chain.next(request);   // bad variables: graphql-java answers them
        }
        if (operation.getOperation() != OperationDefinition.Operation.MUTATION) {
            return chain.next(request);
        }
        List<IdempotencyKey> keys = new ArrayList<>();
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            if (field.getResolvedArguments().get("input") instanceof Map<?, ?> input && input.get("clientMutationId") instanceof String key) {
                keys.add(new IdempotencyKey(key, field.getName()));
            }
        }
        if (keys.isEmpty()) {
            return chain.next(request);
        }
        if (keys.size() > 1) {
            return refused(request, Text.of("error.oneKeyedMutation"));
        }
        IdempotencyKey key = keys.get(0);
        if (key.clientMutationId().isEmpty() || key.clientMutationId().length() > IdempotencyKey.MAX_LENGTH) {
            return refused(request, Text.of("error.keyLength", String.valueOf(IdempotencyKey.MAX_LENGTH)));
        }
        return chain.next(request).contextWrite(context -> context.put(IdempotencyKey.class, key));
    }

    /** A VALIDATION error for the whole request, in its language (language/LanguageInterceptor); nothing runs. */
    private static Mono<WebGraphQlResponse> refused(WebGraphQlRequest request, Text message) {
        return Mono.deferContextual(context -> {
            var error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST)
                    .message(message.in(context.getOrDefault(Locale.class, Locale.ENGLISH)))
                    .extensions(Map.of("code", "VALIDATION", "field", List.of("input", "clientMutationId"))).build();
            return Mono.just(new WebGraphQlResponse(new org.springframework.graphql.support.DefaultExecutionGraphQlResponse(
                    request.toExecutionInput(), graphql.ExecutionResult.newExecutionResult().addError(error).build())));
        });
    }
}
