package org.crmhub.live;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The WebSocket upgrade: Reactor Netty's, as Spring does it, with sessions that flush each message
 * ({@link FlushingWebSocketSession}).
 */
@Configuration(proxyBeanMethods = false)
class LiveWebSockets implements WebFluxConfigurer {

    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new FlushingUpgrade());
    }

    /** Spring's ReactorNettyRequestUpgradeStrategy with its default settings, but for the session it makes. */
    static final class FlushingUpgrade implements RequestUpgradeStrategy {

        @Override
        public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
                                  Supplier<HandshakeInfo> handshakeInfoFactory) {
            ServerHttpResponse response = exchange.getResponse();
            HttpServerResponse netty = ServerHttpResponseDecorator.getNativeResponse(response);
            HandshakeInfo handshake = handshakeInfoFactory.get();
            NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
            WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder();
            if (subProtocol != null) {
                spec.protocols(subProtocol);
            }
            WebsocketServerSpec built = spec.build();
            // WebFlux's pre-commit actions first, then the upgrade
            return response.setComplete().then(Mono.defer(() -> netty.sendWebsocket((in, out) -> handler.handle(
                    new FlushingWebSocketSession(in, out, handshake, buffers, built.maxFramePayloadLength())), built)));
        }
    }
}
