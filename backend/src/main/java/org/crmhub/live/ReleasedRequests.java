package org.crmhub.live;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Lets a subscription's request go once its answer has started. Spring GraphQL's WebSocket
 * handler keeps the subscription of the interceptor chain's {@code Mono} for as long as the
 * subscription's stream runs (to be able to cancel it), and through it every interceptor's
 * operators and the lambdas that hold the request: its document, variables and extensions. The
 * {@code Mono} has emitted its one answer by then, so nothing needs them. Detaching on termination
 * drops that chain: about 1 KB per idle subscription at 10,000 subscribers (docs/benchmarks.md,
 * "Live subscriptions").
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)   // outermost: what it detaches is every other interceptor
class ReleasedRequests implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).onTerminateDetach();
    }
}
