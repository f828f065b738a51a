package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    private static final List<String> RESERVABLE = List.of("work_plan", "workstream", "task", "resource", "indicator",
            "indicator_period", "progress_report", "comment", "audit_entry");

    @Autowired
    DatabaseClient db;

    private static Fixture fixture;

    @BeforeEach
    void plant() {
        if (fixture == null) {
            fixture = new Fixture(as("government"));
        }
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
        String planUuid = org.crmhub.item.GlobalId.parse(fixture.planId).orElseThrow().id().toString();
        Mono<Long> insert = db.sql("INSERT INTO workstream (work_plan_id, title, lead, visibility, created_by)"
                        + " VALUES (CAST(:plan AS uuid), 'sneaky', 'PPT', 'RESERVED', 'x')")
                .bind("plan", planUuid).fetch().rowsUpdated();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> insert.contextWrite(clearance("open")).block())
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
