package org.crmhub.suggestion;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.Checks;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Insert;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Parent;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.item.Update;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records suggestions and answers them: validation, the organisation a suggestion is made for,
 * the answer's state machine and its task links. Locking, permissions, versions and the audit
 * trail belong to the write path; the answer is written as an item of its own
 * ({@code suggestion_response}), so that classifying it never touches the suggestion.
 */
@Service
class SuggestionService {

    static final int TEXT_MAX = 4000;
    static final int MADE_AT_MAX = 300;
    static final int REASON_MAX = 4000;
    /** The civil-society network whose secretariat st-rrocm is (V3). */
    private static final String RROCM = "RROCM";

    private final Suggestions suggestions;
    private final Tasks tasks;
    private final Catalogue catalogue;
    private final ItemWrites writes;
    private final DatabaseClient db;

    SuggestionService(Suggestions suggestions, Tasks tasks, Catalogue catalogue, ItemWrites writes, DatabaseClient db) {
        this.suggestions = suggestions;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.writes = writes;
        this.db = db;
    }

    record AddSuggestionInput(String organisationId, String text, String madeAt, LocalDate madeOn) {
    }

    record AnswerSuggestionInput(String suggestionId, Integer expectedVersion, SuggestionStatus status, String reason,
                                 List<String> taskIds, String visibility) {
    }

    Mono<Suggestion> add(Viewer viewer, AddSuggestionInput in) {
        return Mono.defer(() -> {
            UUID organisationId = GlobalId.optional(in.organisationId(), ItemType.ORGANISATION, input("organisationId"));
            new Checks().requiredText("text", in.text(), TEXT_MAX).requiredText("madeAt", in.madeAt(), MADE_AT_MAX).orThrow();
            // the role first: which organisation is meant matters only to those who may suggest at all
            VisibilityPolicy.requireRead(viewer);
            VisibilityPolicy.require(viewer, Action.SUGGEST, false);
            return organisation(viewer, organisationId).flatMap(organisation -> writes.create(viewer, Action.SUGGEST,
                    Parent.none(),
                    none -> new Insert(ItemType.SUGGESTION, null)
                            .shown("organisation", "organisation_id", organisation.id(), UUID.class,
                                    GlobalId.encode(ItemType.ORGANISATION, organisation.id()))
                            .shown("text", "body", clean(in.text()), String.class)
                            .shown("madeAt", "made_at", clean(in.madeAt()), String.class)
                            .shown("madeOn", "made_on", in.madeOn(), LocalDate.class,
                                    in.madeOn() == null ? null : in.madeOn().toString())
                            .requires(requireSpeaksFor(viewer, organisation))
                            // the answer, PENDING and OPEN, is born with the suggestion
                            .alsoWrites(id -> db.sql("INSERT INTO suggestion_response (suggestion_id, created_by)"
                                    + " VALUES (:suggestion, :by)").bind("suggestion", id).bind("by", viewer.username()).then()),
                    id -> suggestions.suggestion(viewer, id)));
        });
    }

    /**
     * Answers a suggestion. The order of refusals tells nothing about a hidden answer: NOT_FOUND
     * for a suggestion that does not exist for the viewer, FORBIDDEN for a role that answers none
     * (whatever the answer), then CONFLICT when the answer is not the one the viewer could read:
     * a stale version, or an answer classified RESERVED since (which, to an uncleared viewer, is
     * exactly a change made by someone else).
     */
    Mono<Suggestion> answer(Viewer viewer, AnswerSuggestionInput in) {
        return Mono.defer(() -> {
            UUID suggestionId = GlobalId.require(in.suggestionId(), ItemType.SUGGESTION, input("suggestionId"));
            List<UUID> taskIds = taskIds(in.taskIds());
            SuggestionStatus status = in.status();
            String reason = clean(in.reason());
            new Checks().check(status != SuggestionStatus.PENDING, "status", "error.answerIsNotPending")
                    .optionalText("reason", in.reason(), REASON_MAX)
                    .check(status != SuggestionStatus.DECLINED || reason != null, "reason", "error.declineNeedsReason")
                    .orThrow();
            return suggestions.answerOf(viewer, suggestionId)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("suggestionId"))))
                    .flatMap(answer -> {
                        VisibilityPolicy.require(viewer, Action.ANSWER, false);
                        if (answer.isEmpty()) {
                            return Mono.error(new UserErrorException(UserError.conflict()));
                        }
                        return writes.update(viewer, Action.ANSWER,
                                        Target.of(SuggestionResponse.ROWS, answer.get(), input("suggestionId"), in.expectedVersion()),
                                        (current, update) -> edit(viewer, in, status, reason, taskIds, current, update),
                                        responseId -> suggestions.suggestion(viewer, suggestionId))
                                // classified RESERVED between the look-up and the lock: as above
                                .onErrorMap(UserErrorException.class, e -> isNotFound(e) ? new UserErrorException(UserError.conflict()) : e);
                    });
        });
    }

    private Mono<Void> edit(Viewer viewer, AnswerSuggestionInput in, SuggestionStatus status, String reason,
                            List<UUID> taskIds, SuggestionResponse current, Update update) {
        SuggestionStatus from = current.statusValue();
        if (from != status && !from.canBecome(status)) {
            throw new UserErrorException(UserError.invalid(input("status"), "error.suggestionTransition", from.name(),
                    status.name(), from.next().isEmpty() ? "-" : String.join(", ", from.next().stream().map(Enum::name).toList())));
        }
        String visibility = in.visibility() == null ? current.visibility() : in.visibility();
        if (!visibility.equals(current.visibility())) {
            VisibilityPolicy.require(viewer, Action.CLASSIFY, current.reserved());
        }
        update.set("status", "status", current.status(), status.name(), String.class)
                .set("visibility", "visibility", current.visibility(), visibility, String.class);
        boolean clearReason = reason == null && current.reason() != null;
        if (reason != null) {
            update.set("reason", "reason", current.reason(), reason, String.class);
        } else if (clearReason) {
            update.note("reason", current.reason(), null);
        }
        Mono<Void> links = taskIds == null ? Mono.empty() : relink(viewer, current.id(), taskIds, update);
        return links.then(Mono.defer(() -> update.isEmpty() ? Mono.<Void>empty()
                : db.sql("UPDATE suggestion_response SET answered_by = :by, answered_at = now()"
                                + (clearReason ? ", reason = NULL" : "") + " WHERE id = :id")
                        .bind("by", viewer.username()).bind("id", current.id()).then()));
    }

    /**
     * Replaces the answer's links to the tasks the viewer may see (links to tasks hidden from the
     * viewer stay, unseen). Every task must exist for the viewer. The audit entry names the linked
     * tasks except reserved ones: an answer's entries follow the answer's classification, and an
     * answer reclassified OPEN must not name a reserved task to uncleared readers of its history.
     */
    private Mono<Void> relink(Viewer viewer, UUID responseId, List<UUID> taskIds, Update update) {
        return tasks.tasks(viewer, taskIds).flatMap(found -> {
            for (int i = 0; i < taskIds.size(); i++) {
                if (!found.containsKey(taskIds.get(i))) {
                    return Mono.error(VisibilityPolicy.notFound(List.of("input", "taskIds", String.valueOf(i))));
                }
            }
            return suggestions.linkedTasks(viewer, responseId).flatMap(before -> {
                List<UUID> beforeIds = before.stream().map(Task::id).toList();
                if (new LinkedHashSet<>(beforeIds).equals(new LinkedHashSet<>(taskIds))) {
                    return Mono.empty();
                }
                List<Task> after = taskIds.stream().map(found::get).toList();
                update.note("tasks", shown(before), shown(after));
                Mono<Void> unlink = beforeIds.isEmpty() ? Mono.empty()
                        : db.sql("DELETE FROM suggestion_task WHERE response_id = :id AND task_id = ANY(:tasks)")
                                .bind("id", responseId).bind("tasks", beforeIds.toArray(UUID[]::new)).then();
                Mono<Void> link = taskIds.isEmpty() ? Mono.empty()
                        : db.sql("INSERT INTO suggestion_task (response_id, task_id) SELECT :id, unnest(CAST(:tasks AS uuid[]))")
                                .bind("id", responseId).bind("tasks", taskIds.toArray(UUID[]::new)).then();
                return unlink.then(link);
            });
        });
    }

    private static List<String> shown(List<Task> linked) {
        return linked.stream().filter(t -> !t.reserved())
                .map(t -> GlobalId.encode(ItemType.TASK, t.id())).toList();
    }

    private static boolean isNotFound(UserErrorException e) {
        return e.errors().stream().anyMatch(error -> error.code() == ErrorCode.NOT_FOUND
                && input("suggestionId").equals(error.field()));
    }

    private static List<UUID> taskIds(List<String> raw) {
        if (raw == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ids.add(GlobalId.require(raw.get(i), ItemType.TASK, List.of("input", "taskIds", String.valueOf(i))));
        }
        return ids.stream().distinct().toList();
    }

    /**
     * The organisation a suggestion is made for: the one named, or the viewer's own when they
     * belong to exactly one. The catalogue is public, so an unknown organisation is NOT_FOUND.
     */
    private Mono<Organisation> organisation(Viewer viewer, UUID organisationId) {
        if (organisationId != null) {
            return catalogue.organisation(organisationId)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("organisationId"))));
        }
        if (viewer.organisationCodes().size() != 1) {
            return Mono.error(new UserErrorException(UserError.invalid(input("organisationId"), "error.nameTheOrganisation")));
        }
        return catalogue.organisationByCode(viewer.organisationCodes().get(0))
                .switchIfEmpty(Mono.error(() -> new UserErrorException(
                        UserError.invalid(input("organisationId"), "error.nameTheOrganisation"))));
    }

    /** Checked once the role may suggest at all: the organisation is the viewer's own, or of st-rrocm's network. */
    private Mono<Void> requireSpeaksFor(Viewer viewer, Organisation organisation) {
        return catalogue.organisationByCode(RROCM).map(Organisation::id).map(Objects::toString).defaultIfEmpty("")
                .flatMap(network -> {
                    boolean inNetwork = organisation.code().equals(RROCM)
                            || (organisation.networkId() != null && organisation.networkId().toString().equals(network));
                    if (!VisibilityPolicy.speaksFor(viewer, organisation.code(), inNetwork)) {
                        return Mono.error(new UserErrorException(UserError.of(ErrorCode.FORBIDDEN, input("organisationId"),
                                "error.notYourOrganisation")));
                    }
                    return Mono.empty();
                });
    }
}
