package org.crmhub.contribution;

import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.crmhub.item.ItemRows;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;

/**
 * A contribution row, with what its payments add up to (as the viewer may see them, which is all
 * or none: payments are exactly as reserved as their contribution).
 *
 * @param paidInFullOn the day the payments reached the amount; null while they have not
 * @param late         its due date passed before it was paid in full ({@link #LATE}); false on the
 *                     write path's lock, which does not read it
 */
public record Contribution(UUID id, UUID organisationId, int cycle, BigDecimal amountValue, String currency,
                           LocalDate dueDate, BigDecimal paidValue, LocalDate paidInFullOn, boolean late,
                           String visibility, boolean reserved, int version, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) implements Reservable {

    private static final String BASE = "x.id, x.organisation_id, x.cycle, x.amount, x.currency, x.due_date, x.visibility,"
            + " x.reserved, x.version, x.created_at, x.updated_at";

    /** The day the payments of contribution {@code x} reached its amount (null until they do). */
    private static final String PAID_IN_FULL_ON = "(SELECT min(r.paid_on) FROM (SELECT cp.paid_on, sum(cp.amount)"
            + " OVER (ORDER BY cp.paid_on, cp.created_at, cp.id) AS running FROM contribution_payment cp"
            + " WHERE cp.contribution_id = x.id) r WHERE r.running >= x.amount)";

    /**
     * The one rule of lateness: the due date passed before it was paid in full. Paid in full after
     * the due date is still late (it was); not yet paid in full is late once the due date is past.
     */
    static final String LATE = "coalesce(" + PAID_IN_FULL_ON + ", current_date) > x.due_date";

    /** The row and its payments' sum, the day they reached the amount, and lateness (one statement, no join). */
    static final String COLUMNS = BASE
            + ", (SELECT coalesce(sum(cp.amount), 0.00) FROM contribution_payment cp WHERE cp.contribution_id = x.id) AS paid"
            + ", " + PAID_IN_FULL_ON + " AS paid_in_full_on, " + LATE + " AS late";

    /** What the write path locks and maps (the row alone). */
    static final ItemRows<Contribution> ROWS = new ItemRows<>(ItemType.CONTRIBUTION, BASE, row -> from(row, false));

    /** An amount of money in one currency. */
    public record Money(BigDecimal amount, String currency) {
    }

    public Money amount() {
        return new Money(amountValue, currency);
    }

    public Money paid() {
        return new Money(paidValue, currency);
    }

    /** What remains to pay (never below zero). */
    public Money outstanding() {
        return new Money(amountValue.subtract(paidValue).max(BigDecimal.ZERO.setScale(2)), currency);
    }

    /** A row read with {@link #COLUMNS}. */
    static Contribution from(Row row) {
        return from(row, true);
    }

    private static Contribution from(Row row, boolean withPayments) {
        return new Contribution(row.get("id", UUID.class), row.get("organisation_id", UUID.class),
                row.get("cycle", Integer.class), row.get("amount", BigDecimal.class), row.get("currency", String.class).strip(),
                row.get("due_date", LocalDate.class), withPayments ? row.get("paid", BigDecimal.class) : null,
                withPayments ? row.get("paid_in_full_on", LocalDate.class) : null,
                withPayments && row.get("late", Boolean.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
