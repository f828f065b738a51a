package org.crmhub.capabilities;

import graphql.schema.DataFetcher;
import java.util.Map;
import java.util.function.Predicate;
import org.crmhub.item.ItemType;
import org.crmhub.item.Reservable;
import org.crmhub.meeting.Meeting;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The {@code viewerCan*} fields of the schema, one per mutation that acts on (or inside) an item:
 * the action that mutation asks of {@link VisibilityPolicy#allows}, and where the mutation also
 * depends on the item's state, that state. The version is not part of a capability: a client that
 * holds an old version still learns what it may do, and gets CONFLICT when it tries.
 */
@Configuration(proxyBeanMethods = false)
class Capabilities {

    /** A capability: the action it needs, and the state the item must be in (always, for most). */
    private record Capability(Action action, Predicate<Object> state) {
        static Capability of(Action action) {
            return new Capability(action, item -> true);
        }
    }

    private static final Predicate<Object> PENDING_PROPOSAL = item -> item instanceof Task task && task.isPendingProposal();
    private static final Predicate<Object> HELD_MEETING = item -> item instanceof Meeting meeting && "HELD".equals(meeting.status());

    /** Per type: each field and the capability behind it (the mutation in the schema's description). */
    static final Map<ItemType, Map<String, Capability>> FIELDS = Map.of(
            ItemType.WORK_PLAN, Map.of(
                    "viewerCanUpdate", Capability.of(Action.EDIT),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY),
                    "viewerCanComment", Capability.of(Action.CONTRIBUTE),
                    "viewerCanAddWorkstream", Capability.of(Action.EDIT),
                    "viewerCanAddResource", Capability.of(Action.EDIT)),
            ItemType.WORKSTREAM, Map.of(
                    "viewerCanUpdate", Capability.of(Action.EDIT),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY),
                    "viewerCanComment", Capability.of(Action.CONTRIBUTE),
                    "viewerCanAddTask", Capability.of(Action.EDIT),
                    "viewerCanProposeTask", Capability.of(Action.PROPOSE)),
            ItemType.TASK, Map.of(
                    "viewerCanUpdate", Capability.of(Action.EDIT),
                    "viewerCanDelete", Capability.of(Action.EDIT),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY),
                    "viewerCanComment", Capability.of(Action.CONTRIBUTE),
                    "viewerCanAcceptProposal", new Capability(Action.EDIT, PENDING_PROPOSAL),
                    "viewerCanDeclineProposal", new Capability(Action.EDIT, PENDING_PROPOSAL),
                    "viewerCanAddResource", Capability.of(Action.EDIT),
                    "viewerCanAddIndicator", Capability.of(Action.EDIT),
                    "viewerCanAddProgressReport", Capability.of(Action.CONTRIBUTE)),
            ItemType.RESOURCE, Map.of(
                    "viewerCanUpdate", Capability.of(Action.EDIT),
                    "viewerCanDelete", Capability.of(Action.EDIT),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY),
                    "viewerCanComment", Capability.of(Action.CONTRIBUTE)),
            ItemType.INDICATOR, Map.of(
                    "viewerCanRecordValue", Capability.of(Action.EDIT),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY)),
            ItemType.PROGRESS_REPORT, Map.of(
                    "viewerCanClassify", Capability.of(Action.CLASSIFY)),
            ItemType.CONTRIBUTION, Map.of(
                    "viewerCanUpdate", Capability.of(Action.BUDGET),
                    "viewerCanRecordPayment", Capability.of(Action.BUDGET),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY)),
            ItemType.MEETING, Map.of(
                    "viewerCanUpdate", Capability.of(Action.EDIT),
                    "viewerCanRecordMinutes", new Capability(Action.EDIT, HELD_MEETING),
                    "viewerCanClassify", Capability.of(Action.CLASSIFY),
                    "viewerCanComment", Capability.of(Action.CONTRIBUTE)),
            ItemType.MEETING_DECISION, Map.of(
                    "viewerCanClassify", Capability.of(Action.CLASSIFY)),
            // the suggestion is always OPEN: the role decides (an answer hidden from st-rrocm answers CONFLICT)
            ItemType.SUGGESTION, Map.of(
                    "viewerCanAnswer", Capability.of(Action.ANSWER)));

    @Bean
    RuntimeWiringConfigurer capabilityFields() {
        return wiring -> FIELDS.forEach((type, fields) -> wiring.type(type.graphQlType(), builder -> {
            fields.forEach((field, capability) -> builder.dataFetcher(field, fetcher(capability)));
            return builder;
        }));
    }

    private static DataFetcher<Boolean> fetcher(Capability capability) {
        return env -> {
            Viewer viewer = env.getGraphQlContext().get(Viewer.CONTEXT_KEY);
            Reservable item = env.getSource();
            // the item is visible (the viewer is reading it); the action and the state decide
            return viewer != null && VisibilityPolicy.allows(viewer, capability.action(), item.reserved())
                    && capability.state().test(item);
        };
    }
}
