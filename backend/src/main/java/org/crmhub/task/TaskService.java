package org.crmhub.task;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.errors.Checks;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Insert;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Parent;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.crmhub.workplan.WorkPlans;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Creates, proposes, changes and deletes tasks: validation and the state machine. Locking,
 * permissions, versions and the audit trail belong to the write path ({@link ItemWrites}).
 */
@Service
public class TaskService {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;
    static final int REASON_MAX = 2000;

    private final DatabaseClient db;
    private final Tasks tasks;
    private final WorkPlans workPlans;
    private final Catalogue catalogue;
    private final ItemWrites writes;

    TaskService(DatabaseClient db, Tasks tasks, WorkPlans workPlans, Catalogue catalogue, ItemWrites writes) {
        this.db = db;
        this.tasks = tasks;
        this.workPlans = workPlans;
        this.catalogue = catalogue;
        this.writes = writes;
    }

    record CreateTaskInput(String workstreamId, String title, String description, String kind, String responsible,
                           String responsibleOrganisationId, LocalDate startDate, LocalDate dueDate, String visibility,
                           List<String> decisionIds) {
    }

    record UpdateTaskInput(String id, Integer expectedVersion, String title, String description, String status,
                           LocalDate startDate, LocalDate dueDate, Integer progress, String responsible, String kind,
                           String responsibleOrganisationId, List<String> decisionIds) {
    }

    record AcceptProposalInput(String id, Integer expectedVersion) {
    }

    record DeclineProposalInput(String id, Integer expectedVersion, String reason) {
    }

    record DeleteTaskInput(String id, Integer expectedVersion) {
    }

    /** createTask (a PLANNED task) or proposeTask (a PROPOSED, OPEN task). */
    Mono<Task> create(Viewer viewer, CreateTaskInput in, boolean proposal) {
        return Mono.defer(() -> {
            UUID workstreamId = GlobalId.require(in.workstreamId(), ItemType.WORKSTREAM, input("workstreamId"));
            UUID organisation = GlobalId.optional(in.responsibleOrganisationId(), ItemType.ORGANISATION,
                    input("responsibleOrganisationId"));
            List<UUID> decisions = decisionIds(in.decisionIds());
            new Checks().requiredText("title", in.title(), TITLE_MAX)
                    .optionalText("description", in.description(), DESCRIPTION_MAX)
                    .dateOrder("startDate", in.startDate(), "dueDate", in.dueDate())
                    .check(!proposal || !"RESERVED".equals(in.visibility()), "visibility", "error.proposalsOpen")
                    .orThrow();
            return writes.create(viewer, proposal ? Action.PROPOSE : Action.EDIT,
                    Parent.of(workPlans.workstream(viewer, workstreamId), input("workstreamId")),
                    workstream -> new Insert(ItemType.TASK, in.visibility())
                            .value("workstream_id", workstreamId, UUID.class)
                            .value("work_plan_id", workstream.workPlanId(), UUID.class)
                            .shown("title", "title", clean(in.title()), String.class)
                            .value("description", clean(in.description()), String.class)
                            .value("kind", in.kind(), String.class)
                            .shown("status", "status", proposal ? "PROPOSED" : "PLANNED", String.class)
                            .value("responsible", in.responsible(), String.class)
                            .value("responsible_organisation_id", organisation, UUID.class)
                            .value("start_date", in.startDate(), LocalDate.class)
                            .value("due_date", in.dueDate(), LocalDate.class)
                            .value("proposed_by", proposal ? viewer.username() : null, String.class)
                            .value("proposed_by_organisations",
                                    proposal ? viewer.organisationCodes().toArray(String[]::new) : null, String[].class)
                            .requires(requireReferences(organisation, decisions))
                            .alsoWrites(id -> linkDecisions(id, decisions)),
                    id -> tasks.task(viewer, id));
        });
    }

    Mono<Task> update(Viewer viewer, UpdateTaskInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.TASK, input("id"));
            UUID organisation = GlobalId.optional(in.responsibleOrganisationId(), ItemType.ORGANISATION,
                    input("responsibleOrganisationId"));
            List<UUID> decisions = in.decisionIds() == null ? null : decisionIds(in.decisionIds());
            new Checks().optionalText("title", in.title(), TITLE_MAX)
                    .optionalText("description", in.description(), DESCRIPTION_MAX)
                    .range("progress", in.progress(), 0, 100).orThrow();
            return writes.update(viewer, Action.EDIT, Target.of(Task.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        Checks checks = new Checks();
                        if (in.status() != null && !in.status().equals(current.status())) {
                            TaskStatus from = TaskStatus.valueOf(current.status());
                            checks.check(from.next().contains(TaskStatus.valueOf(in.status())), "status",
                                    from == TaskStatus.PROPOSED ? "error.proposalTransition" : "error.taskTransition",
                                    current.status(), in.status(), from.next().toString());
                        }
                        LocalDate start = in.startDate() != null ? in.startDate() : current.startDate();
                        LocalDate due = in.dueDate() != null ? in.dueDate() : current.dueDate();
                        checks.dateOrder("startDate", start, in.dueDate() != null ? "dueDate" : "startDate", due).orThrow();
                        update.set("title", "title", current.title(), clean(in.title()), String.class)
                                .set("description", "description", current.description(), clean(in.description()), String.class)
                                .set("status", "status", current.status(), in.status(), String.class)
                                .set("startDate", "start_date", current.startDate(), in.startDate(), LocalDate.class,
                                        text(current.startDate()), text(in.startDate()))
                                .set("dueDate", "due_date", current.dueDate(), in.dueDate(), LocalDate.class,
                                        text(current.dueDate()), text(in.dueDate()))
                                .set("progress", "progress", current.progress(), in.progress(), Integer.class)
                                .set("responsible", "responsible", current.responsible(), in.responsible(), String.class)
                                .set("kind", "kind", current.kind(), in.kind(), String.class)
                                .set("responsibleOrganisation", "responsible_organisation_id",
                                        current.responsibleOrganisationId(), organisation, UUID.class,
                                        global(ItemType.ORGANISATION, current.responsibleOrganisationId()),
                                        global(ItemType.ORGANISATION, organisation));
                        // decisions live in a link table: replace the links, and note the change for the audit trail
                        Mono<Void> decisionChange = decisions == null ? Mono.empty()
                                : tasks.decisionIds(id).flatMap(before -> {
                                    if (new LinkedHashSet<>(before).equals(new LinkedHashSet<>(decisions))) {
                                        return Mono.empty();
                                    }
                                    update.note("decisions", globals(ItemType.DECISION, before),
                                            globals(ItemType.DECISION, decisions));
                                    return db.sql("DELETE FROM task_decision WHERE task_id = :id").bind("id", id).then()
                                            .then(linkDecisions(id, decisions));
                                });
                        return requireReferences(organisation, decisions == null ? List.of() : decisions)
                                .then(decisionChange);
                    },
                    taskId -> tasks.task(viewer, taskId));
        });
    }

    Mono<Task> accept(Viewer viewer, AcceptProposalInput in) {
        return decide(viewer, in.id(), in.expectedVersion(), "PLANNED", null);
    }

    Mono<Task> decline(Viewer viewer, DeclineProposalInput in) {
        return Mono.defer(() -> {
            new Checks().requiredText("reason", in.reason(), REASON_MAX).orThrow();
            return decide(viewer, in.id(), in.expectedVersion(), "CANCELLED", clean(in.reason()));
        });
    }

    /** The tripartite team's decision on a proposal: PROPOSED → PLANNED, or → CANCELLED with a reason. */
    private Mono<Task> decide(Viewer viewer, String rawId, Integer expectedVersion, String status, String reason) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(rawId, ItemType.TASK, input("id"));
            return writes.update(viewer, Action.EDIT, Target.of(Task.ROWS, id, input("id"), expectedVersion),
                    (current, update) -> {
                        if (!current.isPendingProposal()) {
                            throw new UserErrorException(UserError.invalid(input("id"), "error.notAProposal"));
                        }
                        update.set("status", "status", current.status(), status, String.class)
                                .set("declineReason", "decline_reason", current.declineReason(), reason, String.class);
                        return Mono.empty();
                    },
                    taskId -> tasks.task(viewer, taskId));
        });
    }

    Mono<UUID> delete(Viewer viewer, DeleteTaskInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.TASK, input("id"));
            return writes.delete(viewer, Action.EDIT, Target.of(Task.ROWS, id, input("id"), in.expectedVersion()));
        });
    }

    private List<UUID> decisionIds(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ids.add(GlobalId.require(raw.get(i), ItemType.DECISION, List.of("input", "decisionIds", String.valueOf(i))));
        }
        return ids.stream().distinct().toList();
    }

    /** Referenced catalogue entries must exist (they are public, so NOT_FOUND reveals nothing). */
    private Mono<Void> requireReferences(UUID organisation, List<UUID> decisions) {
        Mono<Void> org = organisation == null ? Mono.empty() : catalogue.organisation(organisation)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("responsibleOrganisationId")))).then();
        Mono<Void> dec = decisions.isEmpty() ? Mono.empty() : catalogue.decisionsById(decisions).flatMap(found -> {
            for (int i = 0; i < decisions.size(); i++) {
                if (!found.containsKey(decisions.get(i))) {
                    return Mono.error(VisibilityPolicy.notFound(List.of("input", "decisionIds")));
                }
            }
            return Mono.empty();
        });
        return org.then(dec);
    }

    private Mono<Void> linkDecisions(UUID taskId, List<UUID> decisions) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO task_decision (task_id, decision_id) SELECT :task, unnest(CAST(:decisions AS uuid[]))")
                .bind("task", taskId).bind("decisions", decisions.toArray(UUID[]::new)).then();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String global(ItemType type, UUID id) {
        return id == null ? null : GlobalId.encode(type, id);
    }

    private static List<String> globals(ItemType type, List<UUID> ids) {
        return ids.stream().map(id -> GlobalId.encode(type, id)).toList();
    }
}
