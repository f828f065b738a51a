package org.crmhub.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.crmhub.testsupport.Documents.variables;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.Recording;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Registrations end to end: the settings and the state machine of a registration (CONFIRMED,
 * WAITLISTED, CANCELLED), the waiting list moving up in order and past an organisation that holds
 * its seats, bad input that writes nothing, who sees which registration (trying to break it by ID,
 * node, lists, counts, CSV and history), and an event withdrawn or cancelled that cancels its
 * registrations without telling its registrants anything of it.
 */
class RegistrationTest extends HubTest {

    @Autowired
    DatabaseClient db;

    private final Map<String, String> organisations = new HashMap<>();

    private String organisation(String code) {
        return organisations.computeIfAbsent(code, c -> as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == '" + c + "')].id").entityList(String.class).get().get(0));
    }

    private static String inDays(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).withNano(0).toString();
    }

    private GraphQlTester.Response open(String role, String eventId, int capacity, Integer perOrganisation) {
        Map<String, Object> input = variables("eventId", eventId, "capacity", capacity, "deadline", inDays(30));
        if (perOrganisation != null) {
            input.put("seatsPerOrganisation", perOrganisation);
        }
        return as(role).documentName("openRegistrations").variable("input", input).execute();
    }

    private void opened(String eventId, int capacity, Integer perOrganisation) {
        open("government", eventId, capacity, perOrganisation).path("openRegistrations.errors").entityList(Object.class).hasSize(0);
    }

    private GraphQlTester.Response register(String role, String eventId, String code, String name, String email, boolean wait) {
        return as(role).documentName("register").variable("input", variables("eventId", eventId, "organisationId",
                organisation(code), "name", name, "email", email, "role", "Delegate", "joinWaitingList", wait)).execute();
    }

    /** Registers and returns the registration's ID and status. */
    private String[] registered(String role, String eventId, String code, String name, boolean wait) {
        GraphQlTester.Response r = register(role, eventId, code, name, name.toLowerCase().replace(' ', '.') + "@example.org", wait);
        r.path("register.errors").entityList(Object.class).hasSize(0);
        return new String[] {r.path("register.registration.id").entity(String.class).get(),
                r.path("register.registration.status").entity(String.class).get()};
    }

    private String error(GraphQlTester.Response response, String mutation) {
        return response.path(mutation + ".errors[0].code").entity(String.class).get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> byName(String role, String taskId) {
        List<Map<String, Object>> nodes = as(role).documentName("taskRegistrations").variable("id", taskId).execute()
                .path("task.registrations.edges[*].node").entityList((Class<Map<String, Object>>) (Class<?>) Map.class).get();
        Map<String, Map<String, Object>> result = new HashMap<>();
        nodes.forEach(n -> result.put((String) n.get("name"), n));
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> settings(String role, String taskId) {
        return as(role).documentName("taskRegistrations").variable("id", taskId).execute()
                .path("task.registration").entity(Map.class).get();
    }

    private long rows(String taskId) {
        return db.sql("SELECT count(*) AS n FROM registration WHERE event_id = :id")
                .bind("id", GlobalId.parse(taskId).orElseThrow().id())
                .map((row, meta) -> row.get("n", Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }

    private int version(String taskId) {
        return as("government").documentName("taskVersion").variable("id", taskId).execute()
                .path("node.version").entity(Integer.class).get();
    }

    @Test
    void theWaitingListMovesUpInOrderAndPastAnOrganisationThatHoldsItsSeats() {
        Fixture f = new Fixture(as("government"));
        String event = f.openTaskId;
        open("government", event, 2, 2).path("openRegistrations.settings.open").entity(Boolean.class).isEqualTo(true)
                .path("openRegistrations.settings.seatsLeft").entity(Integer.class).isEqualTo(2)
                .path("openRegistrations.settings.event.id").entity(String.class).isEqualTo(event);

        String[] ana = registered("civil-society", event, "CSO-HN-1", "Ana Uno", false);
        String[] beto = registered("st-rrocm", event, "CSO-GT-1", "Beto Dos", false);
        assertThat(ana[1]).isEqualTo("CONFIRMED");
        assertThat(beto[1]).isEqualTo("CONFIRMED");
        // full: refused unless the waiting list is asked for
        assertThat(error(register("st-rrocm", event, "CSO-SV-1", "Cora Tres", "cora@example.org", false), "register"))
                .isEqualTo("EVENT_FULL");
        String[] cora = registered("st-rrocm", event, "CSO-SV-1", "Cora Tres", true);
        String[] dino = registered("st-rrocm", event, "CSO-MX-1", "Dino Cuatro", true);
        String[] eva = registered("civil-society", event, "CSO-HN-1", "Eva Cinco", true);
        assertThat(List.of(cora[1], dino[1], eva[1])).containsOnly("WAITLISTED");
        // Honduras's organisation holds its two seats (one confirmed, one waiting)
        assertThat(error(register("civil-society", event, "CSO-HN-1", "Fito Seis", "fito@example.org", true), "register"))
                .isEqualTo("ORGANISATION_LIMIT");

        Map<String, Map<String, Object>> seen = byName("government", event);
        assertThat(seen.get("Cora Tres")).containsEntry("waitingPosition", 1);
        assertThat(seen.get("Dino Cuatro")).containsEntry("waitingPosition", 2);
        assertThat(seen.get("Eva Cinco")).containsEntry("waitingPosition", 3);
        assertThat(seen.get("Ana Uno")).containsEntry("waitingPosition", null);
        assertThat(settings("observer", event)).containsEntry("seatsTaken", 2).containsEntry("waitingCount", 3)
                .containsEntry("seatsLeft", 0).containsEntry("open", true).containsEntry("viewerCanRegister", false);
        assertThat(settings("civil-society", event)).containsEntry("viewerCanRegister", true);

        // a confirmed seat freed: the first on the list takes it, the others move up
        as("civil-society").documentName("cancelRegistration").variable("input", Map.of("id", ana[0])).execute()
                .path("cancelRegistration.errors").entityList(Object.class).hasSize(0)
                .path("cancelRegistration.registration.status").entity(String.class).isEqualTo("CANCELLED")
                .path("cancelRegistration.registration.cancelReason").entity(String.class).isEqualTo("CANCELLED_BY_ORGANISATION");
        seen = byName("government", event);
        assertThat(seen.get("Cora Tres")).containsEntry("status", "CONFIRMED");
        assertThat(seen.get("Dino Cuatro")).containsEntry("status", "WAITLISTED").containsEntry("waitingPosition", 1);
        assertThat(seen.get("Eva Cinco")).containsEntry("waitingPosition", 2);
        // cancelling twice is refused
        assertThat(error(as("civil-society").documentName("cancelRegistration").variable("input", Map.of("id", ana[0])).execute(),
                "cancelRegistration")).isEqualTo("VALIDATION");

        // one seat per organisation from now on (the seats held stand)
        as("government").documentName("updateRegistrationSettings").variable("input", variables("eventId", event,
                        "seatsPerOrganisation", 1)).execute()
                .path("updateRegistrationSettings.errors").entityList(Object.class).hasSize(0);
        // more seats: the waiting list moves up into them, in order
        as("government").documentName("updateRegistrationSettings").variable("input", variables("eventId", event, "capacity", 4))
                .execute().path("updateRegistrationSettings.settings.seatsTaken").entity(Integer.class).isEqualTo(4)
                .path("updateRegistrationSettings.settings.waitingCount").entity(Integer.class).isEqualTo(0);
        assertThat(byName("government", event).values()).extracting(n -> n.get("status"))
                .containsExactlyInAnyOrder("CANCELLED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED");

        // the history of the event shows the settings as numbers, never a person
        String history = rawDocument("government", "taskHistory", Map.of("id", event, "first", 50));
        assertThat(history).contains("capacity 4").doesNotContain("Ana Uno", "example.org", "Cora");

        // closing stops new registrations; the seats held stand
        as("government").documentName("closeRegistrations").variable("input", Map.of("eventId", event)).execute()
                .path("closeRegistrations.settings.open").entity(Boolean.class).isEqualTo(false)
                .path("closeRegistrations.settings.closedReason").entity(String.class).isEqualTo("CLOSED")
                .path("closeRegistrations.settings.seatsTaken").entity(Integer.class).isEqualTo(4);
        assertThat(error(register("civil-society", event, "CSO-HN-1", "Gil Siete", "gil@example.org", true), "register"))
                .isEqualTo("REGISTRATION_CLOSED");
    }

    @Test
    void aSeatFreedSkipsAWaitingPersonWhoseOrganisationAlreadyHoldsItsSeats() {
        Fixture f = new Fixture(as("government"));
        String event = f.openTaskId;
        opened(event, 2, 2);
        registered("civil-society", event, "CSO-HN-1", "Hugo Uno", false);          // HN confirmed
        String[] gt = registered("st-rrocm", event, "CSO-GT-1", "Gina Dos", false);   // GT confirmed
        registered("civil-society", event, "CSO-HN-1", "Hilda Tres", true);          // HN waits first
        registered("st-rrocm", event, "CSO-SV-1", "Sara Cuatro", true);              // SV waits second
        as("government").documentName("updateRegistrationSettings").variable("input", variables("eventId", event,
                "seatsPerOrganisation", 1)).execute().path("updateRegistrationSettings.errors").entityList(Object.class).hasSize(0);
        as("st-rrocm").documentName("cancelRegistration").variable("input", Map.of("id", gt[0])).execute()
                .path("cancelRegistration.errors").entityList(Object.class).hasSize(0);
        Map<String, Map<String, Object>> seen = byName("government", event);
        // Honduras already holds its one seat: Sara gets the free seat, Hilda keeps her place
        assertThat(seen.get("Sara Cuatro")).containsEntry("status", "CONFIRMED");
        assertThat(seen.get("Hilda Tres")).containsEntry("status", "WAITLISTED").containsEntry("waitingPosition", 1);
    }

    @Test
    void aRegistrationSentTwiceWithOneKeyIsMadeOnce() {
        Fixture f = new Fixture(as("government"));
        opened(f.openTaskId, 5, null);
        String key = "reg-" + UUID.randomUUID();
        Map<String, Object> input = variables("clientMutationId", key, "eventId", f.openTaskId,
                "organisationId", organisation("CSO-HN-1"), "name", "Zoe Retry", "email", "zoe@example.org");
        String first = as("civil-society").documentName("register").variable("input", input).execute()
                .path("register.registration.id").entity(String.class).get();
        as("civil-society").documentName("register").variable("input", input).execute()
                .path("register.errors").entityList(Object.class).hasSize(0)
                .path("register.registration.id").entity(String.class).isEqualTo(first);
        assertThat(rows(f.openTaskId)).isEqualTo(1);
        as("civil-society").documentName("cancelRegistration").variable("input", Map.of("clientMutationId", key + "-c", "id", first))
                .execute().path("cancelRegistration.errors").entityList(Object.class).hasSize(0);
        // the same cancellation again: answered, not refused as cancelled already
        as("civil-society").documentName("cancelRegistration").variable("input", Map.of("clientMutationId", key + "-c", "id", first))
                .execute().path("cancelRegistration.errors").entityList(Object.class).hasSize(0)
                .path("cancelRegistration.registration.status").entity(String.class).isEqualTo("CANCELLED");
    }

    @Test
    void badInputAnswersATypedErrorAndWritesNothing() {
        Fixture f = new Fixture(as("government"));
        String event = f.openTaskId;
        opened(event, 1, 1);
        registered("civil-society", event, "CSO-HN-1", "Iris Uno", false);
        long before = rows(event);

        // full, without the waiting list
        assertThat(error(register("st-rrocm", event, "CSO-GT-1", "Juan Dos", "juan@example.org", false), "register"))
                .isEqualTo("EVENT_FULL");
        // seats per organisation exceeded (even for the waiting list)
        assertThat(error(register("civil-society", event, "CSO-HN-1", "Karla Tres", "karla@example.org", true), "register"))
                .isEqualTo("ORGANISATION_LIMIT");
        // another organisation than one's own
        assertThat(error(register("civil-society", event, "CSO-GT-1", "Leo Cuatro", "leo@example.org", true), "register"))
                .isEqualTo("FORBIDDEN");
        // st-rrocm only for its network (a Member State is not of the network)
        assertThat(error(register("st-rrocm", event, "HN", "Mia Cinco", "mia@example.org", true), "register"))
                .isEqualTo("FORBIDDEN");
        // roles that do not register
        for (String role : List.of("government", "ppt", "st-crm", "observer")) {
            assertThat(error(register(role, event, "CSO-HN-1", "Nico Seis", "nico@example.org", true), "register")).as(role)
                    .isEqualTo("FORBIDDEN");
        }
        // malformed e-mail and an empty name
        register("st-rrocm", event, "CSO-GT-1", "Olga Siete", "not-an-address", true)
                .path("register.errors[0].code").entity(String.class).isEqualTo("VALIDATION")
                .path("register.errors[0].field").entityList(String.class).containsExactly("input", "email");
        register("st-rrocm", event, "CSO-GT-1", "  ", "olga@example.org", true)
                .path("register.errors[0].code").entity(String.class).isEqualTo("VALIDATION")
                .path("register.errors[0].field").entityList(String.class).containsExactly("input", "name");
        // the same person twice for one organisation
        assertThat(error(register("civil-society", event, "CSO-HN-1", "Iris Uno", "iris.uno@example.org", true), "register"))
                .isIn("VALIDATION", "ORGANISATION_LIMIT");
        // the deadline passed
        db.sql("UPDATE registration_event SET deadline = now() - interval '1 minute' WHERE id = :id")
                .bind("id", GlobalId.parse(event).orElseThrow().id()).then()
                .contextWrite(ClearanceConnectionFactory.system()).block();
        assertThat(error(register("st-rrocm", event, "CSO-GT-1", "Pia Ocho", "pia@example.org", true), "register"))
                .isEqualTo("REGISTRATION_CLOSED");
        assertThat(rows(event)).isEqualTo(before);

        // a reserved event answers exactly as an ID that does not exist, for every uncleared role,
        // even one whose registrations were opened while it was OPEN
        db.sql("INSERT INTO registration_event (id, task_id, capacity, deadline, created_by)"
                        + " VALUES (:id, :id, 5, now() + interval '1 day', 'test')")
                .bind("id", GlobalId.parse(f.reservedTaskId).orElseThrow().id()).then()
                .contextWrite(ClearanceConnectionFactory.system()).block();
        String unknown = GlobalId.encode(ItemType.TASK, UUID.randomUUID());
        for (String role : List.of("civil-society", "st-rrocm")) {
            String reserved = rawDocument(role, "register", variables("input", variables("eventId", f.reservedTaskId,
                    "organisationId", organisation("CSO-HN-1"), "name", "Quim", "email", "quim@example.org")));
            String missing = rawDocument(role, "register", variables("input", variables("eventId", unknown,
                    "organisationId", organisation("CSO-HN-1"), "name", "Quim", "email", "quim@example.org")));
            assertThat(reserved).as(role).isEqualTo(missing).contains("NOT_FOUND").doesNotContain(f.marker);
            assertThat(rawDocument(role, "openRegistrations", variables("input", variables("eventId", f.reservedTaskId,
                    "capacity", 5, "deadline", inDays(3))))).as(role).contains("NOT_FOUND");
        }
        // the event must be a workshop, seminar or consultation, OPEN, and not cancelled
        assertThat(error(open("government", f.reservedTaskId, 5, null), "openRegistrations")).isEqualTo("REGISTRATION_CLOSED");
        assertThat(error(as("government").documentName("openRegistrations").variable("input", variables("eventId",
                f.openTaskId, "capacity", 5, "deadline", "2001-01-01T00:00:00Z")).execute(), "openRegistrations"))
                .isEqualTo("VALIDATION");
        assertThat(error(open("civil-society", event, 5, null), "openRegistrations")).isEqualTo("FORBIDDEN");
        assertThat(error(open("observer", event, 5, null), "openRegistrations")).isEqualTo("FORBIDDEN");
        assertThat(rows(event)).isEqualTo(before);
    }

    @Test
    void eachRoleSeesExactlyTheRegistrationsItMayAndNoOneElseTheirPeople() {
        Fixture f = new Fixture(as("government"));
        String event = f.openTaskId;
        opened(event, 10, null);
        String[] mine = registered("civil-society", event, "CSO-HN-1", "Rita Propia", false);
        String[] theirs = registered("st-rrocm", event, "CSO-GT-1", "Saul Ajeno", false);
        String theirEmail = "saul.ajeno@example.org";

        for (String role : List.of("ppt", "government", "st-crm", "st-rrocm")) {
            assertThat(byName(role, event)).as(role).containsOnlyKeys("Rita Propia", "Saul Ajeno");
            as(role).documentName("registrationNode").variable("id", theirs[0]).execute()
                    .path("node.email").entity(String.class).isEqualTo(theirEmail);
        }
        // civil society: its own organisation's, by every path
        assertThat(byName("civil-society", event)).containsOnlyKeys("Rita Propia");
        assertThat(rawDocument("civil-society", "taskRegistrations", Map.of("id", event)))
                .doesNotContain(theirEmail, "Saul").contains("\"totalCount\":1");
        as("civil-society").documentName("registrationNode").variable("id", theirs[0]).execute().path("node").valueIsNull();
        as("civil-society").documentName("registrationNode").variable("id", mine[0]).execute()
                .path("node.name").entity(String.class).isEqualTo("Rita Propia");
        assertThat(rawDocument("civil-society", "myRegistrations", Map.of())).contains("Rita Propia").doesNotContain("Saul");
        assertThat(error(as("civil-society").documentName("cancelRegistration").variable("input", Map.of("id", theirs[0]))
                .execute(), "cancelRegistration")).isEqualTo("NOT_FOUND");
        // observers: the number of seats taken, never a registration
        assertThat(settings("observer", event)).containsEntry("seatsTaken", 2);
        String observed = rawDocument("observer", "taskRegistrations", Map.of("id", event));
        assertThat(observed).doesNotContain("Rita", "Saul", "example.org").contains("\"totalCount\":0");
        for (String id : List.of(mine[0], theirs[0])) {
            as("observer").documentName("registrationNode").variable("id", id).execute().path("node").valueIsNull();
            assertThat(error(as("observer").documentName("cancelRegistration").variable("input", Map.of("id", id)).execute(),
                    "cancelRegistration")).isEqualTo("NOT_FOUND");
        }
        // those who see all may still not cancel for an organisation they do not register for
        assertThat(error(as("government").documentName("cancelRegistration").variable("input", Map.of("id", theirs[0]))
                .execute(), "cancelRegistration")).isEqualTo("FORBIDDEN");
        // no one's history holds a person
        for (String role : ALL_ROLES) {
            assertThat(rawDocument(role, "taskHistory", Map.of("id", event, "first", 50))).as(role)
                    .doesNotContain("example.org", "Rita", "Saul");
        }

        // the CSV export: the roles that see all; 403 for the others; 404 for an event one cannot see
        String csv = csv("st-rrocm", event, 200);
        assertThat(csv).startsWith("\uFEFF").contains("Rita Propia", theirEmail, "Returnee Support Collective", "CONFIRMED",
                "\r\n");
        assertThat(csv("government", event, 200)).contains(theirEmail);
        csv("civil-society", event, 403);
        csv("observer", event, 403);
        csv("st-rrocm", f.reservedTaskId, 404);
        csv("st-rrocm", GlobalId.encode(ItemType.TASK, UUID.randomUUID()), 404);
        csv("st-rrocm", "garbage", 404);
        client.get().uri("/events/" + event + "/registrations.csv").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theCsvNeverLetsASpreadsheetRunACell() {
        Fixture f = new Fixture(as("government"));
        opened(f.openTaskId, 10, null);
        register("st-rrocm", f.openTaskId, "CSO-GT-1", "=HYPERLINK(\"http://evil\",\"x\")", "formula@example.org", false)
                .path("register.errors").entityList(Object.class).hasSize(0);
        register("st-rrocm", f.openTaskId, "CSO-GT-1", "Pérez, \"Chelo\"", "chelo@example.org", false)
                .path("register.errors").entityList(Object.class).hasSize(0);
        String csv = csv("government", f.openTaskId, 200);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"").contains("\"Pérez, \"\"Chelo\"\"\"");
    }

    private String csv(String role, String eventId, int status) {
        byte[] body = client.get().uri("/events/{id}/registrations.csv", eventId)
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * A plan's subscribers get the event's numbers, never its registrations: not even the roles that
     * read every registration, and not the registrant's own organisation.
     */
    @Test
    void noRegistrationEverTravelsToAPlansSubscribers() {
        Fixture f = new Fixture(as("government"));
        opened(f.openTaskId, 5, null);
        registered("civil-society", f.openTaskId, "CSO-HN-1", "Yago Uno", false);
        for (String role : List.of("government", "civil-society")) {
            WebSocketGraphQlTester socket = subscriber(role);
            Recording<Map<String, Object>> changes = Recording.of(socket.documentName("taskChangedRegistrations")
                    .variable("plan", f.planId).executeSubscription().toFlux()
                    .map(r -> r.path("taskChanged").entity(EVENT).get()));
            try {
                int[] progress = {role.length()};
                // changes until the subscription, which starts asynchronously, delivers one
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    as("government").documentName("updateTask").variable("input", variables("id", f.openTaskId,
                            "expectedVersion", version(f.openTaskId), "progress", ++progress[0])).execute()
                            .path("updateTask.errors").entityList(Object.class).hasSize(0);
                    return changes.items().stream().anyMatch(c -> c.get("task") != null);
                });
                Map<String, Object> change = changes.items().stream().filter(c -> c.get("task") != null).findFirst().orElseThrow();
                assertThat(change.toString()).as(role).contains("seatsTaken=1").contains("totalCount=0")
                        .doesNotContain("Yago", "example.org");
            } finally {
                changes.stop();
                socket.stop().block(Duration.ofSeconds(5));
            }
        }
    }

    private static final ParameterizedTypeReference<Map<String, Object>> EVENT = new ParameterizedTypeReference<>() { };

    @Test
    void anEventWithdrawnOrCancelledCancelsItsRegistrationsWithoutTellingTheirPeopleWhatItWas() {
        Fixture f = new Fixture(as("government"));
        // an OPEN consultation under the open workstream, whose title is secret once withdrawn
        String event = Fixture.create(as("government"), "createTask", "task", variables("workstreamId", f.openWorkstreamId,
                "title", f.marker + " hearing", "kind", "CONSULTATION", "responsible", "ST_CRM"));
        opened(event, 2, null);
        String[] mine = registered("civil-society", event, "CSO-HN-1", "Tere Uno", false);
        registered("st-rrocm", event, "CSO-GT-1", "Ugo Dos", true);
        assertThat(rawDocument("civil-society", "myRegistrations", Map.of())).contains(f.marker);

        // the workstream above it becomes RESERVED
        as("government").documentName("setVisibility").variable("input", variables("id", f.openWorkstreamId,
                "expectedVersion", 1, "visibility", "RESERVED")).execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
        for (String role : List.of("civil-society", "st-rrocm")) {
            String answer = rawDocument(role, "registrationNode", Map.of("id", mine[0]));
            assertThat(answer).as(role).contains("\"status\":\"CANCELLED\"", "\"cancelReason\":\"EVENT_WITHDRAWN\"",
                    "\"event\":null").doesNotContain(f.marker, "hearing");
        }
        String myList = rawDocument("civil-society", "myRegistrations", Map.of());
        assertThat(myList).contains("Tere Uno", "EVENT_WITHDRAWN").doesNotContain(f.marker);
        // cleared roles see the event and the registrations as they are now
        assertThat(byName("government", event).values()).extracting(n -> n.get("cancelReason")).containsOnly("EVENT_WITHDRAWN");
        assertThat(settings("government", event)).containsEntry("open", false).containsEntry("closedReason", "EVENT_WITHDRAWN");

        // a cancelled event
        Fixture g = new Fixture(as("government"));
        opened(g.openTaskId, 2, null);
        String[] other = registered("civil-society", g.openTaskId, "CSO-HN-1", "Vera Tres", false);
        as("government").documentName("updateTask").variable("input", variables("id", g.openTaskId,
                "expectedVersion", version(g.openTaskId), "status", "CANCELLED")).execute()
                .path("updateTask.errors").entityList(Object.class).hasSize(0);
        as("civil-society").documentName("registrationNode").variable("id", other[0]).execute()
                .path("node.status").entity(String.class).isEqualTo("CANCELLED")
                .path("node.cancelReason").entity(String.class).isEqualTo("EVENT_CANCELLED");
        assertThat(error(register("civil-society", g.openTaskId, "CSO-HN-1", "Wil Cuatro", "wil@example.org", true), "register"))
                .isEqualTo("REGISTRATION_CLOSED");
        assertThat(error(open("government", g.openTaskId, 3, null), "openRegistrations")).isEqualTo("REGISTRATION_CLOSED");
    }

    @Test
    void aDeletedEventReadsToItsRegistrantsExactlyAsOneThatBecameReserved() {
        Fixture f = new Fixture(as("government"));
        String reserved = Fixture.create(as("government"), "createTask", "task", variables("workstreamId", f.openWorkstreamId,
                "title", f.marker + " to be reserved", "kind", "WORKSHOP", "responsible", "ST_CRM"));
        String deleted = Fixture.create(as("government"), "createTask", "task", variables("workstreamId", f.openWorkstreamId,
                "title", f.marker + " to be deleted", "kind", "WORKSHOP", "responsible", "ST_CRM"));
        opened(reserved, 2, null);
        opened(deleted, 2, null);
        String[] inReserved = registered("civil-society", reserved, "CSO-HN-1", "Xavi Cinco", false);
        String[] inDeleted = registered("civil-society", deleted, "CSO-HN-1", "Xavi Cinco", false);

        as("government").documentName("setVisibility").variable("input", variables("id", reserved,
                "expectedVersion", version(reserved), "visibility", "RESERVED")).execute()
                .path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("government").documentName("deleteTask").variable("input", variables("id", deleted,
                "expectedVersion", version(deleted))).execute()
                .path("deleteTask.errors").entityList(Object.class).hasSize(0);

        // the registrant's two answers differ by the registration's own ID alone
        String afterReservation = rawDocument("civil-society", "registrationNode", Map.of("id", inReserved[0]));
        String afterDeletion = rawDocument("civil-society", "registrationNode", Map.of("id", inDeleted[0]));
        assertThat(afterReservation).contains("\"cancelReason\":\"EVENT_WITHDRAWN\"", "\"event\":null")
                .doesNotContain(f.marker);
        assertThat(afterReservation.replace(inReserved[0], "ID")).isEqualTo(afterDeletion.replace(inDeleted[0], "ID"));
    }
}
