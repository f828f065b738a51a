package org.crmhub.contribution;

import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment towards a contribution (in the contribution's currency). */
public record ContributionPayment(UUID id, UUID contributionId, BigDecimal amountValue, String currency, LocalDate paidOn,
                                  String note, OffsetDateTime createdAt) {

    public Contribution.Money amount() {
        return new Contribution.Money(amountValue, currency);
    }

    static ContributionPayment from(Row row) {
        return new ContributionPayment(row.get("id", UUID.class), row.get("contribution_id", UUID.class),
                row.get("amount", BigDecimal.class), row.get("currency", String.class).strip(), row.get("paid_on", LocalDate.class),
                row.get("note", String.class), row.get("created_at", OffsetDateTime.class));
    }
}
