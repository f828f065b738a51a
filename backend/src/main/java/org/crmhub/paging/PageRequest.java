package org.crmhub.paging;

import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.pagination.CursorStrategy;

/**
 * The page a client asked for: {@code first} (default 20, at most 100: a larger value is refused,
 * never silently trimmed), the position after {@code after}'s cursor in a given ordering, and
 * whether the client selected {@code totalCount} (the one part of a connection whose cost grows
 * with the list, so it is computed only when asked for).
 */
public record PageRequest(int first, Ordering ordering, String afterSortKey, UUID afterId, boolean counted) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public boolean hasAfter() {
        return afterId != null;
    }

    /** Validates and decodes the paging arguments; problems are VALIDATION errors naming the argument. */
    public static PageRequest of(Integer first, String after, Ordering ordering, boolean counted,
                                 CursorStrategy<Map<String, Object>> cursors) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 1 || size > MAX_SIZE) {
            throw new UserErrorException(UserError.invalid(List.of("first"), "error.pageSize", String.valueOf(MAX_SIZE)));
        }
        if (after == null) {
            return new PageRequest(size, ordering, null, null, counted);
        }
        try {
            Map<String, Object> keys = cursors.fromCursor(after);
            if (!ordering.name().equals(keys.get("o")) || !(keys.get("k") instanceof String key)
                    || !(keys.get("id") instanceof String id) || !ordering.accepts(key)) {
                throw new IllegalArgumentException("cursor of another list or ordering");
            }
            return new PageRequest(size, ordering, key, UUID.fromString(id), counted);
        } catch (RuntimeException e) {
            throw new UserErrorException(UserError.invalid(List.of("after"), "error.foreignCursor"));
        }
    }
}
