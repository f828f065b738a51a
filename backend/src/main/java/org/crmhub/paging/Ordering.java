package org.crmhub.paging;

/**
 * How a list is sorted: a non-null SQL expression over the list's rows (the row's id breaks ties)
 * and the SQL type that its text form is cast back to when a cursor resumes the list.
 *
 * @param name       identifies the ordering inside cursors, so a cursor cannot resume another ordering
 * @param expression a fixed SQL expression, never user input
 */
public record Ordering(String name, String expression, String sqlType, boolean descending) {

    public Ordering {
        if (!sqlType.matches("[a-z ]+")) {
            throw new IllegalArgumentException("unexpected SQL type " + sqlType);
        }
    }

    public String direction() {
        return descending ? "DESC" : "ASC";
    }
}
