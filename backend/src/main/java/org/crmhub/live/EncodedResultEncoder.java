package org.crmhub.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Encodes graphql-transport-ws messages: a {@code next} message whose payload a shared execution
 * encoded once ({@link EncodedResult}) is written around those bytes, with only the member's
 * subscription ID added; any other message goes to the application's JSON encoder. With 10,000
 * members, Jackson ran 10,000 times per change, a fifth of the fan-out's CPU (docs/benchmarks.md).
 */
final class EncodedResultEncoder implements Encoder<GraphQlWebSocketMessage> {

    private static final ResolvableType MESSAGE = ResolvableType.forClass(GraphQlWebSocketMessage.class);
    private static final byte[] BEFORE_ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AFTER_ID = "\",\"type\":\"next\",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private final CodecConfigurer codecs;
    private volatile Encoder<Object> json;

    EncodedResultEncoder(CodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public boolean canEncode(ResolvableType type, MimeType mimeType) {
        return MESSAGE.isAssignableFrom(type) && (mimeType == null || MimeTypeUtils.APPLICATION_JSON.isCompatibleWith(mimeType));
    }

    @Override
    public DataBuffer encodeValue(GraphQlWebSocketMessage message, DataBufferFactory factory, ResolvableType type,
                                  MimeType mimeType, Map<String, Object> hints) {
        if (message.resolvedType() == GraphQlWebSocketMessageType.NEXT
                && message.getPayload() instanceof EncodedResult.Specification encoded) {
            byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(message.getId());
            byte[] payload = encoded.json();
            DataBuffer buffer = factory.allocateBuffer(BEFORE_ID.length + id.length + AFTER_ID.length + payload.length + 1);
            return buffer.write(BEFORE_ID).write(id).write(AFTER_ID).write(payload).write((byte) '}');
        }
        return json().encodeValue(message, factory, type, mimeType, hints);
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<? extends GraphQlWebSocketMessage> messages, DataBufferFactory factory,
                                   ResolvableType type, MimeType mimeType, Map<String, Object> hints) {
        return Flux.from(messages).map(m -> encodeValue(m, factory, type, mimeType, hints));
    }

    @Override
    public List<MimeType> getEncodableMimeTypes() {
        return List.of(MimeTypeUtils.APPLICATION_JSON);
    }

    /** The application's JSON encoder: the first other writer that encodes these messages. */
    @SuppressWarnings("unchecked")
    private Encoder<Object> json() {
        Encoder<Object> found = json;
        if (found == null) {
            found = codecs.getWriters().stream()
                    .filter(w -> w instanceof EncoderHttpMessageWriter<?> e && e.getEncoder() != this
                            && !(e.getEncoder() instanceof EncodedResultEncoder)
                            && e.getEncoder().canEncode(MESSAGE, MimeTypeUtils.APPLICATION_JSON))
                    .map(w -> (Encoder<Object>) ((EncoderHttpMessageWriter<?>) w).getEncoder())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no JSON encoder"));
            json = found;
        }
        return found;
    }
}
