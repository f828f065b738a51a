package org.crmhub.workplan;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

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
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Creates and changes work plans and workstreams: validation and the work-plan life cycle. Locking,
 * permissions, versions and the audit trail belong to the write path ({@link ItemWrites}).
 */
@Service
public class WorkPlanService {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;

    private final WorkPlans workPlans;
    private final Catalogue catalogue;
    private final ItemWrites writes;

    WorkPlanService(WorkPlans workPlans, Catalogue catalogue, ItemWrites writes) {
        this.workPlans = workPlans;
        this.catalogue = catalogue;
        this.writes = writes;
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
            return writes.create(viewer, Action.EDIT, Parent.none(),
                    hub -> new Insert(ItemType.WORK_PLAN, in.visibility())
                            .shown("title", "title", clean(in.title()), String.class)
                            .value("description", clean(in.description()), String.class)
                            .shown("cycle", "cycle", in.cycle(), Integer.class)
                            .value("presidency_id", presidency, UUID.class)
                            .requires(requireMemberState(presidency)),
                    id -> workPlans.workPlan(viewer, id));
        });
    }

    Mono<WorkPlan> update(Viewer viewer, UpdateWorkPlanInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.WORK_PLAN, input("id"));
            new Checks().optionalText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            UUID presidency = GlobalId.optional(in.presidencyId(), ItemType.ORGANISATION, input("presidencyId"));
            return writes.update(viewer, Action.EDIT, Target.of(WorkPlan.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        if (in.status() != null && !in.status().equals(current.status())
                                && !WorkPlanStatus.valueOf(current.status()).canBecome(WorkPlanStatus.valueOf(in.status()))) {
                            throw new UserErrorException(UserError.invalid(input("status"),
                                    "error.workPlanTransition", current.status(), in.status()));
                        }
                        update.set("title", "title", current.title(), clean(in.title()), String.class)
                                .set("description", "description", current.description(), clean(in.description()), String.class)
                                .set("status", "status", current.status(), in.status(), String.class)
                                .set("presidency", "presidency_id", current.presidencyId(), presidency, UUID.class,
                                        globalOrg(current.presidencyId()), globalOrg(presidency));
                        return requireMemberState(presidency);
                    },
                    planId -> workPlans.workPlan(viewer, planId));
        });
    }

    Mono<Workstream> createWorkstream(Viewer viewer, CreateWorkstreamInput in) {
        return Mono.defer(() -> {
            UUID planId = GlobalId.require(in.workPlanId(), ItemType.WORK_PLAN, input("workPlanId"));
            new Checks().requiredText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            return writes.create(viewer, Action.EDIT, Parent.of(workPlans.workPlan(viewer, planId), input("workPlanId")),
                    plan -> new Insert(ItemType.WORKSTREAM, in.visibility())
                            .value("work_plan_id", planId, UUID.class)
                            .shown("title", "title", clean(in.title()), String.class)
                            .value("description", clean(in.description()), String.class)
                            .shown("lead", "lead", in.lead(), String.class),
                    id -> workPlans.workstream(viewer, id));
        });
    }

    Mono<Workstream> updateWorkstream(Viewer viewer, UpdateWorkstreamInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.WORKSTREAM, input("id"));
            new Checks().optionalText("title", in.title(), TITLE_MAX).optionalText("description", in.description(), DESCRIPTION_MAX).orThrow();
            return writes.update(viewer, Action.EDIT, Target.of(Workstream.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        update.set("title", "title", current.title(), clean(in.title()), String.class)
                                .set("description", "description", current.description(), clean(in.description()), String.class)
                                .set("lead", "lead", current.lead(), in.lead(), String.class);
                        return Mono.empty();
                    },
                    workstreamId -> workPlans.workstream(viewer, workstreamId));
        });
    }

    private Mono<Void> requireMemberState(UUID organisationId) {
        if (organisationId == null) {
            return Mono.empty();
        }
        return catalogue.organisation(organisationId)
                .filter(o -> o.kind().equals("MEMBER_STATE"))
                .switchIfEmpty(Mono.error(() -> new UserErrorException(UserError.invalid(input("presidencyId"),
                        "error.presidencyMemberState"))))
                .then();
    }

    private static String globalOrg(UUID id) {
        return id == null ? null : GlobalId.encode(ItemType.ORGANISATION, id);
    }
}
