package org.crmhub.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.crmhub.testsupport.TransitionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The answer's state machine of docs/api.md: PENDING becomes any answer, IN_PROGRESS becomes
 * ADOPTED or DECLINED, ADOPTED and DECLINED are final, and nothing returns to PENDING.
 */
class SuggestionStatusTest {

    static Stream<Arguments> transitions() {
        return TransitionTable.of(
                "from \\ to   | PENDING | IN_PROGRESS | ADOPTED | DECLINED",
                "PENDING      | ·       | yes         | yes     | yes",
                "IN_PROGRESS  | no      | ·           | yes     | yes",
                "ADOPTED      | no      | no          | ·       | no",
                "DECLINED     | no      | no          | no      | ·");
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("transitions")
    void anAnswerMovesForwardAndNeverBackToPending(String from, String to, boolean allowed) {
        assertThat(SuggestionStatus.valueOf(from).canBecome(SuggestionStatus.valueOf(to))).isEqualTo(allowed);
    }

    @Test
    void adoptedAndDeclinedAreTheOnlyFinalStatuses() {
        assertThat(Stream.of(SuggestionStatus.values()).filter(SuggestionStatus::isFinal))
                .containsExactlyInAnyOrder(SuggestionStatus.ADOPTED, SuggestionStatus.DECLINED);
        assertThat(Stream.of(SuggestionStatus.values()).filter(s -> s.next().isEmpty()))
                .containsExactlyInAnyOrder(SuggestionStatus.ADOPTED, SuggestionStatus.DECLINED);
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(transitions().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder(
                Stream.of(SuggestionStatus.values()).map(Enum::name).toArray());
    }
}
