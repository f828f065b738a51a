package org.crmhub.testsupport;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.Bindings;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the hub sends, with its bound values, by wrapping the connection
 * factory with r2dbc-proxy. The clearance a connection carries (set once per physical connection,
 * visibility/ClearanceConnectionFactory) is not a request's statement and is left out.
 * Import it into a {@link HubTest}; tests that import it share one application context.
 */
@TestConfiguration
public class StatementLog {

    /** A statement as sent: its text ($n placeholders) and its values by position (0-based) or by name. */
    public record Statement(String sql, Map<Integer, Object> byIndex, Map<String, Object> byName) {
    }

    private static final List<Statement> SENT = new CopyOnWriteArrayList<>();

    /** Forgets what was recorded so far. */
    public static void clear() {
        SENT.clear();
    }

    /** The statements sent since the last {@link #clear()}. */
    public static List<Statement> sent() {
        return List.copyOf(SENT);
    }

    @Bean
    static BeanPostProcessor recordStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ConnectionFactory factory) {
                    return ProxyConnectionFactory.builder(factory).listener(new ProxyExecutionListener() {
                        @Override
                        public void afterQuery(QueryExecutionInfo execution) {
                            execution.getQueries().stream()
                                    .filter(q -> !q.getQuery().startsWith("SELECT set_config('hub.clearance'"))
                                    .forEach(q -> {
                                        List<Bindings> bindings = q.getBindingsList();
                                        if (bindings.isEmpty()) {
                                            SENT.add(new Statement(q.getQuery(), Map.of(), Map.of()));
                                        }
                                        for (Bindings b : bindings) {
                                            Map<Integer, Object> byIndex = new TreeMap<>();
                                            b.getIndexBindings().forEach(i -> byIndex.put((Integer) i.getKey(), value(i.getBoundValue())));
                                            Map<String, Object> byName = new TreeMap<>();
                                            b.getNamedBindings().forEach(n -> byName.put((String) n.getKey(), value(n.getBoundValue())));
                                            SENT.add(new Statement(q.getQuery(), byIndex, byName));
                                        }
                                    });
                        }
                    }).build();
                }
                return bean;
            }
        };
    }

    /** A bound value, or the Class of a null (r2dbc's bindNull takes the type). */
    private static Object value(io.r2dbc.proxy.core.BoundValue bound) {
        return bound.isNull() ? new NullOf(bound.getNullType()) : bound.getValue();
    }

    /** A null bound with its type. */
    public record NullOf(Class<?> type) {
    }

    /** The statements' texts, for messages. */
    public static List<String> texts(List<Statement> statements) {
        List<String> texts = new ArrayList<>();
        statements.forEach(s -> texts.add(s.sql()));
        return texts;
    }
}
