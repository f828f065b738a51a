package org.crmhub.meeting;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.catalogue.Decision;
import org.crmhub.database.Params;
import org.crmhub.item.ItemStore;
import org.crmhub.item.ItemType;
import org.crmhub.meeting.Meeting.AgendaItem;
import org.crmhub.paging.Connection;
import org.crmhub.paging.Ordering;
import org.crmhub.paging.PageRequest;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads meetings and what hangs off them through the viewer's visibility filter; every nested
 * read takes the IDs of all the meetings of a response at once (one statement each).
 */
@Repository
public class Meetings {

    /** Earliest first: the order people plan by. */
    static final Ordering EARLIEST_FIRST = new Ordering("STARTS_AT:ASC", "x.starts_at", "timestamptz", false);

    private final DatabaseClient db;
    private final Pager pager;
    private final ItemStore store;

    Meetings(DatabaseClient db, Pager pager, ItemStore store) {
        this.db = db;
        this.pager = pager;
        this.store = store;
    }

    public Mono<Map<UUID, Meeting>> meetings(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.MEETING, Meeting.COLUMNS, Meeting::from, viewer, ids);
    }

    public Mono<Meeting> meeting(Viewer viewer, UUID id) {
        return meetings(viewer, List.of(id)).mapNotNull(found -> found.get(id));
    }

    public Mono<Map<UUID, MeetingDecision>> decisions(Viewer viewer, Collection<UUID> ids) {
        return store.visibleByIds(ItemType.MEETING_DECISION, MeetingDecision.COLUMNS, MeetingDecision::from, viewer, ids);
    }

    /** A page of each plan's meetings (one statement for all the plans). */
    Mono<Map<UUID, Connection<Meeting>>> meetingsOf(Viewer viewer, List<UUID> workPlanIds, PageRequest page) {
        var query = new Pager.ListQuery(Meeting.COLUMNS, "meeting", VisibilityPolicy.rowFilter(viewer, "x"), "x.work_plan_id");
        return pager.fetch(query, Params.of(), page, workPlanIds, Meeting::from);
    }

    /** The meeting each task of kind MEETING plans, among those the viewer may see. */
    Mono<Map<UUID, Meeting>> meetingsOfTasks(Viewer viewer, Collection<UUID> taskIds) {
        return db.sql("SELECT " + Meeting.COLUMNS + " FROM meeting x WHERE x.task_id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x"))
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Meeting.from(row)).all()
                .collectMap(Meeting::taskId);
    }

    /** The agenda of each meeting, in order (the meetings are visible: their agenda is exactly as reserved). */
    Mono<Map<UUID, List<AgendaItem>>> agendaOf(Viewer viewer, Collection<UUID> meetingIds) {
        return db.sql("SELECT x.meeting_id, x.position, x.title FROM meeting_agenda_item x WHERE x.meeting_id = ANY(:ids)"
                        + " AND " + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.meeting_id, x.position")
                .bind("ids", meetingIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("meeting_id", UUID.class),
                        new AgendaItem(row.get("position", Integer.class), row.get("title", String.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The catalogue decisions each meeting takes up, by meeting and number. */
    Mono<Map<UUID, List<Decision>>> linkedDecisionsOf(Viewer viewer, Collection<UUID> meetingIds) {
        return db.sql("SELECT x.meeting_id, d.id, d.meeting, d.number, d.title, d.summary FROM meeting_linked_decision x"
                        + " JOIN decision d ON d.id = x.decision_id WHERE x.meeting_id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY d.meeting, d.number")
                .bind("ids", meetingIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("meeting_id", UUID.class), Decision.from(row))).all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The tasks each meeting takes up that the viewer may see (a reserved task behind an open link stays hidden). */
    Mono<Map<UUID, List<Task>>> linkedTasksOf(Viewer viewer, Collection<UUID> meetingIds) {
        // one primary-key probe of task per link (LIMIT 1 keeps the planner from turning the
        // LATERAL into a join that reads every visible task)
        return db.sql("SELECT l.meeting_id AS linked_meeting_id, t.* FROM meeting_linked_task l"
                        + " CROSS JOIN LATERAL (SELECT " + Task.COLUMNS + " FROM task x WHERE x.id = l.task_id AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " LIMIT 1) t"
                        + " WHERE l.meeting_id = ANY(:ids) AND " + VisibilityPolicy.rowFilter(viewer, "l")
                        + " ORDER BY l.meeting_id, t.created_at, t.id")
                .bind("ids", meetingIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("linked_meeting_id", UUID.class), Task.from(row))).all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The decisions each meeting reached that the viewer may see, in order. */
    Mono<Map<UUID, List<MeetingDecision>>> reachedDecisionsOf(Viewer viewer, Collection<UUID> meetingIds) {
        return db.sql("SELECT " + MeetingDecision.COLUMNS + " FROM meeting_decision x WHERE x.meeting_id = ANY(:ids) AND "
                        + VisibilityPolicy.rowFilter(viewer, "x") + " ORDER BY x.meeting_id, x.position, x.created_at, x.id")
                .bind("ids", meetingIds.toArray(UUID[]::new))
                .map((row, meta) -> MeetingDecision.from(row)).all()
                .collect(Collectors.groupingBy(MeetingDecision::meetingId));
    }

    /** The IDs of the catalogue decisions and tasks a meeting links (for an update's audit note). */
    Mono<List<UUID>> linkedDecisionIds(UUID meetingId) {
        return db.sql("SELECT decision_id FROM meeting_linked_decision WHERE meeting_id = :id ORDER BY decision_id")
                .bind("id", meetingId).map((row, meta) -> row.get("decision_id", UUID.class)).all().collectList();
    }

    Mono<List<UUID>> linkedTaskIds(UUID meetingId) {
        return db.sql("SELECT task_id FROM meeting_linked_task WHERE meeting_id = :id ORDER BY task_id")
                .bind("id", meetingId).map((row, meta) -> row.get("task_id", UUID.class)).all().collectList();
    }

    Mono<List<String>> agendaTitles(UUID meetingId) {
        return db.sql("SELECT title FROM meeting_agenda_item WHERE meeting_id = :id ORDER BY position")
                .bind("id", meetingId).map((row, meta) -> row.get("title", String.class)).all().collectList();
    }
}
