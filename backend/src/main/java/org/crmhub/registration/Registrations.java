package org.crmhub.registration;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads events' registration settings and registrations through the viewer's rights: settings as
 * visible as their event, registrations as {@link VisibilityPolicy#registrants} says (all of them,
 * the viewer's organisations', or none). Row-level security (migration V14) says the same again.
 */
@Repository
public class Registrations {

    /** An event's registrations in the order they were made (the waiting list's order). */
    static final Ordering IN_ORDER = new Ordering("REGISTERED:ASC", "x.seq", "bigint", false);
    /** The viewer's organisations' registrations, newest first. */
    static final Ordering NEWEST_FIRST = new Ordering("REGISTERED:DESC", "x.seq", "bigint", true);
    /** The single parent of the top-level list (any fixed ID). */
    private static final UUID ALL = new UUID(0, 0);

    private final DatabaseClient db;
    private final Pager pager;
    /** The kinds of event, by {@code registration.event_type}. */
    private final Map<String, EventSource<?>> sources;

    Registrations(DatabaseClient db, Pager pager, List<EventSource<?>> sources) {
        this.db = db;
        this.pager = pager;
        this.sources = sources.stream().collect(Collectors.toMap(EventSource::eventType, Function.identity()));
    }

    /**
     * The filter over registrations {@code x} the viewer may see: a fixed string per scope; the
     * viewer's organisation codes are bound. Public for RowLevelSecurityTest, which holds the
     * database's policy to it.
     */
    public static String visible(Viewer viewer, Params params) {
        return switch (VisibilityPolicy.registrants(viewer)) {
            case ALL -> "TRUE";
            case OWN_ORGANISATIONS -> {
                params.with("viewer_organisations", viewer.organisationCodes().toArray(String[]::new));
                yield "x.organisation_id IN (SELECT o.id FROM organisation o WHERE o.code = ANY(CAST(:viewer_organisations AS text[])))";
            }
            case NONE -> "FALSE";
        };
    }

    /** The settings (with seats taken and waiting) of the events among {@code eventIds} the viewer may see; one statement. */
    public Mono<Map<UUID, RegistrationSettings>> settings(Viewer viewer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        // one branch per kind of event (tasks, meetings), each through the viewer's visibility of its event
        String branches = sources.values().stream().map(source -> "SELECT " + RegistrationSettings.COLUMNS
                        + ", CAST('" + source.eventType() + "' AS text) AS event_source, " + source.stateColumns()
                        + " FROM registration_event e JOIN " + source.type().table() + " x ON x.id = e." + source.parentColumn()
                        + " LEFT JOIN hub_registration_counts(CAST(:ids AS uuid[])) c ON c.event_id = e.id"
                        + " WHERE e.id = ANY(CAST(:ids AS uuid[])) AND " + VisibilityPolicy.rowFilter(viewer, "x"))
                .sorted().collect(Collectors.joining(" UNION ALL "));
        return db.sql(branches)
                .bind("ids", eventIds.toArray(UUID[]::new))
                .map((row, meta) -> {
                    String type = row.get("event_source", String.class);
                    return RegistrationSettings.from(row, type, sources.get(type).state(row).takesRegistrations());
                }).all()
                .collectMap(RegistrationSettings::eventId);
    }

    public Mono<RegistrationSettings> settingsOf(Viewer viewer, UUID eventId) {
        return settings(viewer, java.util.List.of(eventId)).mapNotNull(m -> m.get(eventId));
    }

    /** The registrations the viewer may see of each event, one statement for all the events. */
    Mono<Map<UUID, Connection<Registration>>> ofEvents(Viewer viewer, Collection<UUID> eventIds, PageRequest page) {
        Params params = Params.of();
        String where = visible(viewer, params);
        return pager.fetch(new Pager.ListQuery(Registration.COLUMNS, "registration", where, "x.event_id"), params, page,
                eventIds, Registration::from);
    }

    /** The registrations of the viewer's own organisations, whatever became of their events. */
    Mono<Connection<Registration>> mine(Viewer viewer, PageRequest page) {
        Params params = Params.of().with("own_organisations", viewer.organisationCodes().toArray(String[]::new));
        String where = visible(viewer, params)
                + " AND x.organisation_id IN (SELECT o.id FROM organisation o WHERE o.code = ANY(CAST(:own_organisations AS text[])))";
        return pager.fetchOne(new Pager.ListQuery(Registration.COLUMNS, "registration", where, null), params, page, ALL,
                Registration::from);
    }

    /** The registrations among {@code ids} the viewer may see, by ID: one statement. */
    public Mono<Map<UUID, Registration>> registrations(Viewer viewer, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        Params params = Params.of().with("ids", ids.toArray(UUID[]::new));
        return params.bind(db.sql("SELECT " + Registration.COLUMNS + " FROM registration x WHERE x.id = ANY(:ids) AND "
                        + visible(viewer, params)))
                .map((row, meta) -> Registration.from(row)).all()
                .collectMap(Registration::id);
    }

    public Mono<Registration> registration(Viewer viewer, UUID id) {
        return registrations(viewer, java.util.List.of(id)).mapNotNull(m -> m.get(id));
    }

    /** The position on the waiting list of each WAITLISTED registration among {@code ids}: one statement. */
    Mono<Map<UUID, Integer>> waitingPositions(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, waiting_position FROM hub_waiting_positions(CAST(:ids AS uuid[]))")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("id", UUID.class), row.get("waiting_position", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Every registration of an event the viewer may see, in order, with its organisation's name (the CSV export). */
    Flux<ExportRow> export(Viewer viewer, UUID eventId) {
        Params params = Params.of().with("event", eventId);
        return params.bind(db.sql("SELECT " + Registration.COLUMNS + ", o.name AS organisation_name,"
                        + " CASE WHEN x.status = 'WAITLISTED' THEN row_number() OVER (PARTITION BY x.status ORDER BY x.seq) END AS waiting_position"
                        + " FROM registration x JOIN organisation o ON o.id = x.organisation_id"
                        + " WHERE x.event_id = :event AND " + visible(viewer, params) + " ORDER BY x.seq"))
                .map((row, meta) -> new ExportRow(Registration.from(row), row.get("organisation_name", String.class),
                        row.get("waiting_position", Long.class)))
                .all();
    }

    /** A line of the CSV export. */
    record ExportRow(Registration registration, String organisationName, Long waitingPosition) {
    }
}
