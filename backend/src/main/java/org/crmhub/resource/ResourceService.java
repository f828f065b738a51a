package org.crmhub.resource;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.math.BigDecimal;
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
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.crmhub.workplan.WorkPlans;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Identifies, changes and deletes resources: validation, permissions, state machine, audit. */
@Service
public class ResourceService {

    static final int DESCRIPTION_MAX = 2000;

    private final DatabaseClient db;
    private final Resources resources;
    private final WorkPlans workPlans;
    private final Tasks tasks;
    private final Catalogue catalogue;
    private final ItemStore store;
    private final AuditTrail audit;
    private final Transactions tx;

    ResourceService(DatabaseClient db, Resources resources, WorkPlans workPlans, Tasks tasks, Catalogue catalogue,
                    ItemStore store, AuditTrail audit, Transactions tx) {
        this.db = db;
        this.resources = resources;
        this.workPlans = workPlans;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.tx = tx;
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
                    .check(in.amount() == null || in.currency() != null, "currency", "Give a currency with the amount.")
                    .check(in.currency() == null || in.amount() != null, "amount", "Give an amount with the currency.")
                    .orThrow();
            String visibility = in.visibility() == null ? "OPEN" : in.visibility();
            String status = in.status() == null ? "IDENTIFIED" : in.status();
            // The parent is the task when given, the work plan otherwise; both must be visible.
            Mono<Boolean> parentReserved = taskId == null
                    ? workPlans.workPlan(viewer, planId)
                        .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("workPlanId"))))
                        .map(plan -> plan.reserved())
                    : workPlans.workPlan(viewer, planId)
                        .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("workPlanId"))))
                        .then(tasks.task(viewer, taskId))
                        .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("taskId"))))
                        .map(task -> {
                            if (!task.workPlanId().equals(planId)) {
                                throw new UserErrorException(UserError.invalid(input("taskId"),
                                        "The task belongs to another work plan."));
                            }
                            return task.reserved();
                        });
            return tx.run(parentReserved.flatMap(reserved -> {
                        VisibilityPolicy.require(viewer, Action.EDIT, reserved);
                        VisibilityPolicy.requireMayCreateWith(viewer, visibility);
                        return requireProvider(provider)
                                .then(Params.of().with("plan", planId).with("task", taskId, UUID.class)
                                        .with("kind", in.kind()).with("status", status)
                                        .with("description", clean(in.description()))
                                        .with("provider", provider, UUID.class).with("amount", in.amount(), BigDecimal.class)
                                        .with("currency", in.currency(), String.class)
                                        .with("visibility", visibility).with("by", viewer.username())
                                        .bind(db.sql("""
                                                INSERT INTO resource (work_plan_id, task_id, kind, status, description,
                                                    provider_id, amount, currency, visibility, created_by)
                                                VALUES (:plan, :task, :kind, :status, :description, :provider, :amount,
                                                    :currency, :visibility, :by)
                                                RETURNING id"""))
                                        .map((row, meta) -> row.get("id", UUID.class)).one());
                    })
                    .flatMap(id -> audit.created(viewer, ItemType.RESOURCE, id, List.of(
                                    new FieldChange("kind", null, in.kind()),
                                    new FieldChange("status", null, status),
                                    new FieldChange("description", null, clean(in.description())),
                                    new FieldChange("amount", null, in.amount() == null ? null : in.amount().toPlainString()),
                                    new FieldChange("currency", null, in.currency()),
                                    new FieldChange("visibility", null, visibility)))
                            .then(resources.resource(viewer, id))));
        });
    }

    Mono<Resource> update(Viewer viewer, UpdateResourceInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.RESOURCE, input("id"));
            UUID provider = GlobalId.optional(in.providerId(), ItemType.ORGANISATION, input("providerId"));
            new Checks().optionalText("description", in.description(), DESCRIPTION_MAX)
                    .amount("amount", in.amount()).currency("currency", in.currency()).orThrow();
            return tx.run(resources.lock(viewer, id, input("id")).flatMap(current -> {
                VisibilityPolicy.require(viewer, Action.EDIT, current.reserved());
                ItemStore.requireVersion(current.version(), in.expectedVersion());
                Checks checks = new Checks();
                if (in.status() != null && !in.status().equals(current.status())) {
                    ResourceStatus from = ResourceStatus.valueOf(current.status());
                    checks.check(from.canBecome(ResourceStatus.valueOf(in.status())), "status",
                            "A resource cannot go from " + current.status() + " to " + in.status() + ".");
                }
                BigDecimal amount = in.amount() != null ? in.amount() : current.amountValue();
                String currency = in.currency() != null ? in.currency() : current.currency();
                checks.check(amount == null || currency != null, "currency", "Give a currency with the amount.")
                        .check(currency == null || amount != null, "amount", "Give an amount with the currency.")
                        .orThrow();
                Update update = new Update()
                        .set("status", "status", current.status(), in.status(), String.class)
                        .set("description", "description", current.description(), clean(in.description()), String.class)
                        .set("provider", "provider_id", current.providerId(), provider, UUID.class,
                                org(current.providerId()), org(provider))
                        .set("amount", "amount", current.amountValue(),
                                in.amount() == null || sameAmount(in.amount(), current.amountValue()) ? null : in.amount(),
                                BigDecimal.class, plain(current.amountValue()), plain(in.amount()))
                        .set("currency", "currency", current.currency(), in.currency(), String.class);
                return requireProvider(provider)
                        .then(store.apply(ItemType.RESOURCE, id, update))
                        .then(audit.updated(viewer, ItemType.RESOURCE, id, update.changes()))
                        .then(resources.resource(viewer, id));
            }));
        });
    }

    Mono<UUID> delete(Viewer viewer, DeleteResourceInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.RESOURCE, input("id"));
            return tx.run(resources.lock(viewer, id, input("id")).flatMap(current -> {
                VisibilityPolicy.require(viewer, Action.EDIT, current.reserved());
                ItemStore.requireVersion(current.version(), in.expectedVersion());
                return db.sql("DELETE FROM resource WHERE id = :id").bind("id", id).then()
                        .then(audit.deleted(viewer, ItemType.RESOURCE, id, current.reserved()))
                        .thenReturn(id);
            }));
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
