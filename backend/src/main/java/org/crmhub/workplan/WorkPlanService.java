package org.crmhub.workplan;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.util.List;
import java.util.UUID;
import org.crmhub.audit.AuditTrail;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.security.Viewer;
import org.crmhub.errors.Checks;
import org.crmhub.database.DatabaseConfig.Transactions;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemStore.FieldChange;
import org.crmhub.item.ItemStore.Update;
import org.crmhub.item.ItemType;
import org.crmhub.database.Params;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Creates and changes work plans and workstreams: validation, permissions, versions, audit. */
@Service
public class WorkPlanService {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;

    private final DatabaseClient db;
    private final WorkPlans workPlans;
    private final Catalogue catalogue;
    private final ItemStore store;
    private final AuditTrail audit;
    private final Transactions tx;

    WorkPlanService(DatabaseClient db, WorkPlans workPlans, Catalogue catalogue, ItemStore store, AuditTrail audit,
                    Transactions tx) {
        this.db = db;
        this.workPlans = workPlans;
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.tx = tx;
    }

    record CreateWorkPlanInput(String title, String description, Integer cycle, String presidencyId, String visibility) {
    }

    record UpdateWorkPlanInput(String id, Integer expectedVersion, String title, String description, String status,
                               String presidencyId) {
    }

    record CreateWorkstreamInput(String workPlanId, String title, String description, String lead, String visibility) {
    }

    record UpdateWorkstreamInput(String id, Integer expectedVersion, String title, String description, String lead) {
    }

    Mono<WorkPlan> create(Viewer viewer, CreateWorkPlanInput in) {
        return Mono.defer(() -> {
            new Checks().requiredText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX)
                    .range("cycle", in.cycle(), 1990, 2200).orThrow();
            UUID presidency = GlobalId.optional(in.presidencyId(), ItemType.ORGANISATION, input("presidencyId"));
            VisibilityPolicy.requireRead(viewer);
            VisibilityPolicy.require(viewer, Action.EDIT, false);
            VisibilityPolicy.requireMayCreateWith(viewer, in.visibility());
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            return tx.run(requireMemberState(presidency)
                    .then(Params.of().with("title", clean(in.title())).with("description", clean(in.description()), String.class)
                            .with("cycle", in.cycle()).with("presidency", presidency, UUID.class)
                            .with("visibility", visibility).with("by", viewer.username())
                            .bind(db.sql("""
                                    INSERT INTO work_plan (title, description, cycle, presidency_id, visibility, created_by)
                                    VALUES (:title, :description, :cycle, :presidency, :visibility, :by) RETURNING id"""))
                            .map((row, meta) -> row.get("id", UUID.class)).one())
                    .flatMap(id -> audit.created(viewer, ItemType.WORK_PLAN, id, List.of(
                                    new FieldChange("title", null, clean(in.title())),
                                    new FieldChange("cycle", null, in.cycle()),
                                    new FieldChange("visibility", null, visibility)))
                            .then(workPlans.workPlan(viewer, id))));
        });
    }

    Mono<WorkPlan> update(Viewer viewer, UpdateWorkPlanInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.WORK_PLAN, input("id"));
            new Checks().optionalText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            UUID presidency = GlobalId.optional(in.presidencyId(), ItemType.ORGANISATION, input("presidencyId"));
            return tx.run(workPlans.lockWorkPlan(viewer, id, input("id")).flatMap(current -> {
                VisibilityPolicy.require(viewer, Action.EDIT, current.reserved());
                ItemStore.requireVersion(current.version(), in.expectedVersion());
                if (in.status() != null && !in.status().equals(current.status())
                        && !WorkPlanStatus.valueOf(current.status()).canBecome(WorkPlanStatus.valueOf(in.status()))) {
                    throw new UserErrorException(UserError.invalid(input("status"),
                            "A work plan goes DRAFT → ADOPTED → CLOSED; it cannot go from " + current.status() + " to " + in.status() + "."));
                }
                Update update = new Update()
                        .set("title", "title", current.title(), clean(in.title()), String.class)
                        .set("description", "description", current.description(), clean(in.description()), String.class)
                        .set("status", "status", current.status(), in.status(), String.class)
                        .set("presidency", "presidency_id", current.presidencyId(), presidency, UUID.class,
                                globalOrg(current.presidencyId()), globalOrg(presidency));
                return requireMemberState(presidency)
                        .then(store.apply(ItemType.WORK_PLAN, id, update))
                        .then(audit.updated(viewer, ItemType.WORK_PLAN, id, update.changes()))
                        .then(workPlans.workPlan(viewer, id));
            }));
        });
    }

    Mono<Workstream> createWorkstream(Viewer viewer, CreateWorkstreamInput in) {
        return Mono.defer(() -> {
            UUID planId = GlobalId.require(in.workPlanId(), ItemType.WORK_PLAN, input("workPlanId"));
            new Checks().requiredText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            return tx.run(workPlans.workPlan(viewer, planId)
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("workPlanId"))))
                    .flatMap(plan -> {
                        VisibilityPolicy.require(viewer, Action.EDIT, plan.reserved());
                        VisibilityPolicy.requireMayCreateWith(viewer, in.visibility());
                        return Params.of().with("plan", planId).with("title", clean(in.title()))
                                .with("description", clean(in.description()), String.class)
                                .with("lead", in.lead()).with("visibility", visibility).with("by", viewer.username())
                                .bind(db.sql("""
                                        INSERT INTO workstream (work_plan_id, title, description, lead, visibility, created_by)
                                        VALUES (:plan, :title, :description, :lead, :visibility, :by) RETURNING id"""))
                                .map((row, meta) -> row.get("id", UUID.class)).one();
                    })
                    .flatMap(id -> audit.created(viewer, ItemType.WORKSTREAM, id, List.of(
                                    new FieldChange("title", null, clean(in.title())),
                                    new FieldChange("lead", null, in.lead()),
                                    new FieldChange("visibility", null, visibility)))
                            .then(workPlans.workstream(viewer, id))));
        });
    }

    Mono<Workstream> updateWorkstream(Viewer viewer, UpdateWorkstreamInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.WORKSTREAM, input("id"));
            new Checks().optionalText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            return tx.run(workPlans.lockWorkstream(viewer, id, input("id")).flatMap(current -> {
                VisibilityPolicy.require(viewer, Action.EDIT, current.reserved());
                ItemStore.requireVersion(current.version(), in.expectedVersion());
                Update update = new Update()
                        .set("title", "title", current.title(), clean(in.title()), String.class)
                        .set("description", "description", current.description(), clean(in.description()), String.class)
                        .set("lead", "lead", current.lead(), in.lead(), String.class);
                return store.apply(ItemType.WORKSTREAM, id, update)
                        .then(audit.updated(viewer, ItemType.WORKSTREAM, id, update.changes()))
                        .then(workPlans.workstream(viewer, id));
            }));
        });
    }

    private Mono<Void> requireMemberState(UUID organisationId) {
        if (organisationId == null) {
            return Mono.empty();
        }
        return catalogue.organisation(organisationId)
                .filter(o -> o.kind().equals("MEMBER_STATE"))
                .switchIfEmpty(Mono.error(() -> new UserErrorException(UserError.invalid(input("presidencyId"),
                        "The presidency must be a Member State of the CRM."))))
                .then();
    }

    private static String globalOrg(UUID id) {
        return id == null ? null : GlobalId.encode(ItemType.ORGANISATION, id);
    }
}
