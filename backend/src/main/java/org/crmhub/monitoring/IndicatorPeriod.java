package org.crmhub.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** The actual value of an indicator over one period. */
public record IndicatorPeriod(UUID indicatorId, LocalDate periodStart, LocalDate periodEnd, BigDecimal targetValue,
                              BigDecimal actualValue, String note) {
}
