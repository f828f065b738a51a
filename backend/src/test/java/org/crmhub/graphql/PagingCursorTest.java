package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.testsupport.Said;
import org.crmhub.errors.UserErrorException;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;

/**
 * Paging arguments ({@link PageRequest}) with the cursor strategy exactly as {@link GraphQlConfig}
 * builds it: Spring GraphQL's JSON keyset strategy, base64-encoded. A cursor resumes only the
 * ordering that issued it; anything else is a VALIDATION error on {@code after}, and a page size
 * outside 1–100 is a VALIDATION error on {@code first}, never trimmed.
 */
class PagingCursorTest {

    private static final Ordering BY_TITLE = new Ordering("TITLE:DESC", "x.title_key", "text", true);
    private static final Ordering BY_CREATION = new Ordering("CREATED_AT:ASC", "x.created_at", "timestamptz", false);
    private static final UUID ROW = UUID.fromString("d0000000-0000-4000-8000-000000000201");

    private final CursorStrategy<Map<String, Object>> cursors = new GraphQlConfig().keysetCursorStrategy();

    /** A cursor as Pager writes it: the ordering's name, the row's sort key as text, and its id. */
    private String cursor(String ordering, Object sortKey, Object id) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("o", ordering);
        keys.put("k", sortKey);
        keys.put("id", id);
        return cursors.toCursor(keys);
    }

    @Test
    void aCursorResumesTheOrderingThatIssuedItAfterTheSameRow() {
        String after = cursor("TITLE:DESC", "regional workshop", ROW.toString());
        PageRequest page = PageRequest.of(10, after, BY_TITLE, true, cursors);
        assertThat(page).isEqualTo(new PageRequest(10, BY_TITLE, "regional workshop", ROW, true));
        assertThat(page.hasAfter()).isTrue();
        // opaque to clients: the JSON inside is not readable at a glance
        assertThat(after).doesNotContain("TITLE").doesNotContain(ROW.toString());
    }

    @Test
    void withoutArgumentsAPageIsTheFirstTwentyRows() {
        PageRequest page = PageRequest.of(null, null, BY_CREATION, false, cursors);
        assertThat(page).isEqualTo(new PageRequest(20, BY_CREATION, null, null, false));
        assertThat(page.hasAfter()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 99, 100})
    void aPageOfOneToAHundredRowsIsAccepted(int first) {
        assertThat(PageRequest.of(first, null, BY_CREATION, false, cursors).first()).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -5, 101, 500, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aPageSizeOutOfRangeIsRefusedNotTrimmed(int first) {
        assertRefused(first, null, new Said(ErrorCode.VALIDATION, "Must be between 1 and 100.", List.of("first")));
        // the size is checked first: a bad cursor beside it is not what the client hears about
        assertRefused(first, "garbage", new Said(ErrorCode.VALIDATION, "Must be between 1 and 100.", List.of("first")));
    }

    @Test
    void aCursorOfAnotherOrderingIsRefused() {
        String byCreation = cursor("CREATED_AT:ASC", "2017-03-01 10:00:00+00", ROW.toString());
        assertAfterRefused(byCreation, BY_TITLE);
        // the same field in the other direction is another ordering too
        assertAfterRefused(cursor("TITLE:ASC", "regional workshop", ROW.toString()), BY_TITLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "null", "e30=", "W10=", "eyJvIjoxfQ==", "%%%"})
    void garbageIsRefused(String after) {
        assertAfterRefused(after, BY_TITLE);
    }

    @Test
    void aCursorWithMissingOrMistypedKeysIsRefused() {
        assertAfterRefused(cursor("TITLE:DESC", "t", "not-a-uuid"), BY_TITLE);
        assertAfterRefused(cursor("TITLE:DESC", 42, ROW.toString()), BY_TITLE);
        assertAfterRefused(cursor("TITLE:DESC", null, ROW.toString()), BY_TITLE);
        assertAfterRefused(cursor("TITLE:DESC", "t", null), BY_TITLE);
        assertAfterRefused(cursor(null, "t", ROW.toString()), BY_TITLE);
    }

    /** A hand-made sort key that is not a value of the ordering's type is refused here, not cast by the database. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "timestamptz | 2017-03-01 10:00:00+00          | true",
            "timestamptz | 2017-03-01 10:00:00.123456+00   | true",
            "timestamptz | 2017-03-01 10:00:00.5-05:30     | true",
            "timestamptz | yesterday                       | false",
            "timestamptz | 2017-13-01 10:00:00+00          | false",
            "timestamptz | 2017-03-01 10:00:00+00'; --     | false",
            "date        | 2030-01-31                      | true",
            "date        | infinity                        | true",
            "date        | 2030-02-30                      | false",
            "date        | -infinity                       | false",
            "int         | 2026                            | true",
            "int         | 99999999999                     | false",
            "bigint      | 9223372036854775807             | true",
            "bigint      | 1.5                             | false",
            "text        | any text at all                 | true",
    })
    void aSortKeyMustBeAValueOfTheOrderingsType(String sqlType, String key, boolean accepted) {
        Ordering ordering = new Ordering("K:ASC", "x.k", sqlType, false);
        assertThat(ordering.accepts(key)).isEqualTo(accepted);
        String after = cursor("K:ASC", key, ROW.toString());
        if (accepted) {
            assertThat(PageRequest.of(5, after, ordering, false, cursors).afterSortKey()).isEqualTo(key);
        } else {
            assertAfterRefused(after, ordering);
        }
    }

    @Test
    void aHandMadeCursorNamingAnotherJavaClassIsRefused() {
        String genuine = cursor("TITLE:DESC", "t", ROW.toString());
        String json = CursorEncoder.base64().decode(genuine);
        assertThat(json).contains("java.util.LinkedHashMap");
        // the JSON strategy records the map's class; a client must not choose what gets instantiated
        for (String other : List.of("java.util.TreeMap", "java.net.URL", "java.lang.ProcessBuilder")) {
            assertAfterRefused(CursorEncoder.base64().encode(json.replace("java.util.LinkedHashMap", other)), BY_TITLE);
        }
    }

    private void assertAfterRefused(String after, Ordering ordering) {
        assertRefused(5, after, ordering, new Said(ErrorCode.VALIDATION,
                "Not a cursor of this list and ordering; use a cursor this list returned.", List.of("after")));
    }

    private void assertRefused(Integer first, String after, Said expected) {
        assertRefused(first, after, BY_TITLE, expected);
    }

    private void assertRefused(Integer first, String after, Ordering ordering, Said expected) {
        UserErrorException e = catchThrowableOfType(UserErrorException.class,
                () -> PageRequest.of(first, after, ordering, false, cursors));
        assertThat(e).as("first=%s after=%s", first, after).isNotNull();
        assertThat(Said.of(e.errors())).containsExactly(expected);
    }
}
