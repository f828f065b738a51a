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

    /** Waits until both subscriptions deliver: probe meetings until each has received one. */
    private List<String> awaitLive(List<Recording<Map<String, Object>>> subscribers) {
        List<String> probes = new java.util.ArrayList<>();
        org.awaitility.Awaitility.await("the subscriptions are live").atMost(Recording.PATIENCE)
                .pollInterval(java.time.Duration.ofMillis(200))
                .failFast("a subscription ended before it was live", () -> subscribers.forEach(Recording::assertOpen))
                .untilAsserted(() -> {
                    probes.add(meeting("Live probe " + probes.size(), null));
                    assertThat(subscribers).allSatisfy(s -> assertThat(meetingIds(s.items())).containsAnyElementsOf(probes));
                });
        return probes;
    }

    @Test
    void meetingsGoLiveAndAReservedOneNeverReachesAnUnclearedSubscriber() {
        Recording<Map<String, Object>> civil = follow("civil-society", null);
        Recording<Map<String, Object>> government = follow("government", null);
        List<String> probes = awaitLive(List.of(civil, government));

        String network = meeting("Liaison network meeting", null);
        String closed = meeting(fixture.marker + " closed-door meeting", "RESERVED");
        change("updateMeeting", variables("id", network, "expectedVersion", 1, "status", "HELD"));
        change("recordMeetingMinutes", variables("meetingId", network, "expectedVersion", 2, "text", "Network agreed its plan",
                "decisions", List.of("Adopt the network's work plan")));
        change("setVisibility", variables("id", network, "expectedVersion", 3, "visibility", "RESERVED"));
        String last = meeting("Ad hoc group meeting", null);

        government.awaitUntil(events -> meetingIds(events).contains(last));
        List<Map<String, Object>> governmentSaw = after(government.items(), probes);
        assertThat(meetingIds(governmentSaw)).as(governmentSaw.toString())
                .containsExactly(network, closed, network, network, network, last);
        civil.awaitUntil(events -> meetingIds(events).contains(last));
        List<Map<String, Object>> civilSaw = after(civil.items(), probes);
        assertThat(civilSaw).as(civilSaw.toString()).extracting(e -> e.get("kind"))
                .containsExactly("CREATED", "UPDATED", "UPDATED", "REVOKED", "CREATED");
        assertThat(meetingIds(civilSaw)).containsExactly(network, network, network, network, last);
        assertThat(civilSaw.get(2).toString()).contains("Network agreed its plan", "Adopt the network's work plan");
        assertThat(civilSaw.get(3)).containsEntry("meeting", null);
        assertThat(civil.items().toString()).doesNotContain(fixture.marker).doesNotContain(closed);
    }

    /** The events after the probes'. */
    private static List<Map<String, Object>> after(List<Map<String, Object>> events, List<String> probes) {
        return events.stream().filter(e -> !probes.contains((String) e.get("meetingId"))).toList();
    }

    private static List<String> meetingIds(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("meetingId")).toList();
    }
}
