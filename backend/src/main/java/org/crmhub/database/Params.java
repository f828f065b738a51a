package org.crmhub.database;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Named parameters of one SQL statement; every value is bound, never concatenated. */
public final class Params {

    private record Value(Object value, Class<?> type) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

    public static Params of() {
        return new Params();
    }

    /** Adds a parameter; {@code type} is what a null binds as. */
    public <T> Params with(String name, T value, Class<T> type) {
        values.put(name, new Value(value, type));
        return this;
    }

    public Params with(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null parameter " + name + " needs a type");
        }
        values.put(name, new Value(value, value.getClass()));
        return this;
    }

    public GenericExecuteSpec bind(GenericExecuteSpec spec) {
        GenericExecuteSpec bound = spec;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            Value v = entry.getValue();
            bound = v.value() == null ? bound.bindNull(entry.getKey(), v.type()) : bound.bind(entry.getKey(), v.value());
        }
        return bound;
    }
}
