package org.crmhub.workplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.crmhub.testsupport.TransitionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The work-plan life cycle of mission.md: DRAFT → ADOPTED → CLOSED, one step at a time and never back. */
class WorkPlanStatusTest {

    static Stream<Arguments> transitions() {
        return TransitionTable.of(
                "from \\ to | DRAFT | ADOPTED | CLOSED",
                "DRAFT      | ·     | yes     | no",
                "ADOPTED    | no    | ·       | yes",
                "CLOSED     | no    | no      | ·");
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("transitions")
    void aWorkPlanMovesOneStepForwardAtATimeAndNeverBack(String from, String to, boolean allowed) {
        assertThat(WorkPlanStatus.valueOf(from).canBecome(WorkPlanStatus.valueOf(to))).isEqualTo(allowed);
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(transitions().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder(
                Stream.of(WorkPlanStatus.values()).map(Enum::name).toArray());
    }
}
