package org.crmhub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operation-name label set cannot be grown without bound by clients. */
class OperationNamesTest {

    private final OperationNames names = new OperationNames();

    @Test
    void theFirstNamesKeepTheirLabelAndLaterOnesCountAsOther() {
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 10 * OperationNames.MAX_NAMES; i++) {
            labels.add(names.label("Op" + i));
        }
        assertThat(labels).hasSize(OperationNames.MAX_NAMES + 1).contains("Op0", OperationNames.OTHER).doesNotContain("Op999");
        // a name seen early keeps its label for good
        assertThat(names.label("Op1")).isEqualTo("Op1");
    }

    @Test
    void withAManifestOnlyItsNamesKeepTheirLabel() {
        OperationNames trusted = new OperationNames(Set.of("PlanOverview", "UpdateTask"));
        assertThat(trusted.label("PlanOverview")).isEqualTo("PlanOverview");
        assertThat(trusted.label("UpdateTask")).isEqualTo("UpdateTask");
        assertThat(trusted.label("MadeUp")).isEqualTo(OperationNames.OTHER);
        assertThat(trusted.label("MadeUp")).as("not learnt either").isEqualTo(OperationNames.OTHER);
    }

    @Test
    void anUnnamedOperationIsAnonymous() {
        assertThat(names.label(null)).isEqualTo(OperationNames.ANONYMOUS);
        assertThat(names.label("")).isEqualTo(OperationNames.ANONYMOUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "name\"}", "1leading", "x12345678901234567890123456789012345678901234567890123456789012345", "névé"})
    void aNameThatIsNotAPlainGraphQlNameIsOther(String name) {
        assertThat(names.label(name)).isEqualTo(OperationNames.OTHER);
    }
}
