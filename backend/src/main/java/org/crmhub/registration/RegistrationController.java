package org.crmhub.registration;

import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.database.Batches;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.meeting.Meeting;
import org.crmhub.meeting.Meetings;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.crmhub.registration.RegistrationService.CancelRegistrationInput;
import org.crmhub.registration.RegistrationService.CloseRegistrationsInput;
import org.crmhub.registration.RegistrationService.OpenRegistrationsInput;
import org.crmhub.registration.RegistrationService.RegisterInput;
import org.crmhub.registration.RegistrationService.UpdateRegistrationSettingsInput;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
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

/** GraphQL for events' registration settings and registrations. Every nested field is batched. */
@Controller
class RegistrationController {

    private static final String REGISTRATIONS_OF_EVENTS = "registrationsOfEvents";
    private static final String NETWORK_CODE = "RROCM";

    private final Registrations registrations;
    private final RegistrationService service;
    private final Tasks tasks;
    private final Meetings meetings;
    private final Catalogue catalogue;
    private final Pager pager;

    RegistrationController(Registrations registrations, RegistrationService service, Tasks tasks, Meetings meetings,
                           Catalogue catalogue,
                           Pager pager, BatchLoaderRegistry registry) {
        this.registrations = registrations;
        this.service = service;
        this.tasks = tasks;
        this.meetings = meetings;
        this.catalogue = catalogue;
        this.pager = pager;
        registry.<PageKey<Boolean>, Connection<Registration>>forName(REGISTRATIONS_OF_EVENTS).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, parents) -> registrations.ofEvents(Viewer.of(env), parents, first.page())));
    }

    record RegistrationSettingsPayload(RegistrationSettings settings, List<UserError> errors) {
    }

    record RegistrationPayload(Registration registration, List<UserError> errors) {
    }

    // ------------------------------------------------------------------------------------------- reads

    @BatchMapping(typeName = "Task", field = "registration")
    Mono<Map<Task, RegistrationSettings>> registration(List<Task> taskList, BatchLoaderEnvironment env) {
        return registrations.settings(Viewer.of(env), Batches.keys(taskList, Task::id))
                .map(found -> Batches.join(taskList, Task::id, found));
    }

    @SchemaMapping(typeName = "Task", field = "registrations")
    CompletableFuture<Connection<Registration>> registrationsOfTask(Task task, @Argument Integer first, @Argument String after,
                                                                    DataFetchingFieldSelectionSet selection, DataFetchingEnvironment env,
                                                                    DataLoader<PageKey<Boolean>, Connection<Registration>> registrationsOfEvents) {
        return eventRegistrations(task.id(), first, after, selection, env, registrationsOfEvents);
    }

    /** An event's registrations (a task's or a meeting's: the same loader, keyed by the event's ID). */
    private CompletableFuture<Connection<Registration>> eventRegistrations(
            UUID eventId, Integer first, String after, DataFetchingFieldSelectionSet selection, DataFetchingEnvironment env,
            DataLoader<PageKey<Boolean>, Connection<Registration>> loader) {
        var page = pager.request(first, after, Registrations.IN_ORDER, selection);
        if (env.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            // personal data never travels to a plan's subscribers (events may be shared among them)
            return CompletableFuture.completedFuture(new Connection<>(List.of(),
                    new Connection.PageInfo(false, page.hasAfter(), null, null), page.counted() ? 0 : null));
        }
        return loader.load(new PageKey<>(eventId, page, Boolean.TRUE));
    }

    @BatchMapping(typeName = "Meeting", field = "registration")
    Mono<Map<Meeting, RegistrationSettings>> registrationOfMeeting(List<Meeting> meetingList, BatchLoaderEnvironment env) {
        return registrations.settings(Viewer.of(env), Batches.keys(meetingList, Meeting::id))
                .map(found -> Batches.join(meetingList, Meeting::id, found));
    }

    @SchemaMapping(typeName = "Meeting", field = "registrations")
    CompletableFuture<Connection<Registration>> registrationsOfMeeting(Meeting meeting, @Argument Integer first,
                                                                       @Argument String after,
                                                                       DataFetchingFieldSelectionSet selection,
                                                                       DataFetchingEnvironment env,
                                                                       DataLoader<PageKey<Boolean>, Connection<Registration>> registrationsOfEvents) {
        return eventRegistrations(meeting.id(), first, after, selection, env, registrationsOfEvents);
    }

    @QueryMapping
    Mono<Connection<Registration>> myRegistrations(@Argument Integer first, @Argument String after, @ContextValue Viewer viewer,
                                                   DataFetchingFieldSelectionSet selection) {
        VisibilityPolicy.requireRead(viewer);
        return registrations.mine(viewer, pager.request(first, after, Registrations.NEWEST_FIRST, selection));
    }

    @BatchMapping(typeName = "RegistrationSettings", field = "event")
    Mono<Map<RegistrationSettings, Object>> settingsEvent(List<RegistrationSettings> list, BatchLoaderEnvironment env) {
        return events(Viewer.of(env), list, RegistrationSettings::eventId, RegistrationSettings::eventType);
    }

    /**
     * The events (tasks or meetings) of {@code list} the viewer may see: one statement per kind of
     * event among them; an event the viewer may not see is left out (null).
     */
    private <P> Mono<Map<P, Object>> events(Viewer viewer, List<P> list, Function<P, UUID> eventId, Function<P, String> eventType) {
        List<P> ofTasks = list.stream().filter(p -> eventId.apply(p) != null && "task".equals(eventType.apply(p))).toList();
        List<P> ofMeetings = list.stream().filter(p -> eventId.apply(p) != null && "meeting".equals(eventType.apply(p))).toList();
        Mono<Map<UUID, Task>> foundTasks = ofTasks.isEmpty() ? Mono.just(Map.of()) : tasks.tasks(viewer, Batches.keys(ofTasks, eventId));
        Mono<Map<UUID, Meeting>> foundMeetings = ofMeetings.isEmpty() ? Mono.just(Map.of())
                : meetings.meetings(viewer, Batches.keys(ofMeetings, eventId));
        return Mono.zip(foundTasks, foundMeetings).map(found -> {
            Map<P, Object> result = new HashMap<>();
            ofTasks.forEach(p -> {
                Task task = found.getT1().get(eventId.apply(p));
                if (task != null) {
                    result.put(p, task);
                }
            });
            ofMeetings.forEach(p -> {
                Meeting meeting = found.getT2().get(eventId.apply(p));
                if (meeting != null) {
                    result.put(p, meeting);
                }
            });
            return result;
        });
    }

    @SchemaMapping(typeName = "RegistrationSettings", field = "viewerCanRegister")
    boolean viewerCanRegister(RegistrationSettings settings, @ContextValue Viewer viewer) {
        // a civil-society member needs an organisation; st-rrocm registers for its network's
        return settings.open() && VisibilityPolicy.allows(viewer, Action.REGISTER, false)
                && (VisibilityPolicy.registrants(viewer) == VisibilityPolicy.Registrants.ALL || !viewer.organisationCodes().isEmpty());
    }

    @BatchMapping(typeName = "Registration", field = "event")
    Mono<Map<Registration, Object>> event(List<Registration> list, BatchLoaderEnvironment env) {
        return events(Viewer.of(env), list, Registration::eventId, Registration::eventType);
    }

    @BatchMapping(typeName = "Registration", field = "organisation")
    Mono<Map<Registration, Organisation>> organisation(List<Registration> list) {
        return catalogue.organisationsById(Batches.keys(list, Registration::organisationId))
                .map(found -> Batches.join(list, Registration::organisationId, found));
    }

    @BatchMapping(typeName = "Registration", field = "waitingPosition")
    Mono<Map<Registration, Integer>> waitingPosition(List<Registration> list) {
        List<Registration> waiting = list.stream().filter(r -> "WAITLISTED".equals(r.status())).toList();
        return registrations.waitingPositions(Batches.keys(waiting, Registration::id))
                .map(found -> Batches.join(waiting, Registration::id, found));
    }

    @BatchMapping(typeName = "Registration", field = "viewerCanCancel")
    Mono<Map<Registration, Boolean>> viewerCanCancel(List<Registration> list, BatchLoaderEnvironment env) {
        Viewer viewer = Viewer.of(env);
        if (!VisibilityPolicy.allows(viewer, Action.REGISTER, false)) {
            Map<Registration, Boolean> none = new HashMap<>();
            list.forEach(r -> none.put(r, false));
            return Mono.just(none);
        }
        return Mono.zip(catalogue.organisationsById(Batches.keys(list, Registration::organisationId)),
                        catalogue.organisationByCode(NETWORK_CODE).map(Organisation::id).defaultIfEmpty(new UUID(0, 0)))
                .map(found -> {
                    Map<Registration, Boolean> result = new HashMap<>();
                    list.forEach(r -> {
                        Organisation o = found.getT1().get(r.organisationId());
                        result.put(r, !r.isCancelled() && o != null
                                && VisibilityPolicy.mayRegisterFor(viewer, o.code(), o.networkId(), found.getT2()));
                    });
                    return result;
                });
    }

    // --------------------------------------------------------------------------------------- mutations

    @MutationMapping
    Mono<RegistrationSettingsPayload> openRegistrations(@Argument OpenRegistrationsInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.open(viewer, input), RegistrationSettingsPayload::new);
    }

    @MutationMapping
    Mono<RegistrationSettingsPayload> updateRegistrationSettings(@Argument UpdateRegistrationSettingsInput input,
                                                                 @ContextValue Viewer viewer) {
        return Payloads.of(service.update(viewer, input), RegistrationSettingsPayload::new);
    }

    @MutationMapping
    Mono<RegistrationSettingsPayload> closeRegistrations(@Argument CloseRegistrationsInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.close(viewer, input), RegistrationSettingsPayload::new);
    }

    @MutationMapping
    Mono<RegistrationPayload> register(@Argument RegisterInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.register(viewer, input), RegistrationPayload::new);
    }

    @MutationMapping
    Mono<RegistrationPayload> cancelRegistration(@Argument CancelRegistrationInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.cancel(viewer, input), RegistrationPayload::new);
    }
}
