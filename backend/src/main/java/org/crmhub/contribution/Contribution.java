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
 * @param today        the database's date when read, against which {@link #late()} is judged
 */
public record Contribution(UUID id, UUID organisationId, int cycle, BigDecimal amountValue, String currency,
                           LocalDate dueDate, BigDecimal paidValue, LocalDate paidInFullOn, LocalDate today,
                           String visibility, boolean reserved, int version, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) implements Reservable {

    private static final String BASE = "x.id, x.organisation_id, x.cycle, x.amount, x.currency, x.due_date, x.visibility,"
            + " x.reserved, x.version, x.created_at, x.updated_at";

    /** The row and its payments' sum and the day they reached the amount (one statement, no join). */
    static final String COLUMNS = BASE
            + ", (SELECT coalesce(sum(cp.amount), 0.00) FROM contribution_payment cp WHERE cp.contribution_id = x.id) AS paid"
            + ", (SELECT min(r.paid_on) FROM (SELECT cp.paid_on, sum(cp.amount) OVER (ORDER BY cp.paid_on, cp.created_at, cp.id)"
            + " AS running FROM contribution_payment cp WHERE cp.contribution_id = x.id) r WHERE r.running >= x.amount)"
            + " AS paid_in_full_on, current_date AS today";

    /** What the write path locks and maps (the row alone). */
    static final ItemRows<Contribution> ROWS = new ItemRows<>(ItemType.CONTRIBUTION, BASE, Contribution::fromRow);

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

    /**
     * Late: its due date passed before it was paid in full. Paid in full after the due date is
     * still late (it was); not yet paid in full is late once the due date is past.
     */
    public boolean late() {
        return paidInFullOn == null ? today.isAfter(dueDate) : paidInFullOn.isAfter(dueDate);
    }

    static Contribution from(Row row) {
        return new Contribution(row.get("id", UUID.class), row.get("organisation_id", UUID.class),
                row.get("cycle", Integer.class), row.get("amount", BigDecimal.class), row.get("currency", String.class).strip(),
                row.get("due_date", LocalDate.class), row.get("paid", BigDecimal.class),
                row.get("paid_in_full_on", LocalDate.class), row.get("today", LocalDate.class),
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }

    /** The row without its payments (for the write path's lock). */
    private static Contribution fromRow(Row row) {
        return new Contribution(row.get("id", UUID.class), row.get("organisation_id", UUID.class),
                row.get("cycle", Integer.class), row.get("amount", BigDecimal.class), row.get("currency", String.class).strip(),
                row.get("due_date", LocalDate.class), null, null, null,
                row.get("visibility", String.class), row.get("reserved", Boolean.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
