package org.crmhub.resource;

import java.math.BigDecimal;

/** The exact sum of the visible resources of one kind, status and currency. */
public record ResourceTotal(String kind, String status, String currency, BigDecimal amount, int count) {
}
