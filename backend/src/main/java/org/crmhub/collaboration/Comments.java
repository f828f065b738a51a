package org.crmhub.collaboration;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.crmhub.audit.AuditTrail;
import org.crmhub.security.Viewer;
import org.crmhub.errors.Checks;
import org.crmhub.paging.Connection;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemStore.FieldChange;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.database.Params;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Comments on visible work plans, workstreams, tasks and resources. */
@Service
public class Comments {

    static final Ordering OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);
    static final Set<ItemType> COMMENTABLE = Set.of(ItemType.WORK_PLAN, ItemType.WORKSTREAM, ItemType.TASK, ItemType.RESOURCE);

    private final DatabaseClient db;
    private final Pager pager;
    private final AuditTrail audit;
    private final Transactions tx;
    private final org.crmhub.item.ItemStore store;

    Comments(DatabaseClient db, Pager pager, AuditTrail audit, Transactions tx, org.crmhub.item.ItemStore store) {
        this.store = store;
        this.db = db;
        this.pager = pager;
        this.audit = audit;
        this.tx = tx;
    }

    record AddCommentInput(String subjectId, String body, String visibility) {
    }

    public Mono<Map<UUID, Comment>> comments(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.COMMENT, Comment.COLUMNS, Comment::from, viewer, ids);
    }

    Mono<Map<UUID, Connection<Comment>>> commentsOf(Viewer viewer, List<UUID> subjects, PageRequest page) {
        var query = new Pager.ListQuery(Comment.COLUMNS, "comment x",
                "x.subject_id = ANY(:subjects) AND " + VisibilityPolicy.rowFilter(viewer, "x"), "x.subject_id");
        return pager.fetch(query, Params.of().with("subjects", subjects.toArray(UUID[]::new)), page, subjects, Comment::from);
    }

    Mono<Comment> add(Viewer viewer, AddCommentInput in) {
        return Mono.defer(() -> {
            GlobalId subject = GlobalId.parse(in.subjectId())
                    .orElseThrow(() -> new UserErrorException(UserError.invalid(input("subjectId"), "Not a valid ID.")));
            if (!COMMENTABLE.contains(subject.type())) {
                throw new UserErrorException(UserError.invalid(input("subjectId"),
                        "Only work plans, workstreams, tasks and resources take comments."));
            }
            new Checks().requiredText("body", in.body(), 5000).orThrow();
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            String table = subject.type().table();
            return tx.run(db.sql("SELECT x.reserved FROM " + table + " x WHERE x.id = :id AND "
                            + VisibilityPolicy.rowFilter(viewer, "x"))
                    .bind("id", subject.id()).map((row, meta) -> row.get("reserved", Boolean.class)).one()
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("subjectId"))))
                    .flatMap(reserved -> {
                        VisibilityPolicy.require(viewer, Action.CONTRIBUTE, reserved);
                        VisibilityPolicy.requireMayCreateWith(viewer, visibility);
                        return db.sql("""
                                        INSERT INTO comment (subject_type, subject_id, body, visibility, created_by)
                                        VALUES (:type, :subject, :body, :visibility, :by) RETURNING id""")
                                .bind("type", table).bind("subject", subject.id()).bind("body", clean(in.body()))
                                .bind("visibility", visibility).bind("by", viewer.username())
                                .map((row, meta) -> row.get("id", UUID.class)).one();
                    })
                    .flatMap(id -> audit.created(viewer, ItemType.COMMENT, id, List.of(
                                    new FieldChange("body", null, clean(in.body())),
                                    new FieldChange("visibility", null, visibility)))
                            .then(comments(viewer, List.of(id)).mapNotNull(m -> m.get(id)))));
        });
    }
}
