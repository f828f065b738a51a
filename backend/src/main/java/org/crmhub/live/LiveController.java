package org.crmhub.live;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.crmhub.collaboration.Comment;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import graphql.schema.DataFetchingEnvironment;
import org.crmhub.language.Languages;
import org.crmhub.report.PublishedReport;
import org.crmhub.meeting.Meeting;
import org.crmhub.resource.Resource;
import org.crmhub.live.LiveChanges.Topic;
import org.crmhub.security.Grant;
import org.crmhub.security.GrantEnds;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlans;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The subscriptions to a work plan's changes: tasks, resources, meetings, comments and decisions on proposals. */
@Controller
class LiveController {

    private final LiveChanges live;
    private final WorkPlans workPlans;
    private final GrantEnds grantEnds;

    LiveController(LiveChanges live, WorkPlans workPlans, GrantEnds grantEnds) {
        this.live = live;
        this.workPlans = workPlans;
        this.grantEnds = grantEnds;
    }

    record TaskChange(String kind, String taskId, Task task, String cursor, OffsetDateTime at) {
    }

    record ResourceChange(String kind, String resourceId, Resource resource, String cursor, OffsetDateTime at) {
    }

    record CommentAdded(String commentId, Comment comment, String subjectId, String cursor, OffsetDateTime at) {
    }

    record MeetingChange(String kind, String meetingId, Meeting meeting, String cursor, OffsetDateTime at) {
    }

    record ProposalDecided(String taskId, Task task, String outcome, String reason, String cursor, OffsetDateTime at) {
    }

    @SubscriptionMapping
    Flux<TaskChange> taskChanged(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                 @ContextValue Grant grant,
            @ContextValue(name = SharedSubscriptions.SHARED, required = false) Boolean shared,
                                 DataFetchingFieldSelectionSet selection) {
        return changes(viewer, grant, shared, Topic.TASKS, workPlanId, after, selection.contains("task"))
                .map(c -> new TaskChange(c.kind(), GlobalId.encode(ItemType.TASK, c.itemId()), (Task) c.item(), c.cursor(), c.at()));
    }

    @SubscriptionMapping
    Flux<ResourceChange> resourceChanged(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                         @ContextValue Grant grant,
            @ContextValue(name = SharedSubscriptions.SHARED, required = false) Boolean shared,
                                         DataFetchingFieldSelectionSet selection) {
        return changes(viewer, grant, shared, Topic.RESOURCES, workPlanId, after, selection.contains("resource"))
                .map(c -> new ResourceChange(c.kind(), GlobalId.encode(ItemType.RESOURCE, c.itemId()), (Resource) c.item(),
                        c.cursor(), c.at()));
    }

    @SubscriptionMapping
    Flux<MeetingChange> meetingChanged(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                       @ContextValue Grant grant,
            @ContextValue(name = SharedSubscriptions.SHARED, required = false) Boolean shared,
                                       DataFetchingFieldSelectionSet selection) {
        return changes(viewer, grant, shared, Topic.MEETINGS, workPlanId, after, selection.contains("meeting"))
                .map(c -> new MeetingChange(c.kind(), GlobalId.encode(ItemType.MEETING, c.itemId()), (Meeting) c.item(),
                        c.cursor(), c.at()));
    }

    @SubscriptionMapping
    Flux<CommentAdded> commentAdded(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                    @ContextValue Grant grant,
            @ContextValue(name = SharedSubscriptions.SHARED, required = false) Boolean shared) {
        return changes(viewer, grant, shared, Topic.COMMENTS, workPlanId, after, true).map(c -> {
            Comment comment = (Comment) c.item();
            String subject = ItemType.ofTable(comment.subjectType()).map(t -> GlobalId.encode(t, comment.subjectId()))
                    .orElseThrow();
            return new CommentAdded(GlobalId.encode(ItemType.COMMENT, c.itemId()), comment, subject, c.cursor(), c.at());
        });
    }

    record ReportPublished(PublishedReport report, String cursor, OffsetDateTime at) {
    }

    /**
     * Report editions as they are published: each subscriber hears only of the edition it may read
     * (checked when each is delivered), in its own language.
     */
    @SubscriptionMapping
    Flux<ReportPublished> reportPublished(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                          @ContextValue Grant grant, DataFetchingEnvironment env) {
        String language = Languages.supported(env.getLocale()).getLanguage();
        String edition = VisibilityPolicy.canSeeReserved(viewer) ? "GOVERNMENT" : "CIVIL_SOCIETY";
        return changes(viewer, grant, false, Topic.REPORTS, workPlanId, after, true)
                .map(c -> new ReportPublished((PublishedReport) c.item(), c.cursor(), c.at()))
                .filter(r -> r.report().language().equals(language) && r.report().edition().equals(edition));
    }

    @SubscriptionMapping
    Flux<ProposalDecided> proposalDecided(@Argument String workPlanId, @Argument String after, @ContextValue Viewer viewer,
                                          @ContextValue Grant grant,
            @ContextValue(name = SharedSubscriptions.SHARED, required = false) Boolean shared) {
        return changes(viewer, grant, shared, Topic.PROPOSAL_DECISIONS, workPlanId, after, true).map(c -> {
            Task task = (Task) c.item();
            // declineProposal is the only way to give a reason; acceptProposal leaves none
            boolean declined = task.declineReason() != null;
            return new ProposalDecided(GlobalId.encode(ItemType.TASK, c.itemId()), task, declined ? "DECLINED" : "ACCEPTED",
                    task.declineReason(), c.cursor(), c.at());
        });
    }

    /**
     * A plan the viewer may not see is refused like an unknown one; then every event is checked.
     * Without {@code withItem} (the item is not selected), a change is not read from its table.
     */
    private Flux<LiveChanges.Change> changes(Viewer viewer, Grant grant, Boolean shared, Topic type, String workPlanId,
                                             String after, boolean withItem) {
        return Flux.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
            return workPlans.workPlan(viewer, plan)
                    .contextWrite(ClearanceConnectionFactory.forViewer(viewer))
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(List.of("workPlanId"))))
                    .flatMapMany(p -> live.changes(viewer, type, plan, after,
                            // a shared stream ends per member, in SharedSubscriptions
                            Boolean.TRUE.equals(shared) ? Mono.never() : grantEnds.of(grant, GrantEnds.STREAMS_END_BEFORE_EXPIRY),
                            withItem));
        });
    }

}
