package org.crmhub.live;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shared execution's result for one change, encoded to JSON once for all the group's members.
 * Its specification is an ordinary map to anyone who reads it (the SSE transport encodes it as
 * usual); the WebSocket transport writes the encoded bytes as they are ({@link EncodedResultEncoder}),
 * instead of running Jackson once per member.
 */
final class EncodedResult implements ExecutionResult {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExecutionResult result;
    private final Specification specification;

    EncodedResult(ExecutionResult result) {
        this.result = result;
        Map<String, Object> spec = result.toSpecification();
        this.specification = new Specification(spec, JSON.writeValueAsBytes(spec));
    }

    @Override
    public List<GraphQLError> getErrors() {
        return result.getErrors();
    }

    @Override
    public <T> T getData() {
        return result.getData();
    }

    @Override
    public boolean isDataPresent() {
        return result.isDataPresent();
    }

    @Override
    public Map<Object, Object> getExtensions() {
        return result.getExtensions();
    }

    @Override
    public Map<String, Object> toSpecification() {
        return specification;
    }

    /** The specification map, with its JSON encoding. */
    static final class Specification extends AbstractMap<String, Object> {

        private final Map<String, Object> map;
        private final byte[] json;

        Specification(Map<String, Object> map, byte[] json) {
            this.map = map;
            this.json = json;
        }

        byte[] json() {
            return json;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }
    }
}
