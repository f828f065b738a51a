package org.crmhub.errors;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A request body over {@code spring.codec.max-in-memory-size} is the client's fault: answer 413,
 * not the generic 500 that the codec's exception would otherwise become.
 */
@Component
@Order(-2)
class OversizedRequests implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException) {
                exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
                return exchange.getResponse().setComplete();
            }
        }
        return Mono.error(ex);
    }
}
