package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * A message sent on a hub WebSocket session reaches the client while the event loop that wrote it
 * is still busy with the same task, as when it writes one change to thousands of sockets.
 * (Spring's own session flushes in a task queued behind it: this test then fails.)
 */
class FlushingWebSocketSessionTest {

    @Test
    void aMessageLeavesBeforeItsEventLoopHasFinishedWriting() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        AtomicBoolean arrivedWhileTheLoopWasBusy = new AtomicBoolean();
        CountDownLatch checked = new CountDownLatch(1);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.ws("/", (in, out) -> {
                    HandshakeInfo handshake = new HandshakeInfo(URI.create("ws://127.0.0.1/"), new HttpHeaders(), Mono.empty(), null);
                    FlushingWebSocketSession session = new FlushingWebSocketSession(in, out, handshake,
                            new NettyDataBufferFactory(ByteBufAllocator.DEFAULT), 65536);
                    // emitted on the socket's event loop, which then stays in this task until the client
                    // has the message (or 5 s have passed)
                    Flux<WebSocketMessage> messages = Flux.create(sink -> {
                        sink.next(session.textMessage("change"));
                        try {
                            arrivedWhileTheLoopWasBusy.set(received.await(5, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        checked.countDown();
                        sink.complete();
                    });
                    return session.send(messages).then(Mono.never());
                }))
                .bindNow();
        Disposable client = HttpClient.create().websocket()
                .uri("ws://127.0.0.1:" + server.port() + "/")
                .handle((in, out) -> in.receive().asString().doOnNext(text -> received.countDown()))
                .subscribe();
        try {
            assertThat(checked.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(arrivedWhileTheLoopWasBusy).as("the client had the message before the loop's task ended").isTrue();
        } finally {
            client.dispose();
            server.disposeNow(Duration.ofSeconds(5));
        }
    }
}
