package org.crmhub.registration;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.database.Params;
import org.crmhub.errors.Checks;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.item.Reservable;
import org.crmhub.item.Update;
import org.crmhub.registration.EventSource.EventState;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registration settings and registrations: validation and the rules of seats.
 *
 * <p>Settings are a change to their event: they go through the write path on the event's row
 * ({@link ItemWrites#update} with {@link Action#EDIT}), which finds it through the viewer's
 * visibility, checks who may edit it and records the change in its history (numbers and dates
 * only). Registrations are personal data, not items: they are written here, in one transaction
 * that first locks the event's settings row ({@code SELECT ... FOR UPDATE}), so that two
 * registrations never take the same seat, and never reach the audit trail or the live changes.
 * An idempotency key ({@code clientMutationId}) applies them at most once, as it does items
 * ({@link ItemWrites#atMostOnce}).
 */
@Service
class RegistrationService {

    /** Something@something.something, no spaces: enough to catch typing mistakes. */
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final String NETWORK_CODE = "RROCM";

    private final Map<ItemType, EventSource<?>> sources;
    private final Registrations registrations;
    private final Catalogue catalogue;
    private final ItemWrites writes;
    private final Transactions tx;
    private final DatabaseClient db;

    RegistrationService(List<EventSource<?>> sources, Registrations registrations, Catalogue catalogue, ItemWrites writes,
                        Transactions tx, DatabaseClient db) {
        this.sources = sources.stream().collect(Collectors.toMap(EventSource::type, Function.identity()));
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.writes = writes;
        this.tx = tx;
        this.db = db;
    }

    record OpenRegistrationsInput(String clientMutationId, String eventId, Integer capacity, OffsetDateTime deadline, Integer seatsPerOrganisation) {
    }

    record UpdateRegistrationSettingsInput(String clientMutationId, String eventId, Integer capacity, OffsetDateTime deadline,
                                           Integer seatsPerOrganisation) {
    }

    record CloseRegistrationsInput(String clientMutationId, String eventId) {
    }

    record RegisterInput(String clientMutationId, String eventId, String organisationId, String name, String email, String role,
                         Boolean joinWaitingList) {
    }

    record CancelRegistrationInput(String clientMutationId, String id) {
    }

    /** The event an ID names, and the source it belongs to. */
    private record EventRef(EventSource<?> source, UUID id) {
    }

    private EventRef event(String eventId) {
        GlobalId id = GlobalId.parse(eventId).orElseThrow(() -> new UserErrorException(
                UserError.invalid(input("eventId"), "error.invalidId")));
        EventSource<?> source = sources.get(id.type());
        if (source == null) {
            throw new UserErrorException(UserError.invalid(input("eventId"), "error.notAnEvent"));
        }
        return new EventRef(source, id.id());
    }

    // ---------------------------------------------------------------------------------------- settings

    /** Opens (or reopens) an event's registrations with these settings. */
    Mono<RegistrationSettings> open(Viewer viewer, OpenRegistrationsInput in) {
        return Mono.defer(() -> {
            EventRef event = event(in.eventId());
            // capacity and deadline are required by the schema
            new Checks().range("capacity", in.capacity(), 1, 100_000)
                    .range("seatsPerOrganisation", in.seatsPerOrganisation(), 1, 100_000).orThrow();
            return settingsChange(viewer, event, (current, update) -> {
                requireFuture(in.deadline());
                String after = describe(in.capacity(), in.deadline(), in.seatsPerOrganisation(), true);
                update.note("registration", current == null ? null : describe(current), after);
                return Params.of().with("id", event.id()).with("capacity", in.capacity()).with("deadline", in.deadline())
                        .with("per_organisation", in.seatsPerOrganisation(), Integer.class).with("by", viewer.username())
                        .bind(db.sql("INSERT INTO registration_event (id, " + event.source().parentColumn()
                                + ", capacity, deadline, seats_per_organisation, created_by)"
                                + " VALUES (:id, :id, :capacity, :deadline, :per_organisation, :by)"
                                + " ON CONFLICT (id) DO UPDATE SET capacity = EXCLUDED.capacity, deadline = EXCLUDED.deadline,"
                                + " seats_per_organisation = EXCLUDED.seats_per_organisation, accepting = true,"
                                + " closed_reason = NULL, updated_at = now()"))
                        .then();
            });
        });
    }

    /** Changes some of an event's settings; registrations must have been opened once. */
    Mono<RegistrationSettings> update(Viewer viewer, UpdateRegistrationSettingsInput in) {
        return Mono.defer(() -> {
            EventRef event = event(in.eventId());
            new Checks().range("capacity", in.capacity(), 1, 100_000)
                    .range("seatsPerOrganisation", in.seatsPerOrganisation(), 1, 100_000).orThrow();
            return settingsChange(viewer, event, (current, update) -> {
                if (current == null) {
                    throw new UserErrorException(UserError.invalid(input("eventId"), "error.noRegistrations"));
                }
                if (in.deadline() != null) {
                    requireFuture(in.deadline());
                }
                int capacity = in.capacity() == null ? current.capacity() : in.capacity();
                OffsetDateTime deadline = in.deadline() == null ? current.deadline() : in.deadline();
                Integer perOrganisation = in.seatsPerOrganisation() == null ? current.seatsPerOrganisation() : in.seatsPerOrganisation();
                String before = describe(current);
                String after = describe(capacity, deadline, perOrganisation, current.accepting());
                if (!before.equals(after)) {
                    update.note("registration", before, after);
                }
                return Params.of().with("id", event.id()).with("capacity", capacity).with("deadline", deadline)
                        .with("per_organisation", perOrganisation, Integer.class)
                        .bind(db.sql("UPDATE registration_event SET capacity = :capacity, deadline = :deadline,"
                                + " seats_per_organisation = :per_organisation, updated_at = now() WHERE id = :id"))
                        .then();
            });
        });
    }

    /** Stops an event taking registrations; those made stand, and the waiting list still moves up. */
    Mono<RegistrationSettings> close(Viewer viewer, CloseRegistrationsInput in) {
        return Mono.defer(() -> {
            EventRef event = event(in.eventId());
            return settingsChange(viewer, event, (current, update) -> {
                if (current == null) {
                    throw new UserErrorException(UserError.invalid(input("eventId"), "error.noRegistrations"));
                }
                if (!current.accepting()) {
                    return Mono.empty();   // closed already: nothing changes, no history entry
                }
                update.note("registration", describe(current), describe(current.capacity(), current.deadline(),
                        current.seatsPerOrganisation(), false));
                return db.sql("UPDATE registration_event SET accepting = false, closed_reason = 'CLOSED', updated_at = now()"
                        + " WHERE id = :id").bind("id", event.id()).then();
            });
        });
    }

    /** A feature's part in a settings change: validate against the current settings (null: none yet), fill the note, write. */
    @FunctionalInterface
    private interface SettingsEditor {
        Mono<Void> edit(RegistrationSettings current, Update update);
    }

    /**
     * The write path on the event's own row: NOT_FOUND when it is missing or invisible, FORBIDDEN
     * unless the viewer may edit it, then the event must take registrations; the settings row is
     * locked, changed, and the waiting list moves up into any seat that the change frees.
     */
    private <T extends Reservable> Mono<RegistrationSettings> settingsChange(Viewer viewer, EventRef event,
                                                                             SettingsEditor editor) {
        @SuppressWarnings("unchecked")
        EventSource<T> source = (EventSource<T>) event.source();
        UUID id = event.id();
        return writes.update(viewer, Action.EDIT, Target.unversioned(source.rows(), id, input("eventId")),
                (T current, Update update) -> {
                    EventState state = source.state(current);
                    if (state.reason() != null) {
                        throw new UserErrorException(UserError.of(ErrorCode.REGISTRATION_CLOSED, input("eventId"), state.reason()));
                    }
                    if (state.reserved()) {
                        throw new UserErrorException(UserError.of(ErrorCode.REGISTRATION_CLOSED, input("eventId"),
                                "error.eventReserved"));
                    }
                    return lockedSettings(source.eventType(), id)
                            .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                            .flatMap(current0 -> editor.edit(current0.orElse(null), update))
                            .then(Mono.defer(() -> promote(id)));
                },
                eventId -> registrations.settingsOf(viewer, eventId));
    }

    /** The settings row, locked for the transaction (counts left out). */
    private Mono<RegistrationSettings> lockedSettings(String eventType, UUID eventId) {
        return db.sql("SELECT e.id, e.capacity, e.deadline, e.seats_per_organisation, e.accepting, e.closed_reason,"
                        + " e.deadline > now() AS before_deadline, 0::bigint AS confirmed, 0::bigint AS waiting"
                        + " FROM registration_event e WHERE e.id = :id FOR UPDATE")
                .bind("id", eventId).map((row, meta) -> RegistrationSettings.from(row, eventType, true)).one();
    }

    private Mono<Void> promote(UUID eventId) {
        return db.sql("SELECT hub_promote_waiting(:id) AS promoted").bind("id", eventId)
                .map((row, meta) -> row.get("promoted", Integer.class)).one().then();
    }

    private static void requireFuture(OffsetDateTime deadline) {
        if (!deadline.isAfter(OffsetDateTime.now())) {
            throw new UserErrorException(UserError.invalid(input("deadline"), "error.deadlineInPast"));
        }
    }

    /** What the history shows of the settings: numbers and a date, never a person. */
    private static String describe(RegistrationSettings s) {
        return describe(s.capacity(), s.deadline(), s.seatsPerOrganisation(), s.accepting());
    }

    private static String describe(int capacity, OffsetDateTime deadline, Integer perOrganisation, boolean open) {
        return "capacity " + capacity + ", deadline " + deadline.toInstant() + ", seats per organisation "
                + (perOrganisation == null ? "-" : perOrganisation) + (open ? ", open" : ", closed");
    }

    // ------------------------------------------------------------------------------------ registrations

    /** The locked settings of an event and the event's state, as one row. */
    private record Locked(RegistrationSettings settings, EventState state) {
    }

    /**
     * Registers a person of an organisation. In one transaction: the event's settings row is
     * locked, the event must be visible (NOT_FOUND otherwise, as for an unknown ID), the viewer
     * must be allowed to register for the organisation, the event must take registrations, the
     * organisation must have seats left, and then the seat is CONFIRMED, or WAITLISTED when full
     * and the input asks for the waiting list (EVENT_FULL otherwise).
     */
    Mono<Registration> register(Viewer viewer, RegisterInput in) {
        return Mono.defer(() -> {
            EventRef event = event(in.eventId());
            UUID organisationId = GlobalId.require(in.organisationId(), ItemType.ORGANISATION, input("organisationId"));
            Checks checks = new Checks().requiredText("name", in.name(), 200).requiredText("email", in.email(), 254)
                    .optionalText("role", in.role(), 200);
            checks.check(in.email() == null || in.email().isBlank() || EMAIL.matcher(in.email().strip()).matches(),
                    "email", "error.email");
            checks.orThrow();
            String email = in.email().strip();
            return tx.run(writes.atMostOnce(viewer, lockEvent(viewer, event)
                    .flatMap(locked -> {
                        VisibilityPolicy.require(viewer, Action.REGISTER, locked.state().reserved());
                        return requireMayRegisterFor(viewer, organisationId).then(Mono.defer(() -> {
                            requireTakesRegistrations(locked);
                            return seatFor(event.id(), organisationId, locked.settings(), Boolean.TRUE.equals(in.joinWaitingList()));
                        }));
                    })
                    .flatMap(status -> Params.of().with("event", event.id()).with("type", event.source().eventType())
                            .with("organisation", organisationId).with("name", clean(in.name()))
                            .with("email", email).with("role", clean(in.role()), String.class).with("status", status)
                            .with("by", viewer.username())
                            .bind(db.sql("INSERT INTO registration (event_id, event_type, organisation_id, person_name,"
                                    + " person_email, person_role, status, created_by)"
                                    + " VALUES (:event, :type, :organisation, :name, :email, :role, :status, :by) RETURNING id"))
                            .map((row, meta) -> row.get("id", UUID.class)).one())))
                    .onErrorMap(DataIntegrityViolationException.class,
                            e -> new UserErrorException(UserError.invalid(input("email"), "error.alreadyRegistered")))
                    .flatMap(id -> registrations.registration(viewer, id));
        });
    }

    /**
     * Locks the settings row of a visible event and reads the event's state. An event the viewer
     * may not see, or none at all, is NOT_FOUND; a visible event that never opened registrations
     * is REGISTRATION_CLOSED.
     */
    private Mono<Locked> lockEvent(Viewer viewer, EventRef event) {
        EventSource<?> source = event.source();
        String table = source.type().table();
        return db.sql("SELECT e.id, e.capacity, e.deadline, e.seats_per_organisation, e.accepting, e.closed_reason,"
                        + " e.deadline > now() AS before_deadline, 0::bigint AS confirmed, 0::bigint AS waiting, "
                        + source.stateColumns() + " FROM registration_event e JOIN " + table + " x ON x.id = e."
                        + source.parentColumn() + " WHERE e.id = :id AND " + VisibilityPolicy.rowFilter(viewer, "x")
                        + " FOR UPDATE OF e")
                .bind("id", event.id())
                .map((row, meta) -> {
                    EventState state = source.state(row);
                    return new Locked(RegistrationSettings.from(row, source.eventType(), state.takesRegistrations()), state);
                })
                .one()
                .switchIfEmpty(Mono.defer(() -> db.sql("SELECT x.id FROM " + table + " x WHERE x.id = :id AND "
                                + VisibilityPolicy.rowFilter(viewer, "x"))
                        .bind("id", event.id()).map((row, meta) -> true).one()
                        .flatMap(visible -> Mono.<Locked>error(new UserErrorException(UserError.of(
                                ErrorCode.REGISTRATION_CLOSED, input("eventId"), "error.noRegistrations"))))
                        .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("eventId"))))));
    }

    private Mono<Void> requireMayRegisterFor(Viewer viewer, UUID organisationId) {
        return Mono.zip(catalogue.organisation(organisationId)
                                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("organisationId")))),
                        catalogue.organisationByCode(NETWORK_CODE).map(Organisation::id).defaultIfEmpty(new UUID(0, 0)))
                .flatMap(found -> VisibilityPolicy.mayRegisterFor(viewer, found.getT1().code(), found.getT1().networkId(),
                        found.getT2()) ? Mono.<Void>empty()
                        : Mono.error(new UserErrorException(UserError.forbidden("error.mayNotRegisterForOrganisation"))));
    }

    private static void requireTakesRegistrations(Locked locked) {
        EventState state = locked.state();
        String reason = state.reason() != null ? state.reason()
                : !locked.settings().accepting() ? "error.registrationsClosed"
                : !locked.settings().beforeDeadline() ? "error.deadlinePassed"
                : null;
        if (reason != null) {
            throw new UserErrorException(UserError.of(ErrorCode.REGISTRATION_CLOSED, input("eventId"), reason));
        }
    }

    /** CONFIRMED while seats are left, WAITLISTED when full and asked for; the settings row is locked. */
    private Mono<String> seatFor(UUID eventId, UUID organisationId, RegistrationSettings settings, boolean joinWaitingList) {
        Mono<Long> taken = db.sql("SELECT confirmed FROM hub_registration_counts(ARRAY[CAST(:id AS uuid)])")
                .bind("id", eventId).map((row, meta) -> row.get("confirmed", Long.class)).one().defaultIfEmpty(0L);
        Mono<Long> ofOrganisation = db.sql("SELECT count(*) AS n FROM registration"
                        + " WHERE event_id = :id AND organisation_id = :organisation AND status <> 'CANCELLED'")
                .bind("id", eventId).bind("organisation", organisationId)
                .map((row, meta) -> row.get("n", Long.class)).one();
        return Mono.zip(taken, ofOrganisation).map(counts -> {
            Integer limit = settings.seatsPerOrganisation();
            if (limit != null && counts.getT2() >= limit) {
                throw new UserErrorException(UserError.of(ErrorCode.ORGANISATION_LIMIT, input("organisationId"),
                        "error.organisationLimit", String.valueOf(limit)));
            }
            if (counts.getT1() < settings.capacity()) {
                return "CONFIRMED";
            }
            if (joinWaitingList) {
                return "WAITLISTED";
            }
            throw new UserErrorException(UserError.of(ErrorCode.EVENT_FULL, input("eventId"), "error.eventFull"));
        });
    }

    /**
     * Cancels a registration of an organisation the viewer may register for. A CONFIRMED seat
     * freed this way goes to the waiting list, in order.
     */
    Mono<Registration> cancel(Viewer viewer, CancelRegistrationInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.REGISTRATION, input("id"));
            return tx.run(writes.atMostOnce(viewer, registrations.registration(viewer, id)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("id"))))
                    .flatMap(found -> {
                        VisibilityPolicy.require(viewer, Action.REGISTER, false);
                        return requireMayRegisterFor(viewer, found.organisationId()).thenReturn(found);
                    })
                    // the lock order of every registration change: the event's settings, then the registration
                    .flatMap(found -> (found.eventId() == null ? Mono.<Boolean>empty()
                            : db.sql("SELECT id FROM registration_event WHERE id = :id FOR UPDATE").bind("id", found.eventId())
                                    .map((row, meta) -> true).one())
                            .then(db.sql("SELECT status FROM registration WHERE id = :id FOR UPDATE").bind("id", id)
                                    .map((row, meta) -> row.get("status", String.class)).one()))
                    .flatMap(status -> {
                        if ("CANCELLED".equals(status)) {
                            return Mono.error(new UserErrorException(UserError.invalid(input("id"), "error.alreadyCancelled")));
                        }
                        return db.sql("UPDATE registration SET status = 'CANCELLED', cancel_reason = 'CANCELLED_BY_ORGANISATION',"
                                        + " updated_at = now() WHERE id = :id RETURNING event_id")
                                .bind("id", id).map((row, meta) -> java.util.Optional.ofNullable(row.get("event_id", UUID.class))).one()
                                .flatMap(event -> "CONFIRMED".equals(status) && event.isPresent() ? promote(event.get()) : Mono.empty())
                                .thenReturn(id);
                    })))
                    .flatMap(cancelled -> registrations.registration(viewer, cancelled));
        });
    }
}
