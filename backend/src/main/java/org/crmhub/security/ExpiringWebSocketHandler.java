package org.crmhub.security;

import java.time.Duration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Spring GraphQL's graphql-transport-ws handler, which also closes the socket when the token that
 * opened it expires (4401), so that the client reconnects with a fresh token instead of a stale
 * grant living on.
 */
public class ExpiringWebSocketHandler extends GraphQlWebSocketHandler {

    static final String EXPIRY = ExpiringWebSocketHandler.class.getName() + ".expiry";
    private static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired");

    public ExpiringWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs, Duration initTimeout,
                                    Duration keepAlive) {
        super(handler, codecs, initTimeout, keepAlive);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Sinks.One<Duration> expiry = Sinks.one();
        session.getAttributes().put(EXPIRY, expiry);
        Disposable closer = expiry.asMono()
                .flatMap(left -> Mono.delay(left.isNegative() ? Duration.ZERO : left))
                .flatMap(t -> session.close(TOKEN_EXPIRED))
                .subscribe();
        return super.handle(session).doFinally(signal -> closer.dispose());
    }
}
