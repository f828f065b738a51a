package org.crmhub.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cycles no other test uses, so that each test records its own contributions (one per country and
 * cycle) in the test JVM's one database. The demo data uses 2017; tests count down from 2200.
 */
public final class ContributionCycles {

    private static final AtomicInteger NEXT = new AtomicInteger(2200);

    private ContributionCycles() {
    }

    public static int next() {
        return NEXT.getAndDecrement();
    }
}
