package org.crmhub.contribution;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.database.Params;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records contributions and their payments: validation and the rules of money. Locking,
 * permissions (Action.BUDGET), versions and the audit trail belong to the write path.
 */
@Service
class ContributionService {

    private final Contributions contributions;
    private final Catalogue catalogue;
    private final ItemWrites writes;
    private final DatabaseClient db;

    ContributionService(Contributions contributions, Catalogue catalogue, ItemWrites writes, DatabaseClient db) {
        this.contributions = contributions;
        this.catalogue = catalogue;
        this.writes = writes;
        this.db = db;
    }

    record CreateContributionInput(String countryId, Integer cycle, BigDecimal amount, String currency, LocalDate dueDate,
                                   String visibility) {
    }

    record UpdateContributionInput(String id, Integer expectedVersion, BigDecimal amount, String currency, LocalDate dueDate) {
    }

    record RecordPaymentInput(String contributionId, Integer expectedVersion, BigDecimal amount, LocalDate paidOn, String note) {
    }

    Mono<Contribution> create(Viewer viewer, CreateContributionInput in) {
        return Mono.defer(() -> {
            UUID country = GlobalId.require(in.countryId(), ItemType.ORGANISATION, input("countryId"));
            new Checks().range("cycle", in.cycle(), 1990, 2200).amount("amount", in.amount())
                    .check(in.amount() == null || in.amount().signum() > 0, "amount", "error.positive")
                    .currency("currency", in.currency()).orThrow();
            return writes.create(viewer, Action.BUDGET, Parent.none(),
                    none -> new Insert(ItemType.CONTRIBUTION, in.visibility())
                            .value("organisation_id", country, UUID.class)
                            .shown("cycle", "cycle", in.cycle(), Integer.class)
                            .shown("amount", "amount", in.amount(), BigDecimal.class, in.amount().toPlainString())
                            .shown("currency", "currency", in.currency(), String.class)
                            .shown("dueDate", "due_date", in.dueDate(), LocalDate.class)
                            .requires(requireMemberState(country)),
                    id -> contributions.contribution(viewer, id))
                    .onErrorMap(DataIntegrityViolationException.class,
                            e -> new UserErrorException(UserError.invalid(input("cycle"), "error.contributionExists")));
        });
    }

    Mono<Contribution> update(Viewer viewer, UpdateContributionInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.CONTRIBUTION, input("id"));
            new Checks().amount("amount", in.amount())
                    .check(in.amount() == null || in.amount().signum() > 0, "amount", "error.positive")
                    .currency("currency", in.currency()).orThrow();
            return writes.update(viewer, Action.BUDGET, Target.of(Contribution.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        update.set("amount", "amount", current.amountValue(),
                                        in.amount() == null || in.amount().compareTo(current.amountValue()) == 0 ? null : in.amount(),
                                        BigDecimal.class, current.amountValue().toPlainString(),
                                        in.amount() == null ? null : in.amount().toPlainString())
                                .set("currency", "currency", current.currency(), in.currency(), String.class)
                                .set("dueDate", "due_date", current.dueDate(), in.dueDate(), LocalDate.class);
                        return Mono.empty();
                    },
                    contributionId -> contributions.contribution(viewer, contributionId));
        });
    }

    /**
     * A payment towards a contribution: a new version of the contribution, with the payment in its
     * history. Payments never exceed what is due: an overpayment is refused with what remains.
     */
    Mono<Contribution> recordPayment(Viewer viewer, RecordPaymentInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.contributionId(), ItemType.CONTRIBUTION, input("contributionId"));
            new Checks().amount("amount", in.amount())
                    .check(in.amount() == null || in.amount().signum() > 0, "amount", "error.positive")
                    .optionalText("note", in.note(), 2000).orThrow();
            return writes.update(viewer, Action.BUDGET, Target.of(Contribution.ROWS, id, input("contributionId"),
                            in.expectedVersion()),
                    (current, update) -> {
                        update.note("payments", null, in.paidOn() + ": " + in.amount().toPlainString() + " " + current.currency());
                        // the contribution's row is locked: the sum read here cannot change before the insert
                        return db.sql("SELECT coalesce(sum(amount), 0) AS paid FROM contribution_payment WHERE contribution_id = :id")
                                .bind("id", id).map((row, meta) -> row.get("paid", BigDecimal.class)).one()
                                .flatMap(paid -> {
                                    BigDecimal left = current.amountValue().subtract(paid);
                                    if (in.amount().compareTo(left) > 0) {
                                        return Mono.error(new UserErrorException(UserError.invalid(input("amount"), "error.overpaid",
                                                in.amount().subtract(left).toPlainString(), left.toPlainString())));
                                    }
                                    return Params.of().with("contribution", id).with("amount", in.amount())
                                            .with("paid", in.paidOn()).with("note", clean(in.note()), String.class)
                                            .with("by", viewer.username())
                                            .bind(db.sql("INSERT INTO contribution_payment (contribution_id, amount, paid_on, note, created_by)"
                                                    + " VALUES (:contribution, :amount, :paid, :note, :by)"))
                                            .then();
                                });
                    },
                    contributionId -> contributions.contribution(viewer, contributionId));
        });
    }

    private Mono<Void> requireMemberState(UUID country) {
        return catalogue.organisation(country)
                .filter(o -> o.kind().equals("MEMBER_STATE"))
                .switchIfEmpty(Mono.error(() -> new UserErrorException(UserError.invalid(input("countryId"), "error.notAMemberState"))))
                .then();
    }
}
