package org.crmhub.paging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Set;

/**
 * How a list is sorted: a non-null column of the list's rows (the row's id breaks ties) and the
 * SQL type that its text form is cast back to when a cursor resumes the list.
 *
 * <p>The key is a plain column, never an expression, and each (parent, ordering) has an index
 * (migration V8): under row-level security only then can a cursor's position be an index
 * condition, so that any page costs a range scan of its own rows.
 *
 * @param name   identifies the ordering inside cursors, so a cursor cannot resume another ordering
 * @param column the sort key, a fixed column of the list's alias {@code x}, never user input
 */
public record Ordering(String name, String column, String sqlType, boolean descending) {

    private static final Set<String> TYPES = Set.of("timestamptz", "date", "text", "int", "bigint");

    /** PostgreSQL's text form of a timestamptz, as {@code ::text} writes it (ISO, any offset). */
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .appendOffset("+HH:mm", "+00")
            .toFormatter();

    public Ordering {
        if (!TYPES.contains(sqlType)) {
            throw new IllegalArgumentException("unexpected SQL type " + sqlType);
        }
        if (!column.matches("x\\.[a-z_]+")) {
            throw new IllegalArgumentException("a sort key must be a column of x, not " + column);
        }
    }

    public String direction() {
        return descending ? "DESC" : "ASC";
    }

    /**
     * Whether a cursor's sort key is a value of this ordering's type, so that a hand-made cursor
     * is refused as a bad argument instead of failing in the database.
     */
    public boolean accepts(String sortKey) {
        try {
            switch (sqlType) {
                case "timestamptz" -> OffsetDateTime.parse(sortKey, TIMESTAMPTZ);
                case "date" -> {
                    if (!sortKey.equals("infinity")) {
                        LocalDate.parse(sortKey);
                    }
                }
                case "int" -> Integer.parseInt(sortKey);
                case "bigint" -> Long.parseLong(sortKey);
                default -> {
                    // text: any string is a key
                }
            }
            return true;
        } catch (DateTimeParseException | NumberFormatException e) {
            return false;
        }
    }
}
