package org.crmhub.paging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The key of a batched nested connection: whose connection, which page, which filter. A batch
 * loader groups its keys by page and filter (usually one group) and fetches each group's
 * connections with one statement.
 */
public record PageKey<F>(UUID parent, PageRequest page, F filter) {

    public static <F, T> Mono<Map<PageKey<F>, Connection<T>>> loadGrouped(
            Set<PageKey<F>> keys, BiFunction<PageKey<F>, List<UUID>, Mono<Map<UUID, Connection<T>>>> fetchGroup) {
        record Group<F>(PageRequest page, F filter) {
        }
        Map<Group<F>, List<PageKey<F>>> groups = keys.stream()
                .collect(Collectors.groupingBy(k -> new Group<>(k.page(), k.filter())));
        return Flux.fromIterable(groups.values())
                .concatMap(group -> fetchGroup.apply(group.get(0), group.stream().map(PageKey::parent).distinct().toList())
                        .map(connections -> {
                            Map<PageKey<F>, Connection<T>> result = new HashMap<>();
                            group.forEach(k -> result.put(k, connections.get(k.parent())));
                            return result;
                        }))
                .reduce(new HashMap<>(), (all, part) -> {
                    all.putAll(part);
                    return all;
                });
    }
}
