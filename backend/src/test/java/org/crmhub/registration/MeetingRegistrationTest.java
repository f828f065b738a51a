package org.crmhub.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * An OPEN meeting takes registrations like a workshop (issue 12): opened by whoever may edit it,
 * people registered by their organisation, numbers only for observers, a CSV for the secretariats;
 * a meeting that is held takes none, and one cancelled or reclassified RESERVED closes them, its
 * registrants seeing a cancellation and never the reserved meeting.
 */
class MeetingRegistrationTest extends HubTest {

    private Fixture fixture;
    private String csoHonduras;

    @BeforeEach
    void plant() {
        fixture = new Fixture(as("government"));
        csoHonduras = as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == 'CSO-HN-1')].id").entityList(String.class).get().get(0);
    }

    private String meeting(String title) {
        return Fixture.create(as("government"), "createMeeting", "meeting", variables("workPlanId", fixture.planId,
                "kind", "IN_PERSON", "title", title, "startsAt", "2031-03-09T09:00:00-06:00", "endsAt", "2031-03-09T17:00:00-06:00",
                "timeZone", "America/Tegucigalpa", "venue", "Tegucigalpa"));
    }

    private GraphQlTester.Response open(String role, String eventId) {
        return as(role).documentName("openRegistrations").variable("input", variables("eventId", eventId, "capacity", 2,
                "deadline", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString())).execute();
    }

    private GraphQlTester.Response register(String eventId, String name) {
        return as("civil-society").documentName("register").variable("input", variables("eventId", eventId, "organisationId",
                csoHonduras, "name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.org")).execute();
    }

    private void change(String mutation, Map<String, Object> input) {
        as("government").documentName(mutation).variable("input", input).execute()
                .path(mutation + ".errors").entityList(Object.class).hasSize(0);
    }

    private String registrationsOf(String role, String meetingId) {
        return raw(role, "query($id: ID!) { meeting(id: $id) { registration { capacity seatsTaken open event { ... on Meeting { id } } }"
                + " registrations { totalCount edges { node { name email status } } } } }", Map.of("id", meetingId));
    }

    private String csv(String role, String eventId, int status) {
        byte[] body = client.get().uri("/events/{id}/registrations.csv", eventId)
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void anOpenMeetingTakesRegistrationsAndEachRoleSeesWhatItMay() {
        String network = meeting("Liaison network meeting");
        open("st-rrocm", network).path("openRegistrations.errors").entityList(Object.class).hasSize(0)
                .path("openRegistrations.settings.event.id").entity(String.class).isEqualTo(network);
        register(network, "Rosa Enlace").path("register.registration.status").entity(String.class).isEqualTo("CONFIRMED")
                .path("register.registration.event.title").entity(String.class).isEqualTo("Liaison network meeting");

        assertThat(registrationsOf("civil-society", network)).contains("Rosa Enlace", "\"seatsTaken\":1", "\"open\":true");
        assertThat(registrationsOf("st-crm", network)).contains("rosa.enlace@example.org");
        // observers: the number of seats taken, never a name
        assertThat(registrationsOf("observer", network)).contains("\"seatsTaken\":1", "\"totalCount\":0")
                .doesNotContain("Rosa");
        assertThat(csv("st-crm", network, 200)).contains("Rosa Enlace", "rosa.enlace@example.org");
        csv("civil-society", network, 403);

        // a held meeting is over: it takes no registrations
        String held = meeting("Already held");
        change("updateMeeting", variables("id", held, "expectedVersion", 1, "status", "HELD"));
        open("government", held).path("openRegistrations.errors[0].code").entity(String.class).isEqualTo("REGISTRATION_CLOSED");
        // civil society may not open them
        open("civil-society", meeting("Not theirs")).path("openRegistrations.errors[0].code").entity(String.class)
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void aMeetingReservedOrCancelledClosesItsRegistrationsWithoutShowingItself() {
        String closed = meeting(fixture.marker + " soon closed-door");
        String called = meeting("Soon called off");
        for (String id : List.of(closed, called)) {
            open("government", id).path("openRegistrations.errors").entityList(Object.class).hasSize(0);
            register(id, "Luis Registrado").path("register.errors").entityList(Object.class).hasSize(0);
        }
        change("setVisibility", variables("id", closed, "expectedVersion", 2, "visibility", "RESERVED"));
        change("updateMeeting", variables("id", called, "expectedVersion", 2, "status", "CANCELLED"));

        String mine = as("civil-society").documentName("myRegistrations").execute().path("myRegistrations").entity(Map.class)
                .get().toString();
        assertThat(mine).contains("EVENT_WITHDRAWN", "EVENT_CANCELLED", "Soon called off").doesNotContain(fixture.marker)
                .doesNotContain(closed);
        // the reserved meeting is unknown to them, its registrations' export too
        csv("st-rrocm", closed, 404);
        assertThat(registrationsOf("civil-society", closed)).contains("\"meeting\":null");
        // a cleared reader still sees the meeting, its registrations closed
        assertThat(registrationsOf("government", closed)).contains("\"open\":false", "CANCELLED");
        register(called, "Otra Persona").path("register.errors[0].code").entity(String.class).isEqualTo("REGISTRATION_CLOSED");
    }
}
