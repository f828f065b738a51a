package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.Recording;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/**
 * A plan's meetings go live through the plan's event log with the rules of tasks: a reserved
 * meeting never reaches an uncleared subscriber, and one reclassified RESERVED leaves their view
 * with its ID alone (REVOKED).
 */
class MeetingLiveTest extends LiveTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> EVENT = new ParameterizedTypeReference<>() { };

    private Recording<Map<String, Object>> follow(String role, String after) {
        return record(socket(role).documentName("meetingChanged").variable("plan", fixture.planId).variable("after", after)
                .executeSubscription().toFlux().map(r -> r.path("meetingChanged").entity(EVENT).get()));
    }

    private String meeting(String title, String visibility) {
        Map<String, Object> input = variables("workPlanId", fixture.planId, "kind", "IN_PERSON", "title", title,
                "startsAt", "2017-05-10T09:00:00-06:00", "endsAt", "2017-05-10T17:00:00-06:00",
                "timeZone", "America/Tegucigalpa", "venue", "Tegucigalpa");
        if (visibility != null) {
            input.put("visibility", visibility);
        }
        return Fixture.create(as("government"), "createMeeting", "meeting", input);
    }

    private void change(String mutation, Map<String, Object> input) {
        as("government").documentName(mutation).variable("input", input).execute()
                .path(mutation + ".errors").entityList(Object.class).hasSize(0);
    }

    @Test
    void meetingsGoLiveAndAReservedOneNeverReachesAnUnclearedSubscriber() {
        String from = now();
        Recording<Map<String, Object>> civil = follow("civil-society", from);
        Recording<Map<String, Object>> government = follow("government", from);

        String network = meeting("Liaison network meeting", null);
        String closed = meeting(fixture.marker + " closed-door meeting", "RESERVED");
        change("updateMeeting", variables("id", network, "expectedVersion", 1, "status", "HELD"));
        change("recordMeetingMinutes", variables("meetingId", network, "expectedVersion", 2, "text", "Network agreed its plan",
                "decisions", List.of("Adopt the network's work plan")));
        change("setVisibility", variables("id", network, "expectedVersion", 3, "visibility", "RESERVED"));
        String last = meeting("Ad hoc group meeting", null);

        government.awaitUntil(events -> meetingIds(events).contains(last));
        assertThat(meetingIds(government.items())).as(government.items().toString()).containsExactly(network, closed, network, network, network, last);
        civil.awaitUntil(events -> meetingIds(events).contains(last));
        assertThat(civil.items()).as(civil.items().toString()).extracting(e -> e.get("kind"))
                .containsExactly("CREATED", "UPDATED", "UPDATED", "REVOKED", "CREATED");
        assertThat(meetingIds(civil.items())).containsExactly(network, network, network, network, last);
        assertThat(civil.items().get(2).toString()).contains("Network agreed its plan", "Adopt the network's work plan");
        assertThat(civil.items().get(3)).containsEntry("meeting", null);
        assertThat(civil.items().toString()).doesNotContain(fixture.marker).doesNotContain(closed);
    }

    private static List<String> meetingIds(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("meetingId")).toList();
    }
}
