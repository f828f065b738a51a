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

    public Flux<Decision> decisions() {
        return db.sql("SELECT id, meeting, number, title FROM decision ORDER BY meeting, number")
                .map((row, meta) -> Decision.from(row)).all();
    }

    public Mono<Map<UUID, Decision>> decisionsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, meeting, number, title FROM decision WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> Decision.from(row)).all()
                .collectMap(Decision::id);
    }

    /** The decisions of each task, by meeting and number (one statement for all the tasks). */
    public Mono<Map<UUID, List<Decision>>> decisionsOfTasks(Collection<UUID> taskIds) {
        return db.sql("""
                        SELECT td.task_id, d.id, d.meeting, d.number, d.title
                        FROM task_decision td JOIN decision d ON d.id = td.decision_id
                        WHERE td.task_id = ANY(:ids) ORDER BY d.meeting, d.number""")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), Decision.from(row))).all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
