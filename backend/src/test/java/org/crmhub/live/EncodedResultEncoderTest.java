package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.codec.support.DefaultServerCodecConfigurer;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

class EncodedResultEncoderTest {

    private final DefaultServerCodecConfigurer codecs = new DefaultServerCodecConfigurer();
    private final EncodedResultEncoder encoder = new EncodedResultEncoder(codecs);

    {
        codecs.customCodecs().register(encoder);
    }

    private String encode(GraphQlWebSocketMessage message) {
        DataBuffer buffer = encoder.encodeValue(message, DefaultDataBufferFactory.sharedInstance,
                ResolvableType.forClass(GraphQlWebSocketMessage.class), MimeTypeUtils.APPLICATION_JSON, Map.of());
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSharedResultIsWrittenAsEncodedOnceWithTheMembersIdAndReadsBackAsJacksonWouldWriteIt() {
        EncodedResult shared = new EncodedResult(ExecutionResult.newExecutionResult()
                .data(Map.of("taskChanged", Map.of("kind", "UPDATED", "taskId", "VGFzazox", "title", "Taller \"regional\" ñ"))).build());
        String id = "sub \"1\"";
        String written = encode(GraphQlWebSocketMessage.next(id, shared.toSpecification()));
        String jackson = JsonMapper.builder().build().writeValueAsString(
                Map.of("id", id, "type", "next", "payload", Map.of("data", shared.getData())));
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(written)).isEqualTo(json.readTree(jackson));
        assertThat(written).startsWith("{\"id\":\"sub \\\"1\\\"\",\"type\":\"next\",\"payload\":{\"data\":");
    }

    @Test
    void everyOtherMessageGoesToTheJsonEncoder() {
        String ack = encode(GraphQlWebSocketMessage.connectionAck(null));
        assertThat(JsonMapper.builder().build().readTree(ack).path("type").asString()).isEqualTo("connection_ack");
        String plain = encode(GraphQlWebSocketMessage.next("7", Map.of("data", Map.of("a", List.of(1, 2)))));
        assertThat(JsonMapper.builder().build().readTree(plain).path("payload").path("data").path("a").get(1).asInt()).isEqualTo(2);
        assertThat(encoder.canEncode(ResolvableType.forClass(Map.class), MimeTypeUtils.APPLICATION_JSON)).isFalse();
    }
}
