package org.crmhub.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.contribution.Contributions;
import org.crmhub.meeting.Meetings;
import org.crmhub.collaboration.Comments;
import org.crmhub.monitoring.Monitoring;
import org.crmhub.registration.Registrations;
import org.crmhub.resource.Resources;
import org.crmhub.suggestion.Suggestions;
import org.crmhub.security.Viewer;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.task.Tasks;
import org.crmhub.workplan.WorkPlans;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds any item by global ID, through the owning feature's reader (and so through the viewer's
 * visibility filter): one statement per item type asked for.
 */
@Component
class Nodes {

    private final WorkPlans workPlans;
    private final Tasks tasks;
    private final Resources resources;
    private final Monitoring monitoring;
    private final Comments comments;
    private final Catalogue catalogue;
    private final Contributions contributions;
    private final Meetings meetings;
    private final Suggestions suggestions;
    private final Registrations registrations;

    Nodes(WorkPlans workPlans, Tasks tasks, Resources resources, Monitoring monitoring, Comments comments,
          Catalogue catalogue, Contributions contributions, Meetings meetings, Suggestions suggestions,
          Registrations registrations) {
        this.workPlans = workPlans;
        this.tasks = tasks;
        this.resources = resources;
        this.monitoring = monitoring;
        this.comments = comments;
        this.catalogue = catalogue;
        this.contributions = contributions;
        this.meetings = meetings;
        this.suggestions = suggestions;
        this.registrations = registrations;
    }

    /** The items, in the order asked; an unknown, malformed or invisible ID gives null. */
    Mono<List<Object>> find(Viewer viewer, List<String> ids) {
        List<GlobalId> parsed = ids.stream().map(id -> GlobalId.parse(id).orElse(null)).toList();
        Map<ItemType, List<UUID>> byType = parsed.stream().filter(Objects::nonNull)
                .collect(Collectors.groupingBy(GlobalId::type, Collectors.mapping(GlobalId::id, Collectors.toList())));
        return Flux.fromIterable(byType.entrySet())
                .concatMap(e -> load(viewer, e.getKey(), e.getValue()).map(found -> Map.entry(e.getKey(), found)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    List<Object> result = new ArrayList<>();
                    for (GlobalId id : parsed) {
                        result.add(id == null ? null : found.getOrDefault(id.type(), Map.of()).get(id.id()));
                    }
                    return result;
                });
    }

    private Mono<Map<UUID, ?>> load(Viewer viewer, ItemType type, Collection<UUID> ids) {
        return switch (type) {
            case WORK_PLAN -> workPlans.workPlans(viewer, ids).map(HashMap::new);
            case WORKSTREAM -> workPlans.workstreams(viewer, ids).map(HashMap::new);
            case TASK -> tasks.tasks(viewer, ids).map(HashMap::new);
            case RESOURCE -> resources.resources(viewer, ids).map(HashMap::new);
            case INDICATOR -> monitoring.indicators(viewer, ids).map(HashMap::new);
            case PROGRESS_REPORT -> monitoring.progressReports(viewer, ids).map(HashMap::new);
            case COMMENT -> comments.comments(viewer, ids).map(HashMap::new);
            case CONTRIBUTION -> contributions.contributions(viewer, ids).map(HashMap::new);
            case MEETING -> meetings.meetings(viewer, ids).map(HashMap::new);
            case MEETING_DECISION -> meetings.decisions(viewer, ids).map(HashMap::new);
            case SUGGESTION -> suggestions.suggestions(viewer, ids).map(HashMap::new);
            case SUGGESTION_RESPONSE -> Mono.just(new HashMap<>());   // not a Node: read through its suggestion
            case ORGANISATION -> catalogue.organisationsById(ids).map(HashMap::new);
            // personal data: only those who may see the organisation's registrations find one
            case REGISTRATION -> registrations.registrations(viewer, ids).map(HashMap::new);
            case DECISION -> catalogue.decisionsById(ids).map(HashMap::new);
            case MEMBER -> Mono.just(new HashMap<>());   // accounts are read through `members`, not `node`
        };
    }
}
