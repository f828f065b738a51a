package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.Recording;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Subscribers whose answers cannot differ share one execution; any difference in audience or in
 * what is asked keeps them apart, and every member receives exactly what it would alone.
 */
class SharedSubscriptionsTest extends LiveTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> CHANGE = new ParameterizedTypeReference<>() { };

    @Autowired
    SharedSubscriptions shared;

    private Recording<Map<String, Object>> capabilities(String role) {
        return record(socket(role).documentName("taskChangedCapabilities").variable("plan", fixture.planId)
                .executeSubscription().toFlux().map(r -> r.path("taskChanged").entity(CHANGE).get()));
    }

    @Test
    void subscribersWithTheSameSubscriptionAndAudienceShareOneExecution() {
        List<Recording<Map<String, Object>>> civil = List.of(capabilities("civil-society"), capabilities("civil-society"),
                capabilities("civil-society"));
        Recording<Map<String, Object>> secretariat = capabilities("st-rrocm");
        Recording<Map<String, Object>> government = capabilities("government");
        // three groups: civil society (3 members); the secretariat, uncleared too but with other
        // capabilities; the government, cleared
        await().atMost(Recording.PATIENCE).until(() -> shared.membersOfGroupsMentioning(fixture.planId).equals(List.of(1, 1, 3)));

        String reserved = createTask(fixture.openWorkstreamId, fixture.marker + " shared", "RESERVED");
        String open = createTask("Shared workshop");
        for (Recording<Map<String, Object>> member : civil) {
            member.awaitUntil(changes -> taskIds(changes).contains(open));
            assertThat(taskIds(member.items())).containsExactly(open);
            assertThat(member.items()).isEqualTo(civil.get(0).items());
        }
        government.awaitUntil(changes -> taskIds(changes).contains(open));
        assertThat(taskIds(government.items())).containsExactly(reserved, open);
        secretariat.awaitUntil(changes -> taskIds(changes).contains(open));

        // each audience's capabilities are its own, as a query by that role answers
        for (var subscriber : Map.of("civil-society", civil.get(0), "st-rrocm", secretariat, "government", government).entrySet()) {
            Map<String, Object> delivered = task(subscriber.getValue(), open);
            Map<String, Object> queried = as(subscriber.getKey()).documentName("capabilities").variable("id", open).execute()
                    .path("node").entity(CHANGE).get();
            for (String capability : List.of("viewerCanUpdate", "viewerCanDelete", "viewerCanClassify", "viewerCanComment")) {
                assertThat(delivered.get(capability)).as(subscriber.getKey() + " " + capability).isEqualTo(queried.get(capability));
            }
        }
        assertThat(civil.get(0).items().toString()).doesNotContain(fixture.marker);
        assertThat(secretariat.items().toString()).doesNotContain(fixture.marker);
    }

    @Test
    void theWebSocketTransportWritesSharedResultsWithTheEncoderThatEncodesThemOnce(
            @Autowired org.springframework.http.codec.ServerCodecConfigurer codecs) {
        var found = codecs.getWriters().stream()
                .filter(w -> w instanceof org.springframework.http.codec.EncoderHttpMessageWriter<?> e && e.getEncoder().canEncode(
                        org.springframework.core.ResolvableType.forClass(
                                org.springframework.graphql.server.support.GraphQlWebSocketMessage.class),
                        org.springframework.util.MimeTypeUtils.APPLICATION_JSON))
                .map(w -> ((org.springframework.http.codec.EncoderHttpMessageWriter<?>) w).getEncoder()).findFirst();
        assertThat(found).get().isInstanceOf(EncodedResultEncoder.class);
    }

    @Test
    void aReplayFromACursorRunsOnItsOwnAndTheGroupEndsWithItsLastMember() {
        Recording<Map<String, Object>> live = capabilities("observer");
        Recording<Map<String, Object>> replay = taskChanges("observer", now());
        await().atMost(Recording.PATIENCE).until(() -> shared.membersOfGroupsMentioning(fixture.planId).equals(List.of(1)));
        String open = createTask("Seen live and in the replay");
        live.awaitUntil(changes -> taskIds(changes).contains(open));
        replay.awaitUntil(changes -> taskIds(changes).contains(open));

        stopSubscriptions();
        await().atMost(Recording.PATIENCE).until(() -> shared.membersOfGroupsMentioning(fixture.planId).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(Recording<Map<String, Object>> recording, String taskId) {
        return recording.items().stream().filter(c -> taskId.equals(c.get("taskId")))
                .map(c -> (Map<String, Object>) c.get("task")).findFirst().orElseThrow();
    }
}
