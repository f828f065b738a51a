package org.crmhub.operations;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crmhub.errors.GraphQlErrors;
import org.crmhub.graphql.DocumentCache;
import org.crmhub.graphql.PersistedDocuments;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Request-level telemetry of GraphQL, whichever engine answers (the compiled reads answer before
 * graphql-java runs, so this interceptor comes first; per-field observations stay off, see
 * application.yml).
 *
 * <p>Metrics:
 * <ul>
 *   <li>{@code hub.graphql.requests} (timer): latency per operation name (a bounded set,
 *       {@link OperationNames}: the trusted documents' names when there is a manifest) and
 *       outcome ({@code success} or {@code error});</li>
 *   <li>{@code hub.graphql.subscriptions} (counter): subscriptions started, per operation name;</li>
 *   <li>{@code hub.graphql.errors} (counter): the answer's errors by {@code code} (the hub's codes,
 *       or graphql-java's classification such as {@code ValidationError}), {@code in=response}; a
 *       mutation's payload errors count with {@code in=payload} (errors/Payloads).</li>
 * </ul>
 *
 * <p>Logs: one line per mutation (logger {@code hub.mutations}) with the request id, the operation
 * and root fields, and the payload errors' codes. The request id also goes into the GraphQL
 * context, for the log line of an internal error (errors/GraphQlErrors).
 */
@Component
@Order(0)   // first: it sees the final answer, after graphql/ReadRetry
class GraphQlTelemetry implements WebGraphQlInterceptor {

    private static final Logger mutations = LoggerFactory.getLogger("hub.mutations");
    private static final java.time.Duration[] BUCKETS = java.util.stream.LongStream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
            .mapToObj(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);

    private final MeterRegistry registry;
    private final DocumentCache documents;
    private final OperationNames names;

    GraphQlTelemetry(MeterRegistry registry, DocumentCache documents, PersistedDocuments persisted) {
        this.registry = registry;
        this.documents = documents;
        this.names = new OperationNames(persisted.trustedOperationNames());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        long start = System.nanoTime();
        OperationDefinition definition = operation(request);
        String operation = names.label(definition != null ? definition.getName() : request.getOperationName());
        String requestId = RequestIds.of(request.getAttributes()) != null ? RequestIds.of(request.getAttributes()) : request.getId();
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(GraphQlErrors.REQUEST_ID, requestId)).build());
        return chain.next(request).doOnNext(response -> {
            for (ResponseError error : response.getErrors()) {
                registry.counter("hub.graphql.errors", "code", code(error), "in", "response").increment();
            }
            if (response.getExecutionResult().getData() instanceof Publisher<?>) {
                registry.counter("hub.graphql.subscriptions", "operation", operation).increment();
                return;
            }
            long nanos = System.nanoTime() - start;
            Timer.builder("hub.graphql.requests")
                    .description("GraphQL requests answered, by operation name and outcome")
                    .tag("operation", operation)
                    .tag("outcome", response.getErrors().isEmpty() ? "success" : "error")
                    // a few fixed buckets, not the hundred of a percentile histogram: series stay few per operation
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (definition != null && definition.getOperation() == OperationDefinition.Operation.MUTATION) {
                logMutation(requestId, operation, response, nanos);
            }
        });
    }

    /**
     * The operation the request runs, from the parsed document (clients often send a named
     * operation without {@code operationName}); null when the document does not parse or validate.
     * graphql-java and the compiled reads parse through the same cache, so this is a cache hit.
     */
    private OperationDefinition operation(WebGraphQlRequest request) {
        PreparsedDocumentEntry entry = documents.parsedAndValidated(request.getDocument());
        if (entry.hasErrors()) {
            return null;
        }
        for (OperationDefinition definition : entry.getDocument().getDefinitionsOfType(OperationDefinition.class)) {
            if (request.getOperationName() == null || request.getOperationName().equals(definition.getName())) {
                return definition;
            }
        }
        return null;
    }

    /** "mutation UpdateTask updateTask: ok [id]" or "… rejected CONFLICT [id]"; never the input's values. */
    private static void logMutation(String requestId, String operation, WebGraphQlResponse response, long nanos) {
        List<String> fields = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        if (response.getExecutionResult().getData() instanceof Map<?, ?> data) {
            data.forEach((field, payload) -> {
                fields.add(String.valueOf(field));
                if (payload instanceof Map<?, ?> p && p.get("errors") instanceof List<?> errors) {
                    errors.forEach(e -> codes.add(e instanceof Map<?, ?> m && m.get("code") != null ? String.valueOf(m.get("code")) : "ERROR"));
                }
            });
        }
        response.getErrors().forEach(e -> codes.add(code(e)));
        String outcome = codes.isEmpty() ? "ok" : "rejected " + String.join(",", codes);
        mutations.atInfo()
                .addKeyValue("requestId", requestId)
                .addKeyValue("operation", operation)
                .addKeyValue("fields", String.join(",", fields))
                .addKeyValue("outcome", outcome)
                .addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(nanos))
                .log("mutation {} {}: {} [{}]", operation, String.join(",", fields), outcome, requestId);
    }

    private static String code(ResponseError error) {
        return error.getExtensions().get("code") instanceof String code ? code : String.valueOf(error.getErrorType());
    }
}
