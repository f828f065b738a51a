package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.crmhub.testsupport.TransitionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The task state machine of docs/api.md ("State machines"), every from → to pair. */
class TaskStatusTest {

    static Stream<Arguments> transitions() {
        return TransitionTable.of(
                "from \\ to   | PROPOSED | PLANNED | IN_PROGRESS | BLOCKED | DONE | CANCELLED",
                // a proposal leaves PROPOSED only through acceptProposal or declineProposal
                "PROPOSED     | ·        | no      | no          | no      | no   | no",
                "PLANNED      | no       | ·       | yes         | no      | no   | yes",
                "IN_PROGRESS  | no       | no      | ·           | yes     | yes  | yes",
                "BLOCKED      | no       | no      | yes         | ·       | no   | yes",
                // a finished task may be reopened
                "DONE         | no       | no      | yes         | no      | ·    | no",
                "CANCELLED    | no       | no      | no          | no      | no   | ·");
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("transitions")
    void updateTaskMovesAStatusOnlyAlongTheDocumentedTransitions(String from, String to, boolean allowed) {
        assertThat(TaskStatus.valueOf(from).next().contains(TaskStatus.valueOf(to))).isEqualTo(allowed);
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(transitions().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder(
                Stream.of(TaskStatus.values()).map(Enum::name).toArray());
    }
}
