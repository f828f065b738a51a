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
import org.crmhub.item.ItemType;
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
     * of their own: an indicator's values, an item's audit entries and a contribution's payments;
     * and the published reports, whose governments' edition is reserved (V16).
     */
    private static final Set<String> OWNED_ROWS = Set.of("indicator_period", "audit_entry", "contribution_payment",
            "published_report");

    /** A decision link has no reservation column; its policy follows its task. */
    private static final String TASK_LINKS = "task_decision";

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
        secured.add(TASK_LINKS);
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
    }
}
