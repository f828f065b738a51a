package org.crmhub.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.crmhub.testsupport.TransitionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resource state machine of docs/api.md: forward along IDENTIFIED → REQUESTED → PLEDGED →
 * CONFIRMED → DELIVERED, steps may be skipped, WITHDRAWN from any status that is not final.
 */
class ResourceStatusTest {

    static Stream<Arguments> transitions() {
        return TransitionTable.of(
                "from \\ to   | IDENTIFIED | REQUESTED | PLEDGED | CONFIRMED | DELIVERED | WITHDRAWN",
                "IDENTIFIED   | ·          | yes       | yes     | yes       | yes       | yes",
                "REQUESTED    | no         | ·         | yes     | yes       | yes       | yes",
                "PLEDGED      | no         | no        | ·       | yes       | yes       | yes",
                "CONFIRMED    | no         | no        | no      | ·         | yes       | yes",
                "DELIVERED    | no         | no        | no      | no        | ·         | no",
                "WITHDRAWN    | no         | no        | no      | no        | no        | ·");
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("transitions")
    void aResourceMovesForwardOrIsWithdrawnUntilItIsFinal(String from, String to, boolean allowed) {
        assertThat(ResourceStatus.valueOf(from).canBecome(ResourceStatus.valueOf(to))).isEqualTo(allowed);
    }

    @Test
    void deliveredAndWithdrawnAreTheOnlyFinalStatuses() {
        assertThat(Stream.of(ResourceStatus.values()).filter(ResourceStatus::isFinal))
                .containsExactlyInAnyOrder(ResourceStatus.DELIVERED, ResourceStatus.WITHDRAWN);
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(transitions().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder(
                Stream.of(ResourceStatus.values()).map(Enum::name).toArray());
    }
}
