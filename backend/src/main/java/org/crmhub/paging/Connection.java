package org.crmhub.paging;

import java.util.List;

/**
 * A Relay cursor connection: one page of items, where it sits, and how many there are in all
 * ({@code totalCount}, null when the client did not select it and it was not counted).
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Integer totalCount) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public static <T> Connection<T> empty(boolean hasPreviousPage) {
        return new Connection<>(List.of(), new PageInfo(false, hasPreviousPage, null, null), 0);
    }
}
