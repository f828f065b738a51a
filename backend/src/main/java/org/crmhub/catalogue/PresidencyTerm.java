package org.crmhub.catalogue;

import io.r2dbc.spi.Row;
import java.util.UUID;

/** The Member Country holding the Presidencia Pro Témpore in one cycle, and the decision that records it. */
public record PresidencyTerm(int cycle, UUID organisationId, UUID decisionId) {

    static PresidencyTerm from(Row row) {
        return new PresidencyTerm(row.get("cycle", Integer.class), row.get("organisation_id", UUID.class),
                row.get("decision_id", UUID.class));
    }
}
