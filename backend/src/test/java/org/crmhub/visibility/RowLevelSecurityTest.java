package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crmhub.item.GlobalId;
import org.crmhub.database.Params;
import org.crmhub.item.ItemType;
import org.crmhub.registration.Registrations;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The second wall on its own: queries with no application filter at all, through the hub's own
 * connection pool and database role, still return only what the caller's clearance allows.
 */
class RowLevelSecurityTest extends HubTest {

    /** The tables of the reservable item types: the one list is ItemType. */
    private static final Set<String> ITEM_TABLES = ItemType.reservableTypes().stream().map(ItemType::table)
            .collect(Collectors.toCollection(TreeSet::new));

    /**
     * Rows that belong to one reservable item and are exactly as reserved as it, with no visibility
     * of their own: an indicator's values, an item's audit entries, a contribution's payments, a meeting's agenda and
     * links; and the published reports, whose governments' edition is reserved (V16).
     */
    private static final Set<String> OWNED_ROWS = Set.of("indicator_period", "audit_entry", "contribution_payment",
            "meeting_agenda_item", "meeting_linked_decision", "meeting_linked_task", "published_report");

    /**
     * Links with no reservation column: a decision link's policy follows its task, a suggestion's
     * task link follows both its task and its answer.
     */
    private static final Set<String> LINKS = Set.of("task_decision", "suggestion_task");

    /**
     * Registrations for events (V14): personal data of an organisation, not reservable. An event's
     * settings follow its task; a registration follows the setting hub.registrants.
     */
    private static final Set<String> REGISTRATION_TABLES = Set.of("registration_event", "registration");

    /** Every table that carries a derived {@code reserved} flag. */
    private static final List<String> RESERVABLE = Stream.concat(ITEM_TABLES.stream(), OWNED_ROWS.stream()).sorted().toList();

    @Autowired
    DatabaseClient db;

    private static Fixture fixture;

    @BeforeEach
    void plant() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
        }
    }

    /** The rows of a one-column catalogue query, as text. */
    private Set<String> strings(String sql) {
        return new TreeSet<>(db.sql(sql).map((row, meta) -> row.get(0, String.class)).all().collectList().block());
    }

    private long count(String sql, Context clearance) {
        Mono<Long> query = db.sql(sql).map((row, meta) -> ((Number) row.get(0)).longValue()).one();
        return (clearance == null ? query : query.contextWrite(clearance)).block();
    }

    private static Context clearance(String clearance) {
        return Context.of(ClearanceConnectionFactory.CONTEXT_KEY, clearance);
    }

    @Test
    void theApiRoleIsBoundByRowLevelSecurity() {
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = current_user AND NOT rolsuper AND NOT rolbypassrls",
                clearance("open"))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tableowner = current_user", clearance("open"))).isZero();
        for (String table : RESERVABLE) {
            assertThat(count("SELECT count(*) FROM pg_class WHERE relname = '" + table + "' AND relrowsecurity", clearance("open")))
                    .as(table).isEqualTo(1);
        }
    }

    /**
     * The migrations cannot read ItemType, so the catalogue is asked instead: the tables that carry
     * their own visibility, the derivation and cascade triggers, the parent lookup's whitelist, the
     * row-level-security policies and the comment clean-up cover exactly the reservable item types
     * (plus the rows owned by one item). A new reservable type without its migration fails here,
     * as does a migration that covers a table the code does not treat as reservable.
     */
    @Test
    void theMigrationsCoverExactlyTheReservableItemTypes() {
        // pg_attribute rather than information_schema: the latter hides tables the API role may not read
        String tablesWithColumn = "SELECT c.relname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT a.attisdropped AND a.attname = ";
        assertThat(strings(tablesWithColumn + "'visibility'"))
                .as("tables with a visibility of their own").isEqualTo(ITEM_TABLES);
        assertThat(strings(tablesWithColumn + "'reserved'"))
                .as("tables with a derived reservation").containsExactlyInAnyOrderElementsOf(RESERVABLE);

        Set<String> secured = new TreeSet<>(RESERVABLE);
        secured.addAll(LINKS);
        secured.addAll(REGISTRATION_TABLES);
        assertThat(strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity"))
                .as("tables with row-level security").isEqualTo(secured);
        assertThat(strings("SELECT tablename::text FROM pg_policies WHERE schemaname = 'public'"))
                .as("tables with a policy").isEqualTo(secured);
        assertThat(strings("SELECT tablename::text FROM pg_policies WHERE schemaname = 'public'"
                + " AND qual = 'hub_may_see(reserved)' AND with_check = 'hub_may_see(reserved)'"))
                .as("tables whose policy reads the clearance").containsExactlyInAnyOrderElementsOf(RESERVABLE);

        String triggersOf = "SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.proname = ";
        assertThat(strings(triggersOf + "c.relname || '_derive_reserved'"))
                .as("tables deriving reserved before each write").containsExactlyInAnyOrderElementsOf(RESERVABLE);
        assertThat(strings(triggersOf + "'hub_cascade_reserved'"))
                .as("tables passing a change of reserved down to their children").isEqualTo(ITEM_TABLES);
        Set<String> commented = new TreeSet<>(ITEM_TABLES);
        commented.remove(ItemType.COMMENT.table());   // comments take no comments
        assertThat(strings(triggersOf + "'hub_delete_comments'"))
                .as("tables whose deletion deletes the comments on the item").isEqualTo(commented);

        // hub_item_reserved looks parents up in a whitelist of tables: exactly the item tables
        Set<String> accepted = new HashSet<>();
        for (String table : strings("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")) {
            boolean ok = db.sql("SELECT hub_item_reserved(:table, :id, false) IS NULL AS missing")
                    .bind("table", table).bind("id", UUID.randomUUID())
                    .map((row, meta) -> row.get("missing", Boolean.class)).one()
                    .onErrorResume(e -> {
                        assertThat(e).hasMessageContaining("not a reservable item type");
                        return Mono.just(false);
                    })
                    .block();
            if (ok) {
                accepted.add(table);
            }
        }
        assertThat(accepted).as("tables the parent lookup accepts").containsExactlyInAnyOrderElementsOf(ITEM_TABLES);
    }

    @Test
    void anUnfilteredQueryReturnsNoReservedRowToAnUnclearedCaller() {
        String marked = "SELECT count(*) FROM task WHERE title LIKE '%" + fixture.marker + "%'";
        assertThat(count(marked, clearance("reserved"))).isEqualTo(2);
        assertThat(count(marked, clearance("open"))).isZero();
        assertThat(count("SELECT count(*) FROM task WHERE reserved", clearance("open"))).isZero();
        assertThat(count("SELECT count(*) FROM comment WHERE body LIKE '%" + fixture.marker + "%'", clearance("open"))).isZero();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE changes::text LIKE '%" + fixture.marker + "%'", clearance("open"))).isZero();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE changes::text LIKE '%" + fixture.marker + "%'", clearance("reserved"))).isPositive();
        assertThat(count("SELECT coalesce(sum(amount), 0) FROM resource WHERE amount = 7777.77", clearance("open"))).isZero();
        // no clearance at all (a forgotten context, hub-admin): no reservable row whatsoever
        for (String table : RESERVABLE) {
            assertThat(count("SELECT count(*) FROM " + table, null)).as(table).isZero();
            assertThat(count("SELECT count(*) FROM " + table, clearance("none"))).as(table).isZero();
        }
        assertThat(count("SELECT count(*) FROM decision", null)).isEqualTo(38);   // the catalogue is public
    }

    /**
     * The demo's suggestion on visa rules (V15, demo-data.sql): the suggestion is OPEN, its answer
     * RESERVED and linked to the reserved visa consultation. Without any application filter, an
     * uncleared caller reads the suggestion, and neither the answer nor its link.
     */
    @Test
    void aReservedAnswerAndItsTaskLinksAreHiddenWhileItsSuggestionIsNot() {
        String suggestion = "'d0000000-0000-4000-8000-000000000907'";
        String answer = "'d0000000-0000-4000-8000-000000001007'";
        String reservedTask = "'d0000000-0000-4000-8000-000000000209'";
        for (String sql : List.of("SELECT count(*) FROM suggestion_response WHERE suggestion_id = " + suggestion,
                "SELECT count(*) FROM suggestion_task WHERE response_id = " + answer,
                "SELECT count(*) FROM suggestion_task WHERE task_id = " + reservedTask)) {
            assertThat(count(sql, clearance("reserved"))).as(sql).isEqualTo(1);
            assertThat(count(sql, clearance("open"))).as(sql).isZero();
        }
        assertThat(count("SELECT count(*) FROM suggestion WHERE id = " + suggestion, clearance("open"))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM suggestion_task", clearance("none"))).isZero();
        // and it cannot be linked to by a caller who cannot see the task
        Mono<Long> link = db.sql("INSERT INTO suggestion_task (response_id, task_id) SELECT r.id, "
                        + reservedTask + "::uuid FROM suggestion_response r WHERE NOT r.reserved LIMIT 1")
                .fetch().rowsUpdated();
        assertThatThrownBy(() -> link.contextWrite(clearance("open")).block()).hasMessageContaining("row-level security");
    }

    @Test
    void anUnclearedCallerCannotWriteAReservedRowEvenWithoutTheApplicationsChecks() {
        String planUuid = GlobalId.parse(fixture.planId).orElseThrow().id().toString();
        Mono<Long> insert = db.sql("INSERT INTO workstream (work_plan_id, title, lead, visibility, created_by)"
                        + " VALUES (CAST(:plan AS uuid), 'sneaky', 'PPT', 'RESERVED', 'x')")
                .bind("plan", planUuid).fetch().rowsUpdated();
        assertThatThrownBy(() -> insert.contextWrite(clearance("open")).block())
                .hasMessageContaining("row-level security");
        assertThat(count("SELECT count(*) FROM workstream WHERE title = 'sneaky'", clearance("reserved"))).isZero();
        long updated = db.sql("UPDATE task SET title = 'defaced' WHERE reserved").fetch().rowsUpdated()
                .contextWrite(clearance("open")).block();
        assertThat(updated).isZero();
    }

    @Test
    void oneRequestsClearanceNeverLeaksIntoTheNextOnAPooledConnection() {
        String marked = "SELECT count(*) FROM task WHERE title LIKE '%" + fixture.marker + "%'";
        List<Boolean> wrong = Flux.range(0, 400)
                .flatMap(i -> {
                    String clearance = switch (i % 3) {
                        case 0 -> "reserved";
                        case 1 -> "open";
                        default -> "none";
                    };
                    long expected = clearance.equals("reserved") ? 2 : 0;
                    return db.sql(marked).map((row, meta) -> ((Number) row.get(0)).longValue()).one()
                            .contextWrite(clearance(clearance))
                            .map(n -> n != expected);
                }, 32)
                .filter(Boolean::booleanValue)
                .collectList().block();
        assertThat(wrong).isEmpty();
    }

    private static Context viewer(Role role, String... organisations) {
        return ClearanceConnectionFactory.forViewer(new Viewer("probe", EnumSet.of(role), List.of(organisations)));
    }

    /**
     * Registrations without the application's filter: civil society reads its own organisation's
     * rows only, observers and callers without a context none, the roles that see all of them all;
     * nobody writes a row of an organisation they may not see. The demo data registers people of
     * several organisations for the consular-protection workshop.
     */
    @Test
    void registrationsAreReadAndWrittenOnlyByThoseTheRegistrantsSettingAllows() {
        String all = "SELECT count(*) FROM registration";
        long total = count(all, ClearanceConnectionFactory.system());
        long honduras = count(all + " r JOIN organisation o ON o.id = r.organisation_id WHERE o.code = 'CSO-HN-1'",
                ClearanceConnectionFactory.system());
        assertThat(honduras).isPositive().isLessThan(total);
        assertThat(count(all, viewer(Role.CIVIL_SOCIETY, "CSO-HN-1"))).isEqualTo(honduras);
        assertThat(count("SELECT count(*) FROM registration WHERE person_email LIKE '%ixcoy%'", viewer(Role.CIVIL_SOCIETY, "CSO-HN-1")))
                .isZero();
        assertThat(count(all, viewer(Role.CIVIL_SOCIETY, "CSO-HN-1,CSO-GT-1"))).as("a code cannot smuggle a list").isZero();
        assertThat(count(all, viewer(Role.OBSERVER, "CSO-HN-1"))).isZero();
        assertThat(count(all, viewer(Role.HUB_ADMIN))).isZero();
        assertThat(count(all, null)).isZero();
        assertThat(count(all, clearance("reserved"))).as("clearance alone shows no registration").isZero();
        for (Role role : List.of(Role.PPT, Role.GOVERNMENT, Role.ST_CRM, Role.ST_RROCM)) {
            assertThat(count(all, viewer(role))).as(role.claimValue()).isEqualTo(total);
        }
        // counts for everyone who sees the event (numbers only), though the rows are hidden
        assertThat(count("SELECT confirmed FROM hub_registration_counts(ARRAY['d0000000-0000-4000-8000-000000000206'::uuid])",
                viewer(Role.OBSERVER))).isEqualTo(4);
        // no writing another organisation's rows (an update that changes nothing reaches only its own)
        long updated = db.sql("UPDATE registration SET person_name = person_name").fetch().rowsUpdated()
                .contextWrite(viewer(Role.CIVIL_SOCIETY, "CSO-HN-1")).block();
        assertThat(updated).isEqualTo(honduras);
        Mono<Long> sneak = db.sql("INSERT INTO registration (event_id, organisation_id, person_name, person_email, status, created_by)"
                        + " SELECT 'd0000000-0000-4000-8000-000000000206', o.id, 'Sneaky', 's@example.org', 'CONFIRMED', 'x'"
                        + " FROM organisation o WHERE o.code = 'CSO-GT-1'").fetch().rowsUpdated();
        assertThatThrownBy(() -> sneak.contextWrite(viewer(Role.CIVIL_SOCIETY, "CSO-HN-1")).block())
                .hasMessageContaining("row-level security");
        // the settings of a reserved event exist for cleared callers only
        String reservedEvent = GlobalId.parse(fixture.reservedTaskId).orElseThrow().id().toString();
        db.sql("INSERT INTO registration_event (id, task_id, capacity, deadline, created_by) VALUES"
                        + " (CAST(:id AS uuid), CAST(:id AS uuid), 3, now() + interval '1 day', 'test') ON CONFLICT DO NOTHING")
                .bind("id", reservedEvent).then().contextWrite(ClearanceConnectionFactory.system()).block();
        String settings = "SELECT count(*) FROM registration_event WHERE id = '" + reservedEvent + "'";
        assertThat(count(settings, clearance("reserved"))).isEqualTo(1);
        assertThat(count(settings, clearance("open"))).isZero();
        assertThat(count("SELECT count(*) FROM hub_registration_counts(ARRAY['" + reservedEvent + "'::uuid])", clearance("open")))
                .isZero();
    }

    @Test
    void thePoliciesAgreeWithTheApplicationsVisibilityRule() {
        for (Set<Role> roles : List.of(EnumSet.of(Role.GOVERNMENT), EnumSet.of(Role.CIVIL_SOCIETY), EnumSet.of(Role.HUB_ADMIN))) {
            Viewer viewer = new Viewer("probe", roles, List.of());
            for (String table : RESERVABLE) {
                long byPolicy = count("SELECT count(*) FROM " + table, ClearanceConnectionFactory.forViewer(viewer));
                long byApplication = count("SELECT count(*) FROM " + table + " x WHERE "
                        + VisibilityPolicy.rowFilter(viewer, "x"), ClearanceConnectionFactory.system());
                assertThat(byPolicy).as("%s for %s", table, roles).isEqualTo(byApplication);
            }
        }
        for (Role role : Role.values()) {
            Viewer viewer = new Viewer("probe", EnumSet.of(role), List.of("CSO-HN-1"));
            Params params = Params.of();
            String filter = Registrations.visible(viewer, params);
            long byPolicy = count("SELECT count(*) FROM registration", ClearanceConnectionFactory.forViewer(viewer));
            long byApplication = params.bind(db.sql("SELECT count(*) AS n FROM registration x WHERE " + filter))
                    .map((row, meta) -> row.get("n", Long.class)).one().contextWrite(ClearanceConnectionFactory.system()).block();
            assertThat(byPolicy).as("registration for %s", role).isEqualTo(byApplication);
        }
    }

    @Test
    void aPlansReportsAreAsReservedAsThePlanItselfAtTheDatabase() {
        Fixture own = new Fixture(as("government"));
        String plan = GlobalId.parse(own.planId).orElseThrow().id().toString();
        // both editions of a quarter, showing no item (so no reclassification touches them)
        for (String edition : List.of("CIVIL_SOCIETY", "GOVERNMENT")) {
            db.sql("INSERT INTO published_report (work_plan_id, period_from, period_to, edition, language, pdf, html,"
                            + " shown_items, published_at) VALUES ('" + plan + "', '2031-01-01', '2031-03-31', '" + edition
                            + "', 'en', '\\x00', '\\x00', '{}', now())")
                    .then().contextWrite(ClearanceConnectionFactory.system()).block();
        }
        String editions = "SELECT count(*) FROM published_report WHERE work_plan_id = '" + plan + "'";
        assertThat(count(editions, clearance("open"))).isEqualTo(1);
        assertThat(count(editions, clearance("reserved"))).isEqualTo(2);

        // the plan reserved: its civil-society edition leaves the uncleared view in the same transaction
        setPlanVisibility(own.planId, plan, "RESERVED");
        assertThat(count(editions, clearance("open"))).isZero();
        assertThat(count(editions, clearance("reserved"))).isEqualTo(2);

        setPlanVisibility(own.planId, plan, "OPEN");
        assertThat(count(editions, clearance("open"))).isEqualTo(1);
    }

    private void setPlanVisibility(String planId, String planUuid, String visibility) {
        long version = count("SELECT version FROM work_plan WHERE id = '" + planUuid + "'", clearance("reserved"));
        as("government").documentName("setVisibility").variable("input", java.util.Map.of("id", planId,
                "expectedVersion", version, "visibility", visibility)).execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
    }
}
