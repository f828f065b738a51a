package org.crmhub.visibility;

import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.Test;

class SmokeTest extends HubTest {

    @Test
    void demoWorkPlanIsServed() {
        as("civil-society").document("{ workPlans { totalCount edges { node { id title cycle presidency { name } workstreams { totalCount edges { node { title tasks(first: 3) { totalCount edges { node { title decisions { number } resources { amount { amount currency } } } } } } } } } } } }")
                .execute().path("workPlans.totalCount").entity(Integer.class).satisfies(n -> org.assertj.core.api.Assertions.assertThat(n).isGreaterThan(0));
    }
}
