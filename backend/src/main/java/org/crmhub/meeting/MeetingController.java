package org.crmhub.meeting;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Decision;
import org.crmhub.catalogue.Organisation;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.meeting.Meeting.AgendaItem;
import org.crmhub.meeting.Meeting.Minutes;
import org.crmhub.meeting.MeetingService.CreateMeetingInput;
import org.crmhub.meeting.MeetingService.RecordMinutesInput;
import org.crmhub.meeting.MeetingService.UpdateMeetingInput;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.workplan.WorkPlan;
import org.crmhub.workplan.WorkPlans;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for meetings: every nested field is read for all the meetings of a response at once. */
@Controller
class MeetingController {

    private static final String MEETINGS = "meetingsOfWorkPlan";

    private final Meetings meetings;
    private final MeetingService service;
    private final WorkPlans workPlans;
    private final Tasks tasks;
    private final Catalogue catalogue;
    private final Pager pager;

    MeetingController(Meetings meetings, MeetingService service, WorkPlans workPlans, Tasks tasks, Catalogue catalogue,
                      Pager pager, BatchLoaderRegistry registry) {
        this.meetings = meetings;
        this.service = service;
        this.workPlans = workPlans;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.pager = pager;
        registry.<PageKey<Void>, Connection<Meeting>>forName(MEETINGS).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, plans) -> meetings.meetingsOf(Viewer.of(env), plans, first.page())));
    }

    record MeetingPayload(Meeting meeting, List<UserError> errors) {
    }

    @QueryMapping
    Mono<Meeting> meeting(@Argument String id, @ContextValue Viewer viewer) {
        return Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            return meetings.meeting(viewer, GlobalId.require(id, ItemType.MEETING, List.of("id")));
        });
    }

    @SchemaMapping(typeName = "WorkPlan", field = "meetings")
    CompletableFuture<Connection<Meeting>> meetingsOfWorkPlan(
            WorkPlan plan, @Argument Integer first, @Argument String after, DataFetchingFieldSelectionSet selection,
            DataLoader<PageKey<Void>, Connection<Meeting>> meetingsOfWorkPlan) {
        return meetingsOfWorkPlan.load(new PageKey<>(plan.id(), pager.request(first, after, Meetings.EARLIEST_FIRST, selection), null));
    }

    @BatchMapping(typeName = "Task", field = "meeting")
    Mono<Map<Task, Meeting>> meetingOfTask(List<Task> list, BatchLoaderEnvironment env) {
        List<Task> meetingTasks = list.stream().filter(t -> "MEETING".equals(t.kind())).toList();
        if (meetingTasks.isEmpty()) {
            return Mono.just(Map.of());
        }
        return meetings.meetingsOfTasks(Viewer.of(env), Batches.keys(meetingTasks, Task::id))
                .map(found -> Batches.join(meetingTasks, Task::id, found));
    }

    @BatchMapping(typeName = "Meeting", field = "workPlan")
    Mono<Map<Meeting, WorkPlan>> workPlan(List<Meeting> list, BatchLoaderEnvironment env) {
        return workPlans.workPlans(Viewer.of(env), Batches.keys(list, Meeting::workPlanId))
                .map(found -> Batches.join(list, Meeting::workPlanId, found));
    }

    @BatchMapping(typeName = "Meeting", field = "host")
    Mono<Map<Meeting, Organisation>> host(List<Meeting> list) {
        return catalogue.organisationsById(Batches.keys(list, Meeting::hostOrganisationId))
                .map(found -> Batches.join(list, Meeting::hostOrganisationId, found));
    }

    @BatchMapping(typeName = "Meeting", field = "agenda")
    Mono<Map<Meeting, List<AgendaItem>>> agenda(List<Meeting> list, BatchLoaderEnvironment env) {
        return meetings.agendaOf(Viewer.of(env), Batches.keys(list, Meeting::id))
                .map(found -> Batches.joinLists(list, Meeting::id, found));
    }

    @BatchMapping(typeName = "Meeting", field = "decisions")
    Mono<Map<Meeting, List<Decision>>> decisions(List<Meeting> list, BatchLoaderEnvironment env) {
        return meetings.linkedDecisionsOf(Viewer.of(env), Batches.keys(list, Meeting::id))
                .map(found -> Batches.joinLists(list, Meeting::id, found));
    }

    @BatchMapping(typeName = "Meeting", field = "task")
    Mono<Map<Meeting, Task>> task(List<Meeting> list, BatchLoaderEnvironment env) {
        return tasks.tasks(Viewer.of(env), Batches.keys(list, Meeting::taskId))
                .map(found -> Batches.join(list, Meeting::taskId, found));
    }

    @BatchMapping(typeName = "Meeting", field = "tasks")
    Mono<Map<Meeting, List<Task>>> linkedTasks(List<Meeting> list, BatchLoaderEnvironment env) {
        return meetings.linkedTasksOf(Viewer.of(env), Batches.keys(list, Meeting::id))
                .map(found -> Batches.joinLists(list, Meeting::id, found));
    }

    @BatchMapping(typeName = "MeetingMinutes", field = "decisions")
    Mono<Map<Minutes, List<MeetingDecision>>> reachedDecisions(List<Minutes> list, BatchLoaderEnvironment env) {
        return meetings.reachedDecisionsOf(Viewer.of(env), Batches.keys(list, Minutes::meetingId))
                .map(found -> Batches.joinLists(list, Minutes::meetingId, found));
    }

    @BatchMapping(typeName = "MeetingDecision", field = "meeting")
    Mono<Map<MeetingDecision, Meeting>> meetingOfDecision(List<MeetingDecision> list, BatchLoaderEnvironment env) {
        return meetings.meetings(Viewer.of(env), Batches.keys(list, MeetingDecision::meetingId))
                .map(found -> Batches.join(list, MeetingDecision::meetingId, found));
    }

    @MutationMapping
    Mono<MeetingPayload> createMeeting(@Argument CreateMeetingInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.create(viewer, input), MeetingPayload::new);
    }

    @MutationMapping
    Mono<MeetingPayload> updateMeeting(@Argument UpdateMeetingInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), MeetingPayload::new);
    }

    @MutationMapping
    Mono<MeetingPayload> recordMeetingMinutes(@Argument RecordMinutesInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.recordMinutes(viewer, input), MeetingPayload::new);
    }
}
