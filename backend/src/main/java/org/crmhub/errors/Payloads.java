package org.crmhub.errors;

import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * Turns a mutation's outcome into its payload: the result, or the user errors and no result. Each
 * payload error counts in the metric {@code hub.graphql.errors} by code, {@code in=payload}.
 */
public final class Payloads {

    private Payloads() {
    }

    public static <T, P> Mono<P> of(Mono<T> outcome, BiFunction<T, List<UserError>, P> payload) {
        return outcome
                .map(result -> payload.apply(result, List.of()))
                .onErrorResume(UserErrorException.class, e -> {
                    e.errors().forEach(error -> Metrics.counter("hub.graphql.errors", "code", error.code().name(), "in", "payload")
                            .increment());
                    return Mono.just(payload.apply(null, e.errors()));
                });
    }
}
