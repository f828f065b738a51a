package org.crmhub.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.database.Params;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the catalogue. Organisations and decisions are public: no visibility applies to them. */
@Repository
public class Catalogue {

    private final DatabaseClient db;

    public Catalogue(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Organisation> organisations(String kind) {
        return Params.of().with("kind", kind, String.class)
                .bind(db.sql("SELECT " + Organisation.COLUMNS + " FROM organisation o"
                        + " WHERE CAST(:kind AS text) IS NULL OR o.kind = CAST(:kind AS text) ORDER BY o.name"))
                .map((row, meta) -> Organisation.from(row)).all();
    }

    public Mono<Map<UUID, Organisation>> organisationsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT " + Organisation.COLUMNS + " FROM organisation o WHERE o.id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> Organisation.from(row)).all()
                .collectMap(Organisation::id);
    }

    public Mono<Organisation> organisation(UUID id) {
        return organisationsById(List.of(id)).mapNotNull(m -> m.get(id));
    }

    public Mono<Organisation> organisationByCode(String code) {
        return db.sql("SELECT " + Organisation.COLUMNS + " FROM organisation o WHERE o.code = :code")
                .bind("code", code).map((row, meta) -> Organisation.from(row)).one();
    }

    /** The decisions of one meeting (all of them when {@code meeting} is null), by meeting and number. */
    public Flux<Decision> decisions(String meeting) {
        return Params.of().with("meeting", meeting, String.class)
                .bind(db.sql("SELECT " + Decision.COLUMNS + " FROM decision d"
                        + " WHERE CAST(:meeting AS text) IS NULL OR d.meeting = CAST(:meeting AS text) ORDER BY d.meeting, d.number"))
                .map((row, meta) -> Decision.from(row)).all();
    }

    public Mono<Map<UUID, Decision>> decisionsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT " + Decision.COLUMNS + " FROM decision d WHERE d.id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> Decision.from(row)).all()
                .collectMap(Decision::id);
    }

    /** The presidency's succession, by cycle. */
    public Flux<PresidencyTerm> presidencies() {
        return db.sql("SELECT cycle, organisation_id, decision_id FROM presidency_term ORDER BY cycle")
                .map((row, meta) -> PresidencyTerm.from(row)).all();
    }

    /** The Member Country holding the presidency in each of these cycles that the catalogue records. */
    public Mono<Map<Integer, Organisation>> presidentsOf(Collection<Integer> cycles) {
        if (cycles.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT pt.cycle, " + Organisation.COLUMNS
                        + " FROM presidency_term pt JOIN organisation o ON o.id = pt.organisation_id WHERE pt.cycle = ANY(:cycles)")
                .bind("cycles", cycles.toArray(Integer[]::new))
                .map((row, meta) -> Map.entry(row.get("cycle", Integer.class), Organisation.from(row))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The decisions of each task, by meeting and number (one statement for all the tasks). */
    public Mono<Map<UUID, List<Decision>>> decisionsOfTasks(Collection<UUID> taskIds) {
        return db.sql("""
                        SELECT td.task_id, d.id, d.meeting, d.number, d.title, d.summary
                        FROM task_decision td JOIN decision d ON d.id = td.decision_id
                        WHERE td.task_id = ANY(:ids) ORDER BY d.meeting, d.number""")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), Decision.from(row))).all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
