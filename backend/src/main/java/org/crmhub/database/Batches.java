package org.crmhub.database;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Joins a batch of parents to what one statement found for their keys (for @BatchMapping). */
public final class Batches {

    private Batches() {
    }

    /** Each parent's key, without nulls or repeats: the IDs one statement asks for. */
    public static <P> List<UUID> keys(Collection<P> parents, Function<P, UUID> key) {
        return parents.stream().map(key).filter(Objects::nonNull).distinct().toList();
    }

    /** Each parent with the item found for its key; parents without one are left out (null). */
    public static <P, C> Map<P, C> join(Collection<P> parents, Function<P, UUID> key, Map<UUID, C> found) {
        return parents.stream()
                .filter(p -> key.apply(p) != null && found.containsKey(key.apply(p)))
                .collect(Collectors.toMap(p -> p, p -> found.get(key.apply(p)), (a, b) -> a));
    }

    /** Each parent with the list found for its key, or an empty list. */
    public static <P, C> Map<P, List<C>> joinLists(Collection<P> parents, Function<P, UUID> key, Map<UUID, List<C>> found) {
        return parents.stream()
                .collect(Collectors.toMap(p -> p, p -> found.getOrDefault(key.apply(p), List.of()), (a, b) -> a));
    }
}
