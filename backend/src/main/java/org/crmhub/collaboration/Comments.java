package org.crmhub.collaboration;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.errors.Checks;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Insert;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Parent;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Comments on the visible items of the types that take them ({@link ItemType.Shows#COMMENTS}). */
@Service
public class Comments {

    static final Ordering OLDEST_FIRST = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);

    private final Pager pager;
    private final ItemStore store;
    private final ItemWrites writes;

    Comments(Pager pager, ItemStore store, ItemWrites writes) {
        this.pager = pager;
        this.store = store;
        this.writes = writes;
    }

    record AddCommentInput(String subjectId, String body, String visibility) {
    }

    public Mono<Map<UUID, Comment>> comments(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.COMMENT, Comment.COLUMNS, Comment::from, viewer, ids);
    }

    Mono<Map<UUID, Connection<Comment>>> commentsOf(Viewer viewer, List<UUID> subjects, PageRequest page) {
        var query = new Pager.ListQuery(Comment.COLUMNS, "comment", VisibilityPolicy.rowFilter(viewer, "x"), "x.subject_id");
        return pager.fetch(query, Params.of(), page, subjects, Comment::from);
    }

    Mono<Comment> add(Viewer viewer, AddCommentInput in) {
        return Mono.defer(() -> {
            GlobalId subject = GlobalId.parse(in.subjectId())
                    .orElseThrow(() -> new UserErrorException(UserError.invalid(input("subjectId"), "error.invalidId")));
            if (!subject.type().shows(ItemType.Shows.COMMENTS)) {
                throw new UserErrorException(UserError.invalid(input("subjectId"), "error.noCommentsHere"));
            }
            new Checks().requiredText("body", in.body(), 5000).orThrow();
            // the subject may be of any commentable type, so it is read as what all reservable rows share
            ItemRows<ItemRows.Common> subjects = ItemRows.common(subject.type());
            Mono<ItemRows.Common> visibleSubject = store.visibleByIds(subject.type(), subjects.columns(), subjects.mapper(),
                    viewer, List.of(subject.id())).mapNotNull(found -> found.get(subject.id()));
            return writes.create(viewer, Action.CONTRIBUTE, Parent.of(visibleSubject, input("subjectId")),
                    found -> new Insert(ItemType.COMMENT, in.visibility())
                            .value("subject_type", subject.type().table(), String.class)
                            .value("subject_id", subject.id(), UUID.class)
                            .shown("body", "body", clean(in.body()), String.class),
                    id -> comments(viewer, List.of(id)).mapNotNull(m -> m.get(id)));
        });
    }
}
