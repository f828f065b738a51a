package org.crmhub.graphql;

import java.time.Duration;
import org.crmhub.errors.GraphQlErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs a query again when it lost its database connection (a restart, a failover, killed
 * backends: errors/GraphQlErrors marks it), up to {@code hub.graphql.read-retries} (5) times,
 * after 50, 100, 200, 400 and 800 ms, so that a read in flight at the cut still gets its answer
 * rather than an error. Right after a cut the pool may still hold connections whose death it has
 * not noticed yet, and an attempt can draw one of them; the growing backoff outlasts that. Only
 * reads: a mutation that lost its connection answers UNAVAILABLE, since it may have committed.
 * (A compiled read that fails already falls back to graphql-java, on a new connection.)
 */
@Component
@Order(1)   // inside operations/GraphQlTelemetry, which sees the final answer; outside everything else
class ReadRetry implements WebGraphQlInterceptor {

    private final int retries;

    ReadRetry(@Value("${hub.graphql.read-retries:5}") int retries) {
        this.retries = retries;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request.getDocument().stripLeading().startsWith("subscription")) {
            // a stream retries its own reads (LiveChanges); this would only stay in memory as long as it
            return chain.next(request);
        }
        return attempt(request, chain, 0);
    }

    private Mono<WebGraphQlResponse> attempt(WebGraphQlRequest request, Chain chain, int attempt) {
        return chain.next(request).flatMap(response -> {
            var context = response.getExecutionInput().getGraphQLContext();
            boolean lost = Boolean.TRUE.equals(context.get(GraphQlErrors.READ_LOST_CONNECTION));
            if (!lost || attempt >= retries) {
                return Mono.just(response);
            }
            context.delete(GraphQlErrors.READ_LOST_CONNECTION);
            return Mono.delay(Duration.ofMillis(50L << attempt)).then(attempt(request, chain, attempt + 1));
        });
    }
}
