package org.crmhub.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Meetings end to end: their life cycle and minutes, who may do what (the task matrix), a RESERVED
 * meeting (or plan) and everything hanging off it hidden from uncleared viewers by every path,
 * links to reserved tasks invisible, bad input that changes nothing, and nested fields whose
 * statements do not grow with the number of meetings.
 */
@Import(StatementLog.class)
class MeetingTest extends HubTest {

    private Fixture fixture;
    private String meetingTaskId;

    @BeforeEach
    void plant() {
        fixture = new Fixture(as("government"));
        meetingTaskId = Fixture.create(as("government"), "createTask", "task", variables("workstreamId", fixture.openWorkstreamId,
                "title", "Commission's first virtual meeting", "kind", "MEETING", "responsible", "ST_CRM"));
    }

    private String decision(int number) {
        return as("government").document("{ decisions(filter: {meeting: \"XXI CRM (2016)\"}) { id number } }").execute()
                .path("decisions[?(@.number == " + number + ")].id").entityList(String.class).get().get(0);
    }

    private Map<String, Object> meetingInput(String title, String visibility) {
        Map<String, Object> input = new HashMap<>(variables("workPlanId", fixture.planId, "kind", "VIRTUAL", "title", title,
                "startsAt", "2016-12-01T15:00:00-06:00", "endsAt", "2016-12-01T17:00:00-06:00",
                "timeZone", "America/Tegucigalpa", "link", "https://meet.example.org/commission"));
        if (visibility != null) {
            input.put("visibility", visibility);
        }
        return input;
    }

    private GraphQlTester.Response create(String role, Map<String, Object> input) {
        return as(role).documentName("createMeeting").variable("input", input).execute();
    }

    private String created(Map<String, Object> input) {
        return Fixture.create(as("government"), "createMeeting", "meeting", input);
    }

    private GraphQlTester.Response update(String role, Map<String, Object> input) {
        return as(role).documentName("updateMeeting").variable("input", input).execute();
    }

    private GraphQlTester.Response minutes(String role, String id, int version, String text, List<String> decisions) {
        return as(role).documentName("recordMeetingMinutes").variable("input", variables("meetingId", id,
                "expectedVersion", version, "text", text, "decisions", decisions)).execute();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String role, String id) {
        return as(role).documentName("meeting").variable("id", id).execute().path("meeting")
                .entity((Class<Map<String, Object>>) (Class<?>) Map.class).get();
    }

    private int version(String id) {
        return as("government").document("query($id: ID!) { node(id: $id) { ... on Meeting { version } ... on WorkPlan { version } } }")
                .variable("id", id).execute().path("node.version").entity(Integer.class).get();
    }

    private static String code(GraphQlTester.Response response, String mutation) {
        return response.path(mutation + ".errors[0].code").entity(String.class).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMeetingIsPlannedHeldAndMinutedWithTheDecisionsItReached() {
        Map<String, Object> input = meetingInput("First virtual meeting of the commission", null);
        input.putAll(variables("agenda", List.of("Terms of reference", "  Calendar for 2017 "),
                "decisionIds", List.of(decision(7)), "taskIds", List.of(fixture.openTaskId, fixture.reservedTaskId),
                "taskId", meetingTaskId, "hostOrganisationId", as("government").document(
                        "{ organisations { id code } }").execute().path("organisations[?(@.code == 'HN')].id")
                        .entityList(String.class).get().get(0)));
        String id = created(input);

        Map<String, Object> government = read("government", id);
        assertThat(government).containsEntry("status", "PLANNED").containsEntry("kind", "VIRTUAL")
                .containsEntry("timeZone", "America/Tegucigalpa").containsEntry("host", Map.of("code", "HN"))
                .containsEntry("task", Map.of("id", meetingTaskId, "title", "Commission's first virtual meeting"))
                .containsEntry("minutes", null).containsEntry("viewerCanRecordMinutes", false);
        assertThat((List<Object>) government.get("agenda")).containsExactly(
                Map.of("position", 1, "title", "Terms of reference"), Map.of("position", 2, "title", "Calendar for 2017"));
        assertThat((List<Object>) government.get("decisions")).containsExactly(Map.of("number", 7, "meeting", "XXI CRM (2016)"));
        assertThat((List<Map<String, Object>>) government.get("tasks")).extracting(t -> t.get("id"))
                .containsExactlyInAnyOrder(fixture.openTaskId, fixture.reservedTaskId);
        // the task plans this meeting
        as("civil-society").document("query($id: ID!) { node(id: $id) { ... on Task { meeting { id } } } }")
                .variable("id", meetingTaskId).execute().path("node.meeting.id").entity(String.class).isEqualTo(id);

        // minutes only for a HELD meeting
        assertThat(code(minutes("government", id, 1, "Too early", List.of()), "recordMeetingMinutes")).isEqualTo("VALIDATION");
        update("government", variables("id", id, "expectedVersion", 1, "status", "HELD"))
                .path("updateMeeting.errors").entityList(Object.class).hasSize(0);
        minutes("government", id, 2, "The commission agreed its terms of reference.",
                List.of("Terms of reference adopted", "Next meeting in March")).path("recordMeetingMinutes.errors")
                .entityList(Object.class).hasSize(0);

        Map<String, Object> held = read("civil-society", id);
        Map<String, Object> minutes = (Map<String, Object>) held.get("minutes");
        assertThat(minutes).containsEntry("text", "The commission agreed its terms of reference.");
        List<Map<String, Object>> reached = (List<Map<String, Object>>) minutes.get("decisions");
        assertThat(reached).extracting(d -> d.get("text")).containsExactly("Terms of reference adopted", "Next meeting in March");
        assertThat(reached.get(0)).containsEntry("meeting", Map.of("id", id)).containsEntry("position", 1);
        // a reached decision is a node of its own
        as("observer").documentName("node").variable("id", reached.get(1).get("id")).execute().path("node.id")
                .entity(String.class).isEqualTo((String) reached.get(1).get("id"));

        // a HELD meeting stays HELD: the refused change writes nothing
        GraphQlTester.Response back = update("government", variables("id", id, "expectedVersion", 3, "status", "PLANNED"));
        assertThat(code(back, "updateMeeting")).isEqualTo("VALIDATION");
        assertThat(version(id)).isEqualTo(3);
        assertThat(read("government", id)).containsEntry("status", "HELD").containsEntry("viewerCanRecordMinutes", true);
    }

    @Test
    void cancelledMeetingsCanBePlannedAgainAndTheLifeCycleIsEnforced() {
        String id = created(meetingInput("Ad hoc group meeting", null));
        update("government", variables("id", id, "expectedVersion", 1, "status", "CANCELLED"))
                .path("updateMeeting.meeting.status").entity(String.class).isEqualTo("CANCELLED");
        assertThat(code(update("government", variables("id", id, "expectedVersion", 2, "status", "HELD")), "updateMeeting"))
                .isEqualTo("VALIDATION");
        update("government", variables("id", id, "expectedVersion", 2, "status", "PLANNED"))
                .path("updateMeeting.meeting.status").entity(String.class).isEqualTo("PLANNED");
        // changing to an in-person meeting needs a venue; clearing the link is allowed then
        assertThat(code(update("government", variables("id", id, "expectedVersion", 3, "kind", "IN_PERSON")), "updateMeeting"))
                .isEqualTo("VALIDATION");
        update("government", variables("id", id, "expectedVersion", 3, "kind", "IN_PERSON", "venue", "Casa Presidencial",
                "link", "")).path("updateMeeting.meeting").entity(Map.class)
                .satisfies(m -> assertThat(m).containsEntry("kind", "IN_PERSON").containsEntry("venue", "Casa Presidencial")
                        .containsEntry("link", null).containsEntry("version", 4));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReservedMeetingAndWhatItReachedDoNotExistForUnclearedViewers() {
        String closed = created(meetingInput(fixture.marker + " closed-door meeting", "RESERVED"));
        update("government", variables("id", closed, "expectedVersion", 1, "status", "HELD"));
        String reachedId = (String) ((List<Map<String, Object>>) ((Map<String, Object>) minutes("government", closed, 2,
                fixture.marker + " minutes", List.of(fixture.marker + " agreement")).path("recordMeetingMinutes.meeting.minutes")
                .entity(Map.class).get()).get("decisions")).get(0).get("id");
        String open = created(meetingInput("Open follow-up meeting", null));
        String comment = Fixture.create(as("government"), "addComment", "comment",
                variables("subjectId", closed, "body", fixture.marker + " remark"));

        for (String role : UNCLEARED_ROLES) {
            as(role).documentName("meeting").variable("id", closed).execute().path("meeting").valueIsNull();
            as(role).documentName("node").variable("id", closed).execute().path("node").valueIsNull();
            as(role).documentName("node").variable("id", reachedId).execute().path("node").valueIsNull();
            as(role).documentName("node").variable("id", comment).execute().path("node").valueIsNull();
            String plan = rawDocument(role, "planMeetings", Map.of("plan", fixture.planId));
            assertThat(plan).as(role).contains(open).doesNotContain(closed).doesNotContain(fixture.marker)
                    .contains("\"totalCount\":1");
            // acting on it answers exactly as for an ID that does not exist
            assertThat(code(update(role, variables("id", closed, "expectedVersion", 3, "title", "x")), "updateMeeting"))
                    .as(role).isEqualTo("NOT_FOUND");
            assertThat(code(minutes(role, closed, 3, "x", List.of()), "recordMeetingMinutes")).as(role).isEqualTo("NOT_FOUND");
            as(role).documentName("addComment").variable("input", variables("subjectId", closed, "body", "hello")).execute()
                    .path("addComment.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        }
        assertThat(rawDocument("government", "planMeetings", Map.of("plan", fixture.planId))).contains(closed, open,
                fixture.marker + " agreement");

        // an open meeting's link to a reserved task is invisible to them, and its history names no task
        update("government", variables("id", open, "expectedVersion", 1, "taskIds",
                List.of(fixture.openTaskId, fixture.reservedTaskId)));
        for (String role : UNCLEARED_ROLES) {
            Map<String, Object> seen = read(role, open);
            assertThat((List<Map<String, Object>>) seen.get("tasks")).extracting(t -> t.get("id"))
                    .containsExactly(fixture.openTaskId);
            assertThat(seen.toString()).doesNotContain(fixture.reservedTaskId).doesNotContain(fixture.marker);
        }

        // reclassifying the plan reserves its meetings with it
        as("government").documentName("setVisibility").variable("input", variables("id", fixture.planId,
                "expectedVersion", version(fixture.planId), "visibility", "RESERVED")).execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
        for (String role : UNCLEARED_ROLES) {
            as(role).documentName("meeting").variable("id", open).execute().path("meeting").valueIsNull();
        }
        assertThat(read("ppt", open)).containsEntry("visibility", "OPEN").containsEntry("effectiveVisibility", "RESERVED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReservedDecisionOfAnOpenMeetingLeavesNoTraceForUnclearedReaders() {
        String id = created(meetingInput("Open meeting with a reserved decision", null));
        update("government", variables("id", id, "expectedVersion", 1, "status", "HELD"));
        List<Map<String, Object>> reached = (List<Map<String, Object>>) ((Map<String, Object>) minutes("government", id, 2,
                "Minutes", List.of("First", fixture.marker + " second", "Third")).path("recordMeetingMinutes.meeting.minutes")
                .entity(Map.class).get()).get("decisions");
        String secret = (String) reached.get(1).get("id");
        as("government").documentName("setVisibility").variable("input", variables("id", secret, "expectedVersion", 1,
                "visibility", "RESERVED")).execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);

        // numbered among what each reader sees; the history does not count them
        Map<String, Object> civil = read("civil-society", id);
        List<Map<String, Object>> seen = (List<Map<String, Object>>) ((Map<String, Object>) civil.get("minutes")).get("decisions");
        assertThat(seen).extracting(d -> d.get("text")).containsExactly("First", "Third");
        assertThat(seen).extracting(d -> d.get("position")).containsExactly(1, 2);
        assertThat(civil.toString()).doesNotContain(fixture.marker).doesNotContain(secret).doesNotContain("decisionsReached=3");

        // st-rrocm records the minutes again: it replaces what it sees, the reserved decision stays
        minutes("st-rrocm", id, 3, "Minutes, corrected", List.of("First, corrected")).path("recordMeetingMinutes.errors")
                .entityList(Object.class).hasSize(0);
        List<Map<String, Object>> after = (List<Map<String, Object>>) ((Map<String, Object>) read("government", id)
                .get("minutes")).get("decisions");
        assertThat(after).extracting(d -> d.get("text")).containsExactlyInAnyOrder("First, corrected", fixture.marker + " second");
    }

    @Test
    void aReservedMeetingHoldsNoOpenPlanningTask() {
        Map<String, Object> reserved = meetingInput(fixture.marker + " reserved, planned by an open task", "RESERVED");
        reserved.put("taskId", meetingTaskId);
        assertThat(code(create("government", reserved), "createMeeting")).isEqualTo("VALIDATION");

        // reserving a meeting lets go of its open planning task, which another meeting may then take
        Map<String, Object> open = meetingInput("Planned by the open task", null);
        open.put("taskId", meetingTaskId);
        String id = created(open);
        as("government").documentName("setVisibility").variable("input", variables("id", id, "expectedVersion", 1,
                "visibility", "RESERVED")).execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        assertThat(read("government", id)).containsEntry("task", null);
        Map<String, Object> again = meetingInput("Planned by the task again", null);
        again.put("taskId", meetingTaskId);
        create("st-rrocm", again).path("createMeeting.errors").entityList(Object.class).hasSize(0);
    }

    @Test
    void stRrocmRunsOpenMeetingsOnlyAndEveryoneWhoReadsOneMayComment() {
        String own = Fixture.create(as("st-rrocm"), "createMeeting", "meeting", meetingInput("Network's meeting", null));
        update("st-rrocm", variables("id", own, "expectedVersion", 1, "title", "Network's first meeting"))
                .path("updateMeeting.errors").entityList(Object.class).hasSize(0);
        assertThat(code(create("st-rrocm", meetingInput("Closed", "RESERVED")), "createMeeting")).isEqualTo("FORBIDDEN");
        assertThat(read("st-rrocm", own)).containsEntry("viewerCanUpdate", true).containsEntry("viewerCanClassify", false)
                .containsEntry("viewerCanComment", true);
        as("st-rrocm").documentName("setVisibility").variable("input", variables("id", own, "expectedVersion", 2,
                "visibility", "RESERVED")).execute().path("setVisibility.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");

        for (String role : List.of("civil-society", "observer")) {
            assertThat(code(create(role, meetingInput("Ours", null)), "createMeeting")).as(role).isEqualTo("FORBIDDEN");
            assertThat(code(update(role, variables("id", own, "expectedVersion", 2, "title", "x")), "updateMeeting"))
                    .as(role).isEqualTo("FORBIDDEN");
            assertThat(read(role, own)).containsEntry("viewerCanUpdate", false).containsEntry("viewerCanComment", true);
            Fixture.create(as(role), "addComment", "comment", variables("subjectId", own, "body", "We will attend, " + role));
        }
        assertThat(read("government", own)).extracting(m -> ((Map<?, ?>) m.get("comments")).get("totalCount")).isEqualTo(2);
        // hub-admin reads no work plan: the plan does not exist for it, as on every write under a plan
        assertThat(code(create("hub-admin", meetingInput("Admin", null)), "createMeeting")).isEqualTo("NOT_FOUND");
    }

    @Test
    void badInputAnswersTypedErrorsAndWritesNothing() {
        String count = "planMeetings";
        String before = rawDocument("government", count, Map.of("plan", fixture.planId));

        Map<String, Object> endsFirst = meetingInput("Backwards", null);
        endsFirst.put("endsAt", "2016-12-01T14:00:00-06:00");
        Map<String, Object> badZone = meetingInput("Nowhere", null);
        badZone.put("timeZone", "Mars/Olympus");
        Map<String, Object> offsetZone = meetingInput("Offset", null);
        offsetZone.put("timeZone", "+02:00");
        Map<String, Object> noLink = meetingInput("No link", null);
        noLink.remove("link");
        Map<String, Object> badLink = meetingInput("Bad link", null);
        badLink.put("link", "javascript:alert(1)");
        Map<String, Object> inPerson = meetingInput("No venue", null);
        inPerson.put("kind", "IN_PERSON");
        Map<String, Object> notAMeetingTask = meetingInput("Wrong task", null);
        notAMeetingTask.put("taskId", fixture.openTaskId);
        Map<String, Object> reservedTask = meetingInput("Hidden task", null);
        reservedTask.put("taskIds", List.of(fixture.reservedTaskId));
        Map<String, Object> blankAgenda = meetingInput("Blank agenda", null);
        blankAgenda.put("agenda", List.of("Fine", " "));

        for (Map<String, Object> bad : List.of(endsFirst, badZone, offsetZone, noLink, badLink, inPerson, notAMeetingTask,
                blankAgenda)) {
            assertThat(code(create("government", bad), "createMeeting")).as(bad.toString()).isEqualTo("VALIDATION");
        }
        // a reserved task does not exist for st-rrocm
        assertThat(code(create("st-rrocm", reservedTask), "createMeeting")).isEqualTo("NOT_FOUND");
        as("government").documentName("createMeeting").variable("input", blankAgenda).execute()
                .path("createMeeting.errors[0].field").entityList(String.class).containsExactly("input", "agenda", "1");
        // the message says what is wrong
        assertThat(rawDocument("government", "createMeeting", Map.of("input", badZone))).contains("time zone");

        // one task plans at most one meeting
        Map<String, Object> first = meetingInput("Planned by the task", null);
        first.put("taskId", meetingTaskId);
        created(first);
        Map<String, Object> second = meetingInput("Also planned by the task", null);
        second.put("taskId", meetingTaskId);
        assertThat(code(create("government", second), "createMeeting")).isEqualTo("VALIDATION");

        String after = rawDocument("government", count, Map.of("plan", fixture.planId));
        assertThat(after).contains("Planned by the task").doesNotContain("Backwards", "Nowhere", "No link", "Wrong task",
                "Also planned");
        assertThat(before).contains("\"totalCount\":0");
        assertThat(after).contains("\"totalCount\":1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoPlanHoldsTheMeetingsTheDeclarationNamesAndCivilSocietyNeverSeesTheClosedDoorOne() {
        String demoPlan = GlobalId.encode(ItemType.WORK_PLAN, UUID.fromString("d0000000-0000-4000-8000-000000000001"));
        String government = rawDocument("government", "planMeetings", Map.of("plan", demoPlan));
        assertThat(government).contains("\"totalCount\":4", "decision 7", "decision 24", "decision 35", "Closed-door",
                "annex A provides");
        String civil = rawDocument("civil-society", "planMeetings", Map.of("plan", demoPlan));
        assertThat(civil).contains("\"totalCount\":3", "decision 7", "decision 24", "decision 35", "network adopts")
                .doesNotContain("Closed-door", "annex A provides", "support staff");
        // the ad hoc group's planning task is in a reserved workstream: the meeting is open, its task is not
        List<Map<String, Object>> nodes = as("civil-society").documentName("planMeetings").variable("plan", demoPlan).execute()
                .path("workPlan.meetings.edges[*].node").entityList((Class<Map<String, Object>>) (Class<?>) Map.class).get();
        Map<String, Object> adHoc = nodes.stream().filter(m -> ((String) m.get("title")).contains("ad hoc")).findFirst().orElseThrow();
        assertThat(adHoc).containsEntry("task", null).containsEntry("host", Map.of("code", "MX"));
    }

    @Test
    void nestedFieldsCostTheSameStatementsForOneMeetingOrEight() {
        String one = created(meetingInput("Meeting 0", null));
        update("government", variables("id", one, "expectedVersion", 1, "agenda", List.of("A"), "taskIds",
                List.of(fixture.openTaskId), "status", "HELD"));
        minutes("government", one, 2, "Held", List.of("Agreed"));
        StatementLog.clear();
        rawDocument("civil-society", "planMeetings", Map.of("plan", fixture.planId));
        int withOne = StatementLog.sent().size();
        for (int i = 1; i < 8; i++) {
            String id = created(meetingInput("Meeting " + i, null));
            update("government", variables("id", id, "expectedVersion", 1, "agenda", List.of("A", "B"), "taskIds",
                    List.of(fixture.openTaskId), "status", "HELD"));
            minutes("government", id, 2, "Held", List.of("Agreed"));
        }
        StatementLog.clear();
        String eight = rawDocument("civil-society", "planMeetings", Map.of("plan", fixture.planId));
        assertThat(eight).contains("\"totalCount\":8", "Agreed");
        assertThat(StatementLog.sent().size()).isEqualTo(withOne);
    }
}
