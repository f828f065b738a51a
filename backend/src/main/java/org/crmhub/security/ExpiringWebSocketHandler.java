package org.crmhub.security;

import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
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
    /** Session attribute: the Netty event loop that writes the socket (see {@link #eventLoop}). */
    static final String EVENT_LOOP = ExpiringWebSocketHandler.class.getName() + ".eventLoop";
    /** Session attribute: emits why the socket's grant ends, when its live streams must end. */
    static final String STREAMS_END = ExpiringWebSocketHandler.class.getName() + ".streamsEnd";
    private static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired");
    private static final CloseStatus ACCESS_REVOKED = new CloseStatus(4401, "Access revoked");
    /** Time for the streams' last errors to leave before the socket closes on a revocation. */
    private static final Duration REVOCATION_GRACE = Duration.ofMillis(500);

    private final GrantEnds grantEnds;

    /**
     * When the live streams of the socket whose session attributes these are must end: why its
     * grant ended, two seconds before its token expires or at its revocation. Empty for a
     * request that did not come over such a socket.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Mono<String>> streamsEnd(Map<String, Object> sessionAttributes) {
        return sessionAttributes.get(STREAMS_END) instanceof Sinks.One<?> sink
                ? Optional.of(((Sinks.One<String>) sink).asMono()) : Optional.empty();
    }

    /**
     * The event loop that writes the socket whose session attributes these are. A live stream
     * that emits on it hands each frame to the socket directly; from any other thread, every
     * frame of every socket is one more task queued on the socket's loop.
     */
    public static Optional<Executor> eventLoop(Map<String, Object> sessionAttributes) {
        return sessionAttributes.get(EVENT_LOOP) instanceof Executor loop ? Optional.of(loop) : Optional.empty();
    }

    public ExpiringWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs, Duration initTimeout,
                                    Duration keepAlive, GrantEnds grantEnds) {
        super(handler, codecs, initTimeout, keepAlive);
        this.grantEnds = grantEnds;
    }

    private static Duration untilExpiry(Grant grant) {
        Duration left = grant.expiresAt() == null ? Duration.ZERO : Duration.between(Instant.now(), grant.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Sinks.One<Grant> grant = Sinks.one();
        Sinks.One<String> streamsEnd = Sinks.one();
        session.getAttributes().put(GRANT, grant);
        session.getAttributes().put(STREAMS_END, streamsEnd);
        // the upgrade is handled on the socket's own event loop (Reactor Netty binds a channel to one)
        if (ThreadExecutorMap.currentExecutor() instanceof EventLoop loop && loop.inEventLoop()) {
            session.getAttributes().put(EVENT_LOOP, loop);
        }
        // one watch per socket: its streams end first (they say where to resume), then the socket closes
        Disposable closer = grant.asMono()
                .flatMap(g -> grantEnds.of(g, GrantEnds.STREAMS_END_BEFORE_EXPIRY)
                        .doOnNext(streamsEnd::tryEmitValue)
                        .flatMap(reason -> GrantEnds.REVOKED.equals(reason)
                                ? Mono.delay(REVOCATION_GRACE).then(session.close(ACCESS_REVOKED))
                                : Mono.delay(untilExpiry(g)).then(session.close(TOKEN_EXPIRED))))
                .subscribe();
        return super.handle(session).doFinally(signal -> closer.dispose());
    }
}
