package org.crmhub.meeting;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.errors.Checks;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.Insert;
import org.crmhub.item.ItemType;
import org.crmhub.item.ItemWrites;
import org.crmhub.item.ItemWrites.Parent;
import org.crmhub.item.ItemWrites.Target;
import org.crmhub.item.Update;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.VisibilityPolicy;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.crmhub.workplan.WorkPlans;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Creates and changes meetings and records their minutes: validation, the meeting's life cycle
 * and its links. Locking, permissions (the task matrix: {@link Action#EDIT}), versions and the
 * audit trail belong to the write path.
 */
@Service
class MeetingService {

    static final int TITLE_MAX = 300;
    static final int PLACE_MAX = 300;
    static final int LINK_MAX = 2000;
    static final int AGENDA_MAX = 50;
    static final int MINUTES_MAX = 20_000;
    static final int DECISION_TEXT_MAX = 2000;

    /** The life cycle: from each status, where a meeting may go. */
    static final Map<String, Set<String>> NEXT = Map.of(
            "PLANNED", Set.of("HELD", "CANCELLED"),
            "CANCELLED", Set.of("PLANNED"),
            "HELD", Set.of());

    private final Meetings meetings;
    private final WorkPlans workPlans;
    private final Tasks tasks;
    private final Catalogue catalogue;
    private final ItemWrites writes;
    private final DatabaseClient db;

    MeetingService(Meetings meetings, WorkPlans workPlans, Tasks tasks, Catalogue catalogue, ItemWrites writes,
                   DatabaseClient db) {
        this.meetings = meetings;
        this.workPlans = workPlans;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.writes = writes;
        this.db = db;
    }

    record CreateMeetingInput(String workPlanId, String kind, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                              String timeZone, String venue, String link, String hostOrganisationId, String taskId,
                              List<String> agenda, List<String> decisionIds, List<String> taskIds, String visibility) {
    }

    record UpdateMeetingInput(String id, Integer expectedVersion, String kind, String title, OffsetDateTime startsAt,
                              OffsetDateTime endsAt, String timeZone, String venue, String link, String hostOrganisationId,
                              String taskId, String status, List<String> agenda, List<String> decisionIds,
                              List<String> taskIds) {
    }

    record RecordMinutesInput(String meetingId, Integer expectedVersion, String text, List<String> decisions) {
    }

    Mono<Meeting> create(Viewer viewer, CreateMeetingInput in) {
        return Mono.defer(() -> {
            UUID plan = GlobalId.require(in.workPlanId(), ItemType.WORK_PLAN, input("workPlanId"));
            UUID host = GlobalId.optional(in.hostOrganisationId(), ItemType.ORGANISATION, input("hostOrganisationId"));
            UUID task = GlobalId.optional(in.taskId(), ItemType.TASK, input("taskId"));
            List<UUID> decisions = ids(in.decisionIds(), ItemType.DECISION, "decisionIds");
            List<UUID> linked = ids(in.taskIds(), ItemType.TASK, "taskIds");
            Checks checks = new Checks().requiredText("title", in.title(), TITLE_MAX);
            place(checks, in.kind(), blankToNull(in.venue()), blankToNull(in.link()), "venue", "link");
            times(checks, in.startsAt(), in.endsAt(), in.startsAt() != null ? "endsAt" : "startsAt");
            timeZone(checks, in.timeZone(), true);
            agenda(checks, in.agenda());
            checks.orThrow();
            List<String> agenda = cleaned(in.agenda());
            return writes.create(viewer, Action.EDIT, Parent.of(workPlans.workPlan(viewer, plan), input("workPlanId")),
                    workPlan -> new Insert(ItemType.MEETING, in.visibility())
                            .value("work_plan_id", plan, UUID.class)
                            .shown("kind", "kind", in.kind(), String.class)
                            .shown("title", "title", clean(in.title()), String.class)
                            .shown("startsAt", "starts_at", in.startsAt(), OffsetDateTime.class, in.startsAt().toString())
                            .shown("endsAt", "ends_at", in.endsAt(), OffsetDateTime.class, in.endsAt().toString())
                            .shown("timeZone", "time_zone", in.timeZone(), String.class)
                            .value("venue", clean(blankToNull(in.venue())), String.class)
                            .value("link", clean(blankToNull(in.link())), String.class)
                            .value("host_organisation_id", host, UUID.class)
                            .value("task_id", task, UUID.class)
                            .shown("status", "status", "PLANNED", String.class)
                            .requires(references(viewer, plan, "RESERVED".equals(in.visibility()) || workPlan.reserved(),
                                    host, task, decisions, linked))
                            .alsoWrites(id -> writeAgenda(id, agenda)
                                    .then(linkDecisions(id, decisions))
                                    .then(linkTasks(id, linked))),
                    id -> meetings.meeting(viewer, id))
                    .onErrorMap(DataIntegrityViolationException.class, MeetingService::taskAlreadyPlans);
        });
    }

    Mono<Meeting> update(Viewer viewer, UpdateMeetingInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.id(), ItemType.MEETING, input("id"));
            UUID host = GlobalId.optional(in.hostOrganisationId(), ItemType.ORGANISATION, input("hostOrganisationId"));
            UUID task = GlobalId.optional(in.taskId(), ItemType.TASK, input("taskId"));
            List<UUID> decisions = in.decisionIds() == null ? null : ids(in.decisionIds(), ItemType.DECISION, "decisionIds");
            List<UUID> linked = in.taskIds() == null ? null : ids(in.taskIds(), ItemType.TASK, "taskIds");
            Checks early = new Checks().optionalText("title", in.title(), TITLE_MAX);
            timeZone(early, in.timeZone(), false);
            agenda(early, in.agenda());
            early.orThrow();
            return writes.update(viewer, Action.EDIT, Target.of(Meeting.ROWS, id, input("id"), in.expectedVersion()),
                    (current, update) -> {
                        Checks checks = new Checks();
                        if (in.status() != null && !in.status().equals(current.status())) {
                            checks.check(NEXT.get(current.status()).contains(in.status()), "status", "error.meetingTransition",
                                    current.status(), in.status(), NEXT.get(current.status()).toString());
                        }
                        String kind = in.kind() != null ? in.kind() : current.kind();
                        String venue = in.venue() != null ? blankToNull(in.venue()) : current.venue();
                        String link = in.link() != null ? blankToNull(in.link()) : current.link();
                        place(checks, kind, venue, link, in.venue() != null || in.kind() != null ? "venue" : "kind",
                                in.link() != null || in.kind() != null ? "link" : "kind");
                        OffsetDateTime starts = in.startsAt() != null ? in.startsAt() : current.startsAt();
                        OffsetDateTime ends = in.endsAt() != null ? in.endsAt() : current.endsAt();
                        times(checks, starts, ends, in.endsAt() != null ? "endsAt" : "startsAt");
                        checks.orThrow();
                        update.set("kind", "kind", current.kind(), in.kind(), String.class)
                                .set("title", "title", current.title(), clean(in.title()), String.class)
                                .set("startsAt", "starts_at", current.startsAt(), changed(current.startsAt(), in.startsAt()),
                                        OffsetDateTime.class, text(current.startsAt()), text(in.startsAt()))
                                .set("endsAt", "ends_at", current.endsAt(), changed(current.endsAt(), in.endsAt()),
                                        OffsetDateTime.class, text(current.endsAt()), text(in.endsAt()))
                                .set("timeZone", "time_zone", current.timeZone(), in.timeZone(), String.class)
                                .set("status", "status", current.status(), in.status(), String.class);
                        if (in.venue() != null) {
                            update.replace("venue", "venue", current.venue(), clean(venue), String.class);
                        }
                        if (in.link() != null) {
                            update.replace("link", "link", current.link(), clean(link), String.class);
                        }
                        update.set("host", "host_organisation_id", current.hostOrganisationId(), host, UUID.class,
                                global(ItemType.ORGANISATION, current.hostOrganisationId()), global(ItemType.ORGANISATION, host));
                        // the audit trail names no task: the meeting's history is as open as the meeting,
                        // and the planning task may be reserved
                        update.set("task", "task_id", current.taskId(), task, UUID.class, null, null);
                        return references(viewer, current.workPlanId(), current.reserved(), host, task,
                                        decisions == null ? List.of() : decisions, linked == null ? List.of() : linked)
                                .then(replaceAgenda(id, in.agenda(), update))
                                .then(replaceDecisions(id, decisions, update))
                                .then(replaceTasks(viewer, id, linked, update));
                    },
                    meetingId -> meetings.meeting(viewer, meetingId))
                    .onErrorMap(DataIntegrityViolationException.class, MeetingService::taskAlreadyPlans);
        });
    }

    /**
     * The minutes of a held meeting and the decisions it reached. They replace earlier minutes;
     * the decisions reached are new items, each as reserved as the meeting.
     */
    Mono<Meeting> recordMinutes(Viewer viewer, RecordMinutesInput in) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(in.meetingId(), ItemType.MEETING, input("meetingId"));
            Checks checks = new Checks().requiredText("text", in.text(), MINUTES_MAX);
            List<String> reached = in.decisions() == null ? List.of() : in.decisions();
            checks.check(reached.size() <= AGENDA_MAX, "decisions", "error.tooMany", String.valueOf(AGENDA_MAX));
            for (int i = 0; i < reached.size(); i++) {
                String text = reached.get(i);
                if (text == null || text.isBlank()) {
                    checks.failAt(List.of("input", "decisions", String.valueOf(i)), "error.blank");
                } else if (text.strip().length() > DECISION_TEXT_MAX) {
                    checks.failAt(List.of("input", "decisions", String.valueOf(i)), "error.tooLong",
                            String.valueOf(DECISION_TEXT_MAX));
                }
            }
            checks.orThrow();
            return writes.update(viewer, Action.EDIT, Target.of(Meeting.ROWS, id, input("meetingId"), in.expectedVersion()),
                    (current, update) -> {
                        if (!"HELD".equals(current.status())) {
                            throw new UserErrorException(UserError.invalid(input("meetingId"), "error.meetingNotHeld",
                                    current.status()));
                        }
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        update.set("minutes", "minutes", current.minutesText(), clean(in.text()), String.class)
                                .set("minutesRecordedAt", "minutes_recorded_at", current.minutesRecordedAt(), now,
                                        OffsetDateTime.class, text(current.minutesRecordedAt()), text(now))
                                .replace("minutesRecordedBy", "minutes_recorded_by", null, viewer.username(), String.class);
                        // no count: a reserved decision reached must not show in an open history
                        update.note("decisionsReached", null, null);
                        // replaces the decisions the caller can see (row-level security): a reserved one
                        // stays for st-rrocm, unseen and untouched
                        return db.sql("DELETE FROM meeting_decision WHERE meeting_id = :id").bind("id", id).then()
                                .then(writeReached(viewer, id, cleaned(reached)));
                    },
                    meetingId -> meetings.meeting(viewer, meetingId));
        });
    }

    // --- validation --------------------------------------------------------------------------------

    /** An online meeting needs a link, one in person a venue; a link is an http(s) address. */
    private static void place(Checks checks, String kind, String venue, String link, String venueField, String linkField) {
        checks.optionalText("venue", venue, PLACE_MAX).optionalText("link", link, LINK_MAX);
        if ("VIRTUAL".equals(kind) && link == null) {
            checks.fail(linkField, "error.meetingNeedsLink");
        }
        if ("IN_PERSON".equals(kind) && venue == null) {
            checks.fail(venueField, "error.meetingNeedsVenue");
        }
        if (link != null && !webAddress(link.strip())) {
            checks.fail("link", "error.notAWebAddress");
        }
    }

    private static boolean webAddress(String link) {
        try {
            URI uri = new URI(link);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void times(Checks checks, OffsetDateTime starts, OffsetDateTime ends, String field) {
        if (starts != null && ends != null && ends.isBefore(starts)) {
            checks.fail(field, "error.endsBeforeStart");
        }
    }

    private static void timeZone(Checks checks, String zone, boolean required) {
        if (zone == null) {
            if (required) {
                checks.fail("timeZone", "error.blank");
            }
            return;
        }
        // region IDs only (America/Tegucigalpa): an offset like +02:00 is not a time zone people meet in
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            checks.fail("timeZone", "error.timeZone");
        }
    }

    private static void agenda(Checks checks, List<String> agenda) {
        if (agenda == null) {
            return;
        }
        checks.check(agenda.size() <= AGENDA_MAX, "agenda", "error.tooMany", String.valueOf(AGENDA_MAX));
        for (int i = 0; i < agenda.size(); i++) {
            String item = agenda.get(i);
            if (item == null || item.isBlank()) {
                checks.failAt(List.of("input", "agenda", String.valueOf(i)), "error.blank");
            } else if (item.strip().length() > TITLE_MAX) {
                checks.failAt(List.of("input", "agenda", String.valueOf(i)), "error.tooLong", String.valueOf(TITLE_MAX));
            }
        }
    }

    /**
     * What the meeting refers to must exist for the viewer: the host and decisions (public), the
     * planning task (of kind MEETING) and the linked tasks (of the same plan). A task the viewer
     * may not see answers NOT_FOUND, as one that does not exist.
     */
    private Mono<Void> references(Viewer viewer, UUID plan, boolean meetingReserved, UUID host, UUID task, List<UUID> decisions,
                                  List<UUID> linked) {
        Mono<Void> hostCheck = host == null ? Mono.empty() : catalogue.organisation(host)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("hostOrganisationId")))).then();
        Mono<Void> decisionCheck = decisions.isEmpty() ? Mono.empty() : catalogue.decisionsById(decisions)
                .flatMap(found -> found.keySet().containsAll(decisions) ? Mono.<Void>empty()
                        : Mono.error(VisibilityPolicy.notFound(input("decisionIds"))));
        List<UUID> all = new ArrayList<>(linked);
        if (task != null) {
            all.add(task);
        }
        Mono<Void> taskCheck = all.isEmpty() ? Mono.empty() : tasks.tasks(viewer, all).flatMap(found -> {
            if (task != null) {
                Task planning = found.get(task);
                if (planning == null) {
                    return Mono.error(VisibilityPolicy.notFound(input("taskId")));
                }
                // a reserved meeting holding an open task would show through it (V17, meeting_release_open_task)
                Checks checks = new Checks()
                        .check(planning.workPlanId().equals(plan), "taskId", "error.taskInAnotherPlan")
                        .check("MEETING".equals(planning.kind()), "taskId", "error.notAMeetingTask")
                        .check(!meetingReserved || planning.reserved(), "taskId", "error.reservedMeetingOpenTask");
                checks.orThrow();
            }
            for (int i = 0; i < linked.size(); i++) {
                Task t = found.get(linked.get(i));
                List<String> field = List.of("input", "taskIds", String.valueOf(i));
                if (t == null) {
                    return Mono.error(VisibilityPolicy.notFound(field));
                }
                if (!t.workPlanId().equals(plan)) {
                    return Mono.error(new UserErrorException(UserError.invalid(field, "error.taskInAnotherPlan")));
                }
            }
            return Mono.empty();
        });
        return hostCheck.then(decisionCheck).then(taskCheck);
    }

    private static UserErrorException taskAlreadyPlans(DataIntegrityViolationException e) {
        return new UserErrorException(UserError.invalid(input("taskId"), "error.taskPlansAnotherMeeting"));
    }

    // --- side writes -------------------------------------------------------------------------------

    private Mono<Void> writeAgenda(UUID meeting, List<String> agenda) {
        if (agenda.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO meeting_agenda_item (meeting_id, position, title)"
                        + " SELECT :meeting, t.ord, t.title FROM unnest(CAST(:titles AS text[])) WITH ORDINALITY AS t(title, ord)")
                .bind("meeting", meeting).bind("titles", agenda.toArray(String[]::new)).then();
    }

    private Mono<Void> linkDecisions(UUID meeting, List<UUID> decisions) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO meeting_linked_decision (meeting_id, decision_id) SELECT :meeting, unnest(CAST(:ids AS uuid[]))")
                .bind("meeting", meeting).bind("ids", decisions.toArray(UUID[]::new)).then();
    }

    private Mono<Void> linkTasks(UUID meeting, List<UUID> linked) {
        if (linked.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO meeting_linked_task (meeting_id, task_id) SELECT :meeting, unnest(CAST(:ids AS uuid[]))"
                        + " ON CONFLICT DO NOTHING")
                .bind("meeting", meeting).bind("ids", linked.toArray(UUID[]::new)).then();
    }

    private Mono<Void> writeReached(Viewer viewer, UUID meeting, List<String> texts) {
        if (texts.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO meeting_decision (meeting_id, position, text, created_by)"
                        + " SELECT :meeting, t.ord, t.text, :by FROM unnest(CAST(:texts AS text[])) WITH ORDINALITY AS t(text, ord)")
                .bind("meeting", meeting).bind("texts", texts.toArray(String[]::new)).bind("by", viewer.username()).then();
    }

    private Mono<Void> replaceAgenda(UUID meeting, List<String> agenda, Update update) {
        if (agenda == null) {
            return Mono.empty();
        }
        List<String> cleaned = cleaned(agenda);
        return meetings.agendaTitles(meeting).flatMap(before -> {
            if (before.equals(cleaned)) {
                return Mono.empty();
            }
            update.note("agenda", before, cleaned);
            return db.sql("DELETE FROM meeting_agenda_item WHERE meeting_id = :id").bind("id", meeting).then()
                    .then(writeAgenda(meeting, cleaned));
        });
    }

    private Mono<Void> replaceDecisions(UUID meeting, List<UUID> decisions, Update update) {
        if (decisions == null) {
            return Mono.empty();
        }
        return meetings.linkedDecisionIds(meeting).flatMap(before -> {
            if (new LinkedHashSet<>(before).equals(new LinkedHashSet<>(decisions))) {
                return Mono.empty();
            }
            update.note("decisions", globals(ItemType.DECISION, before), globals(ItemType.DECISION, decisions));
            return db.sql("DELETE FROM meeting_linked_decision WHERE meeting_id = :id").bind("id", meeting).then()
                    .then(linkDecisions(meeting, decisions));
        });
    }

    /**
     * Replaces the links to the tasks the viewer may see; links to tasks hidden from the viewer (a
     * government's link to a reserved task) stay, untouched and unmentioned. The audit note names
     * no task: a meeting's history is as open as the meeting, and a linked task may be reserved.
     */
    private Mono<Void> replaceTasks(Viewer viewer, UUID meeting, List<UUID> linked, Update update) {
        if (linked == null) {
            return Mono.empty();
        }
        return meetings.linkedTaskIds(meeting)
                .flatMap(before -> tasks.tasks(viewer, before).map(visible -> before.stream().filter(visible::containsKey).toList()))
                .flatMap(visibleBefore -> {
                    if (new LinkedHashSet<>(visibleBefore).equals(new LinkedHashSet<>(linked))) {
                        return Mono.empty();
                    }
                    update.note("tasks", null, null);
                    List<UUID> removed = visibleBefore.stream().filter(id -> !linked.contains(id)).toList();
                    Mono<Void> remove = removed.isEmpty() ? Mono.empty()
                            : db.sql("DELETE FROM meeting_linked_task WHERE meeting_id = :id AND task_id = ANY(:removed)")
                                    .bind("id", meeting).bind("removed", removed.toArray(UUID[]::new)).then();
                    return remove.then(linkTasks(meeting, linked));
                });
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static List<UUID> ids(List<String> raw, ItemType type, String field) {
        if (raw == null) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ids.add(GlobalId.require(raw.get(i), type, List.of("input", field, String.valueOf(i))));
        }
        return ids.stream().distinct().toList();
    }

    private static List<String> cleaned(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(String::strip).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The new instant when it differs from the current one as an instant (offsets aside). */
    private static OffsetDateTime changed(OffsetDateTime current, OffsetDateTime next) {
        return next == null || next.isEqual(current) ? null : next;
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private static String global(ItemType type, UUID id) {
        return id == null ? null : GlobalId.encode(type, id);
    }

    private static List<String> globals(ItemType type, List<UUID> ids) {
        return ids.stream().map(id -> GlobalId.encode(type, id)).toList();
    }
}
