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
 * opened it expires (4401 "Token expired") or is revoked (4401 "Access revoked"), so that the
 * client reconnects with a fresh token instead of a stale grant living on. Its live streams end a
 * moment earlier with an UNAUTHENTICATED error that names the cursor to resume from.
 */
public class ExpiringWebSocketHandler extends GraphQlWebSocketHandler {

    static final String GRANT = ExpiringWebSocketHandler.class.getName() + ".grant";
    private static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired");
    private static final CloseStatus ACCESS_REVOKED = new CloseStatus(4401, "Access revoked");
    /** Time for the streams' last errors to leave before the socket closes on a revocation. */
    private static final Duration REVOCATION_GRACE = Duration.ofMillis(500);

    private final GrantEnds grantEnds;

    public ExpiringWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs, Duration initTimeout,
                                    Duration keepAlive, GrantEnds grantEnds) {
        super(handler, codecs, initTimeout, keepAlive);
        this.grantEnds = grantEnds;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Sinks.One<Grant> grant = Sinks.one();
        session.getAttributes().put(GRANT, grant);
        Disposable closer = grant.asMono()
                .flatMap(g -> grantEnds.of(g, Duration.ZERO))
                .flatMap(reason -> GrantEnds.REVOKED.equals(reason)
                        ? Mono.delay(REVOCATION_GRACE).then(session.close(ACCESS_REVOKED))
                        : session.close(TOKEN_EXPIRED))
                .subscribe();
        return super.handle(session).doFinally(signal -> closer.dispose());
    }
}
