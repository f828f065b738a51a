package org.crmhub.resource;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.math.BigDecimal;
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
import org.crmhub.item.Reservable;
import org.crmhub.security.Viewer;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.crmhub.workplan.WorkPlans;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Identifies, changes and deletes resources: validation and the state machine. Locking,
 * permissions, versions and the audit trail belong to the write path ({@link ItemWrites}).
 */
@Service
public class ResourceService {

    static final int DESCRIPTION_MAX = 2000;

    private final Resources resources;
    private final WorkPlans workPlans;
    private final Tasks tasks;
    private final Catalogue catalogue;
    private final ItemWrites writes;

    ResourceService(Resources resources, WorkPlans workPlans, Tasks tasks, Catalogue catalogue, ItemWrites writes) {
        this.resources = resources;
        this.workPlans = workPlans;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.writes = writes;
    }

    record CreateResourceInput(String workPlanId, String taskId, String kind, String status, String description,
                               String providerId, BigDecimal amount, String currency, String visibility) {
    }

    record UpdateResourceInput(String id, Integer expectedVersion, String status, String description, String providerId,
                               BigDecimal amount, String currency) {
    }

    record DeleteResourceInput(String id, Integer expectedVersion) {
    }

    Mono<Resource> create(Viewer viewer, CreateResourceInput in) {
        return Mono.defer(() -> {
            UUID planId = GlobalId.require(in.workPlanId(), ItemType.WORK_PLAN, input("workPlanId"));
            UUID taskId = GlobalId.optional(in.taskId(), ItemType.TASK, input("taskId"));
            UUID provider = GlobalId.optional(in.providerId(), ItemType.ORGANISATION, input("providerId"));
            new Checks().requiredText("description", in.description(), DESCRIPTION_MAX)
                    .amount("amount", in.amount()).currency("currency", in.currency())
                    .check(in.amount() == null || in.currency() != null, "currency", "error.currencyWithAmount")
                    .check(in.currency() == null || in.amount() != null, "amount", "error.amountWithCurrency")
                    .orThrow();
            // The parent is the task when given, the work plan otherwise; both must be visible.
            Parent<Reservable> parent = taskId == null
                    ? Parent.of(workPlans.workPlan(viewer, planId), input("workPlanId"))
                    : Parent.of(workPlans.workPlan(viewer, planId)
                            .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("workPlanId"))))
                            .then(tasks.task(viewer, taskId))
                            .map(task -> {
                                if (!task.workPlanId().equals(planId)) {
                                    throw new UserErrorException(UserError.invalid(input("taskId"), "error.taskOfAnotherPlan"));
                                }
                                return task;
                            }), input("taskId"));
            return writes.create(viewer, Action.EDIT, parent,
                    found -> new Insert(ItemType.RESOURCE, in.visibility())
                            .value("work_plan_id", planId, UUID.class)
                            .value("task_id", taskId, UUID.class)
                            .shown("kind", "kind", in.kind(), String.class)
                            .shown("status", "status", in.status() == null ? "IDENTIFIED" : in.status(), String.class)
                            .shown("description", "description", clean(in.description()), String.class)
                            .value("provider_id", provider, UUID.class)
                            .shown("amount", "amount", in.amount(), BigDecimal.class, plain(in.amount()))
                            .shown("currency", "currency", in.currency(), String.class)
                            .requires(requireProvider(provider)),
                    id -> resources.resource(viewer, id));
        });
    }

    Mono<Resource> update(Viewer viewer, UpdateResourceInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.RESOURCE, input("id"));
            UUID provider = GlobalId.optional(in.providerId(), ItemType.ORGANISATION, input("providerId"));
            new Checks().optionalText("description", in.description(), DESCRIPTION_MAX)
                    .amount("amount", in.amount()).currency("currency", in.currency()).orThrow();
            return writes.update(viewer, Action.EDIT, Target.of(Resource.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        Checks checks = new Checks();
                        if (in.status() != null && !in.status().equals(current.status())) {
                            ResourceStatus from = ResourceStatus.valueOf(current.status());
                            checks.check(from.canBecome(ResourceStatus.valueOf(in.status())), "status",
                                    "error.resourceTransition", current.status(), in.status());
                        }
                        BigDecimal amount = in.amount() != null ? in.amount() : current.amountValue();
                        String currency = in.currency() != null ? in.currency() : current.currency();
                        checks.check(amount == null || currency != null, "currency", "error.currencyWithAmount")
                                .check(currency == null || amount != null, "amount", "error.amountWithCurrency")
                                .orThrow();
                        update.set("status", "status", current.status(), in.status(), String.class)
                                .set("description", "description", current.description(), clean(in.description()), String.class)
                                .set("provider", "provider_id", current.providerId(), provider, UUID.class,
                                        org(current.providerId()), org(provider))
                                .set("amount", "amount", current.amountValue(),
                                        in.amount() == null || sameAmount(in.amount(), current.amountValue()) ? null : in.amount(),
                                        BigDecimal.class, plain(current.amountValue()), plain(in.amount()))
                                .set("currency", "currency", current.currency(), in.currency(), String.class);
                        return requireProvider(provider);
                    },
                    resourceId -> resources.resource(viewer, resourceId));
        });
    }

    Mono<UUID> delete(Viewer viewer, DeleteResourceInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.RESOURCE, input("id"));
            return writes.delete(viewer, Action.EDIT, Target.of(Resource.ROWS, id, input("id"), in.expectedVersion()));
        });
    }

    private Mono<Void> requireProvider(UUID provider) {
        return provider == null ? Mono.empty() : catalogue.organisation(provider)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("providerId")))).then();
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return b != null && a.compareTo(b) == 0;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static String org(UUID id) {
        return id == null ? null : GlobalId.encode(ItemType.ORGANISATION, id);
    }
}
