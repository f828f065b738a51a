package org.crmhub.live;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.Recording;
import org.crmhub.testsupport.StalledSubscriber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ClassPathResource;

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

    @Test
    void aMemberThatStopsReadingIsClosedWithWhereToResumeAndHoldsUpNoOne() throws Exception {
        // 8 KB per change: the stalled socket's kernel buffers (up to 4 MB here) fill after a few hundred
        Recording<Map<String, Object>> reader = taskChanges(socket("civil-society"), "taskChangedDescriptions", null);
        try (StalledSubscriber stalled = new StalledSubscriber(port, KeycloakTokens.forRole("civil-society"),
                new String(new ClassPathResource("graphql-test/taskChangedDescriptions.graphql").getContentAsByteArray(), UTF_8),
                fixture.planId)) {
            await().atMost(Recording.PATIENCE).until(() -> shared.membersOfGroupsMentioning(fixture.planId).equals(List.of(2)));

            // a burst of changes in one transaction: more than the stalled socket's kernel send buffer
            // (at most tcp_wmem's maximum, 4 MB here) and the member's backlog can hold
            int burst = (int) (largestSendBuffer() / 8000) + SharedSubscriptions.MEMBER_BACKLOG + 1500;
            UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
            UUID workstream = GlobalId.parse(fixture.openWorkstreamId).orElseThrow().id();
            db.sql("INSERT INTO task (workstream_id, work_plan_id, title, description, kind, status, responsible, created_by)"
                            + " SELECT :workstream, :plan, 'Burst ' || g, repeat('x', 8000), 'ACTION', 'PLANNED', 'PPT', 'test'"
                            + " FROM generate_series(1, " + burst + ") g")
                    .bind("workstream", workstream).bind("plan", plan).then()
                    .contextWrite(org.crmhub.visibility.ClearanceConnectionFactory.system()).block();

            // the reading member gets every change, held up by no one
            reader.awaitUntil(changes -> changes.size() == burst);

            // read at last, the stalled member's stream is whole up to its end, which says where to resume
            List<String> messages = stalled.readUntil(message -> message.contains("\"type\":\"error\""));
            List<String> cursors = messages.stream().filter(m -> m.contains("\"type\":\"next\""))
                    .map(m -> m.replaceAll(".*\"cursor\":\"([^\"]+)\".*", "$1")).toList();
            List<String> delivered = reader.items().stream().map(c -> (String) c.get("cursor")).toList();
            assertThat(cursors).isNotEmpty().hasSizeLessThan(burst).isEqualTo(delivered.subList(0, cursors.size()));
            String end = messages.get(messages.size() - 1);
            assertThat(end).contains("\"code\":\"CONFLICT\"", cursors.get(cursors.size() - 1));
            await().atMost(Recording.PATIENCE).until(() -> shared.membersOfGroupsMentioning(fixture.planId).equals(List.of(1)));
        }
    }

    /** The kernel's largest TCP send buffer (the last figure of tcp_wmem), 4 MB where it cannot be read. */
    private static long largestSendBuffer() {
        try {
            String[] figures = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(figures[figures.length - 1]);
        } catch (java.io.IOException | RuntimeException e) {
            return 4L << 20;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(Recording<Map<String, Object>> recording, String taskId) {
        return recording.items().stream().filter(c -> taskId.equals(c.get("taskId")))
                .map(c -> (Map<String, Object>) c.get("task")).findFirst().orElseThrow();
    }
}
