package org.crmhub.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.database.Params;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Ordering;
import org.crmhub.task.TaskQuery.TaskFilter;
import org.crmhub.task.TaskQuery.TaskOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * A task list's filter and ordering become fixed SQL fragments; every value the client gives is a
 * bound parameter, never part of the SQL text.
 */
class TaskQueryTest {

    /** A value no fragment of the hub contains: if it shows up in the SQL, it was concatenated. */
    private static final String HOSTILE = "x' OR TRUE; DROP TABLE task; --";

    private static TaskFilter filter() {
        return new TaskFilter(null, null, null, null, null, null, null, null, null);
    }

    /** What {@link Params} binds, in order: name → value (a null value binds as its type). */
    private static Map<String, Object> bound(Params params) {
        Map<String, Object> values = new LinkedHashMap<>();
        GenericExecuteSpec spec = mock(GenericExecuteSpec.class, invocation -> {
            String method = invocation.getMethod().getName();
            if (method.equals("bind") || method.equals("bindNull")) {
                values.put(invocation.getArgument(0), invocation.getArgument(1));
            }
            return invocation.getMock();
        });
        params.bind(spec);
        return values;
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(TaskFilter filter) {
        Params params = Params.of();
        String sql = TaskQuery.where(filter, params);
        return new Where(sql, bound(params));
    }

    @Test
    void noFilterKeepsEveryRowAndBindsNothing() {
        assertThat(where(null)).isEqualTo(new Where("TRUE", Map.of()));
        assertThat(where(filter())).isEqualTo(new Where("TRUE", Map.of()));
    }

    @Test
    void statusMatchesAnyOfTheGivenValues() {
        Where w = where(new TaskFilter(List.of("PLANNED", HOSTILE), null, null, null, null, null, null, null, null));
        assertThat(w.sql()).isEqualTo("TRUE AND x.status = ANY(:f_status)");
        assertThat(w.params()).containsOnlyKeys("f_status");
        assertThat((String[]) w.params().get("f_status")).containsExactly("PLANNED", HOSTILE);
        assertThat(where(new TaskFilter(List.of(), null, null, null, null, null, null, null, null)).sql())
                .as("an empty list is no condition").isEqualTo("TRUE");
    }

    @Test
    void kindMatchesAnyOfTheGivenValues() {
        Where w = where(new TaskFilter(null, null, null, null, List.of("WORKSHOP", "SEMINAR"), null, null, null, null));
        assertThat(w.sql()).isEqualTo("TRUE AND x.kind = ANY(:f_kind)");
        assertThat((String[]) w.params().get("f_kind")).containsExactly("WORKSHOP", "SEMINAR");
    }

    @Test
    void responsibleIsOneParty() {
        assertThat(where(new TaskFilter(null, HOSTILE, null, null, null, null, null, null, null)))
                .isEqualTo(new Where("TRUE AND x.responsible = :f_responsible", Map.of("f_responsible", HOSTILE)));
    }

    @ParameterizedTest(name = "visibility {0} → reserved = {1}")
    @CsvSource({"RESERVED, true", "OPEN, false"})
    void visibilityFiltersOnTheEffectiveVisibility(String visibility, boolean reserved) {
        assertThat(where(new TaskFilter(null, null, visibility, null, null, null, null, null, null)))
                .isEqualTo(new Where("TRUE AND x.reserved = :f_reserved", Map.of("f_reserved", reserved)));
    }

    @Test
    void searchIsACaseInsensitiveSubstringOfTitleOrDescriptionBoundOnce() {
        Where w = where(new TaskFilter(null, null, null, "  " + HOSTILE + "  ", null, null, null, null, null));
        assertThat(w.sql()).isEqualTo("TRUE AND (strpos(lower(x.title), lower(:f_search)) > 0"
                + " OR strpos(lower(coalesce(x.description, '')), lower(:f_search)) > 0)");
        assertThat(w.params()).isEqualTo(Map.of("f_search", HOSTILE));
        // strpos, not LIKE: % and _ in a search are plain characters, nothing to escape
        assertThat(w.sql()).doesNotContain("LIKE");
        assertThat(where(new TaskFilter(null, null, null, "   ", null, null, null, null, null)).sql())
                .as("a blank search is no condition").isEqualTo("TRUE");
    }

    @Test
    void decisionIsAGlobalIdOfADecisionBoundAsItsUuid() {
        UUID decision = UUID.randomUUID();
        Where w = where(new TaskFilter(null, null, null, null, null, GlobalId.encode(ItemType.DECISION, decision),
                null, null, null));
        assertThat(w).isEqualTo(new Where("TRUE AND EXISTS (SELECT 1 FROM task_decision td WHERE td.task_id = x.id"
                + " AND td.decision_id = :f_decision)", Map.of("f_decision", decision)));
    }

    @Test
    void aMalformedOrForeignDecisionIdIsAValidationErrorOnTheFiltersField() {
        for (String bad : List.of(HOSTILE, GlobalId.encode(ItemType.TASK, UUID.randomUUID()))) {
            UserErrorException e = catchThrowableOfType(UserErrorException.class,
                    () -> TaskQuery.where(new TaskFilter(null, null, null, null, null, bad, null, null, null), Params.of()));
            assertThat(e).isNotNull();
            assertThat(e.errors()).extracting(UserError::code, UserError::field)
                    .containsExactly(tuple(ErrorCode.VALIDATION, List.of("filter", "decisionId")));
        }
    }

    @Test
    void dueBeforeAndDueAfterAreInclusive() {
        LocalDate before = LocalDate.of(2017, 12, 31);
        LocalDate after = LocalDate.of(2017, 1, 1);
        assertThat(where(new TaskFilter(null, null, null, null, null, null, before, after, null))).isEqualTo(new Where(
                "TRUE AND x.due_date <= :f_due_before AND x.due_date >= :f_due_after",
                Map.of("f_due_before", before, "f_due_after", after)));
    }

    @ParameterizedTest(name = "overdue: {0}")
    @CsvSource({"true", "false"})
    void overdueUsesTheSameExpressionAsTheOverdueField(boolean overdue) {
        assertThat(where(new TaskFilter(null, null, null, null, null, null, null, null, overdue))).isEqualTo(new Where(
                "TRUE AND (x.due_date IS NOT NULL AND x.due_date < current_date AND x.status NOT IN ('DONE', 'CANCELLED'))"
                        + " = :f_overdue", Map.of("f_overdue", overdue)));
        assertThat(Task.COLUMNS).contains(Task.OVERDUE + " AS overdue");
    }

    @Test
    void everyConditionHoldsTogetherAndNoValueReachesTheSql() {
        UUID decision = UUID.randomUUID();
        Where w = where(new TaskFilter(List.of(HOSTILE), HOSTILE, "OPEN", HOSTILE, List.of(HOSTILE),
                GlobalId.encode(ItemType.DECISION, decision), LocalDate.of(2030, 1, 1), LocalDate.of(2020, 1, 1), true));
        assertThat(w.sql()).doesNotContain(HOSTILE).doesNotContain(decision.toString()).doesNotContain("2030")
                .startsWith("TRUE AND ").contains(" AND x.status = ANY(:f_status) AND x.kind = ANY(:f_kind) AND ");
        assertThat(w.params()).containsOnlyKeys("f_status", "f_kind", "f_responsible", "f_reserved", "f_search",
                "f_decision", "f_due_before", "f_due_after", "f_overdue");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // field   | direction | name             | sort key column (migration V8)              | cast back to | descending
            "          |           | CREATED_AT:ASC   | x.created_at                                | timestamptz  | false",
            "CREATED_AT| ASC       | CREATED_AT:ASC   | x.created_at                                | timestamptz  | false",
            "CREATED_AT| DESC      | CREATED_AT:DESC  | x.created_at                                | timestamptz  | true",
            "UPDATED_AT| ASC       | UPDATED_AT:ASC   | x.updated_at                                | timestamptz  | false",
            "UPDATED_AT| DESC      | UPDATED_AT:DESC  | x.updated_at                                | timestamptz  | true",
            "DUE_DATE  | ASC       | DUE_DATE:ASC     | x.due_key                                   | date         | false",
            "DUE_DATE  | DESC      | DUE_DATE:DESC    | x.due_key                                   | date         | true",
            "TITLE     | ASC       | TITLE:ASC        | x.title_key                                 | text         | false",
            "TITLE     | DESC      | TITLE:DESC       | x.title_key                                 | text         | true",
            // the direction defaults to ASC (the schema's default)
            "TITLE     |           | TITLE:ASC        | x.title_key                                 | text         | false",
    })
    void eachOrderingHasAFixedIndexedColumnAndANameThatCursorsCarry(String field, String direction, String name,
                                                                String expression, String sqlType, boolean descending) {
        TaskOrder order = field == null ? null : new TaskOrder(field, direction);
        Ordering ordering = TaskQuery.ordering(order);
        assertThat(ordering).isEqualTo(new Ordering(name, expression, sqlType, descending));
        assertThat(ordering.direction()).isEqualTo(descending ? "DESC" : "ASC");
    }

    @Test
    void anOrderingRefusesASqlTypeThatIsNotAPlainTypeName() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Ordering("X:ASC", "x.id", "text); DROP TABLE task; --", false))).isNotNull();
    }

    /** An expression key would defeat the index under row-level security (migration V8): only columns. */
    @ParameterizedTest
    @ValueSource(strings = {"lower(x.title)", "coalesce(x.due_date, 'infinity'::date)", "title", "y.title", "x.title; --"})
    void anOrderingRefusesASortKeyThatIsNotAColumnOfTheList(String key) {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Ordering("X:ASC", key, "text", false))).isNotNull();
    }
}
