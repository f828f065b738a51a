package org.crmhub.operations;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every HTTP request an id: the client's {@code X-Request-Id} when it is a plain token of
 * at most 64 characters (so a proxy's id carries through), otherwise a new one. The id is
 * returned in the response's {@code X-Request-Id} header and named in the request-level log
 * lines: the access line (logger {@code hub.access}, written when that logger is at INFO; it is
 * at WARN unless {@code LOGGING_LEVEL_HUB_ACCESS=info}),
 * mutations (logger {@code hub.mutations}) and internal errors (errors/GraphQlErrors). Runs
 * first of all filters, so that even a request the security chain refuses gets one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    /** The exchange attribute (and so the GraphQL request attribute) that holds the id. */
    public static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("hub.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        if (!access.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> access.atInfo()
                .addKeyValue("requestId", id)
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", exchange.getRequest().getPath().value())
                .addKeyValue("status", exchange.getResponse().getStatusCode() == null ? 0 : exchange.getResponse().getStatusCode().value())
                .addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .log("{} {} {} in {} ms [{}]", exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                        exchange.getResponse().getStatusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), id));
    }

    /** The id of the request that carries {@code attributes}, or null outside a request. */
    static String of(java.util.Map<String, Object> attributes) {
        return attributes.get(ATTRIBUTE) instanceof String id ? id : null;
    }
}
