package org.crmhub.live;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Spring's Reactor Netty WebSocket session, except that each message leaves for the network as
 * soon as it is written.
 *
 * <p>Why: Reactor Netty writes a message into the socket's buffer at once, but flushes it in a
 * task queued behind whatever its event loop is doing. A live change is written to thousands of
 * sockets in one run of each event loop ({@link SharedSubscriptions}), so no subscriber received
 * a byte until its loop had written to all of its sockets. Flushed one by one, the first
 * subscribers read their change while the hub is still writing to the others (docs/benchmarks.md,
 * "Live subscriptions").
 */
final class FlushingWebSocketSession extends ReactorNettyWebSocketSession {

    FlushingWebSocketSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo handshake,
                             NettyDataBufferFactory buffers, int maxFramePayloadLength) {
        super(inbound, outbound, handshake, buffers, maxFramePayloadLength);
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        Flux<WebSocketFrame> frames = Flux.from(messages).map(this::toFrame);
        return getDelegate().getOutbound().sendObject(frames, frame -> true).then();
    }
}
