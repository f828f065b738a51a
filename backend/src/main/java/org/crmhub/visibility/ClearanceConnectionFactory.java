package org.crmhub.visibility;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.crmhub.security.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Hands out pooled connections that carry the caller's clearance in the PostgreSQL setting
 * {@code hub.clearance}, which the row-level security policies read (migration V4). The clearance
 * travels in the Reactor context ({@link #forViewer}); without one a connection gets none and
 * sees no reservable row at all. Every hand-out sets the clearance unless the physical connection
 * already carries exactly that value, so one request's clearance never survives into the next. The
 * setting {@code hub.registrants} (whose registrations for events the caller may see) travels the
 * same way, in the same statement.
 */
public final class ClearanceConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    public static final String CONTEXT_KEY = "hub.clearance";
    public static final String RESERVED = "reserved";
    public static final String OPEN = "open";
    public static final String NONE = "none";
    /**
     * The key and setting {@code hub.registrants}: whose registrations for events the caller may
     * see (migration V14): {@code *} for all, the caller's organisation codes separated by commas,
     * or empty for none ({@link VisibilityPolicy#registrants}). Without one a connection sees none.
     */
    public static final String REGISTRANTS_KEY = "hub.registrants";
    public static final String ALL_REGISTRANTS = "*";

    private final ConnectionFactory pool;
    /** The clearance each physical connection carries now (weak: the pool decides their life). */
    private final Map<Object, String> carried = Collections.synchronizedMap(new WeakHashMap<>());

    public ClearanceConnectionFactory(ConnectionFactory pool) {
        this.pool = pool;
    }

    /** The clearance of a viewer: the database's side of {@link VisibilityPolicy#rowFilter}. */
    public static String clearanceOf(Viewer viewer) {
        if (!VisibilityPolicy.canRead(viewer)) {
            return NONE;
        }
        return VisibilityPolicy.canSeeReserved(viewer) ? RESERVED : OPEN;
    }

    /** The registrants a viewer may see, as the setting {@code hub.registrants} spells them. */
    public static String registrantsOf(Viewer viewer) {
        return switch (VisibilityPolicy.registrants(viewer)) {
            case ALL -> ALL_REGISTRANTS;
            // a code with a comma could not be told apart in the list: such a group counts for nothing
            case OWN_ORGANISATIONS -> String.join(",", viewer.organisationCodes().stream()
                    .filter(code -> !code.isBlank() && !code.contains(",") && !code.equals(ALL_REGISTRANTS)).toList());
            case NONE -> "";
        };
    }

    /** The Reactor context under which database work runs with the viewer's clearance. */
    public static Context forViewer(Viewer viewer) {
        return Context.of(CONTEXT_KEY, clearanceOf(viewer), REGISTRANTS_KEY, registrantsOf(viewer));
    }

    /** For the hub's own work (start-up data), which must see and write every row. */
    public static Context system() {
        return Context.of(CONTEXT_KEY, RESERVED, REGISTRANTS_KEY, ALL_REGISTRANTS);
    }

    @Override
    public Mono<Connection> create() {
        return Mono.deferContextual(ctx -> Mono.from(pool.create())
                .flatMap(connection -> withClearance(connection, clearance(ctx), ctx.getOrDefault(REGISTRANTS_KEY, ""))));
    }

    private static String clearance(ContextView ctx) {
        return ctx.getOrDefault(CONTEXT_KEY, NONE);
    }

    private Mono<Connection> withClearance(Connection connection, String clearance, String registrants) {
        Object physical = connection instanceof Wrapped<?> wrapped && wrapped.unwrap() != null ? wrapped.unwrap() : connection;
        // both settings travel together: a connection carries exactly one caller's pair
        String carries = clearance + "\n" + registrants;
        if (carries.equals(carried.get(physical))) {
            return Mono.just(connection);
        }
        carried.remove(physical);
        return Flux.from(connection.createStatement(
                                "SELECT set_config('hub.clearance', $1, false), set_config('hub.registrants', $2, false)")
                        .bind("$1", clearance).bind("$2", registrants).execute())
                .flatMap(result -> result.map((row, meta) -> 1))
                .then(Mono.fromRunnable(() -> carried.put(physical, carries)))
                .thenReturn(connection)
                .onErrorResume(e -> Mono.from(connection.close()).then(Mono.error(e)));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return pool.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return pool;
    }
}
