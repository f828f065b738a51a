package org.crmhub.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmhub.HubApplication;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.TestTokens;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No double booking: 200 registrations sent at once through the GraphQL API, by 20 members of 5
 * organisations, for 20 seats with at most 6 per organisation. Exactly 20 are CONFIRMED; the others
 * are WAITLISTED (those that asked for it) in the order they were registered, or refused with
 * EVENT_FULL or ORGANISATION_LIMIT; no organisation holds more than its 6.
 *
 * <p>The members need tokens of their own (the demo realm has one civil-society user), so the
 * registrations go through a second hub instance on the same database that accepts tokens signed
 * by the test key ({@link TestTokens}).
 */
class RegistrationConcurrencyTest extends HubTest {

    private static final List<String> ORGANISATIONS = List.of("CSO-HN-1", "CSO-GT-1", "CSO-SV-1", "CSO-MX-1", "CSO-CR-1");
    private static final int SEATS = 20;
    private static final int PER_ORGANISATION = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DatabaseClient db;

    private record Outcome(String organisation, String status, String error) {
    }

    @Test
    void twoHundredConcurrentRegistrationsForTwentySeatsNeverDoubleBook() {
        Fixture f = new Fixture(as("government"));
        String event = f.openTaskId;
        as("government").documentName("openRegistrations").variable("input", variables("eventId", event, "capacity", SEATS,
                        "deadline", OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).withNano(0).toString(),
                        "seatsPerOrganisation", PER_ORGANISATION)).execute()
                .path("openRegistrations.errors").entityList(Object.class).hasSize(0);
        Map<String, String> organisationIds = new HashMap<>();
        for (String code : ORGANISATIONS) {
            organisationIds.put(code, as("st-crm").documentName("organisations").execute()
                    .path("organisations[?(@.code == '" + code + "')].id").entityList(String.class).get().get(0));
        }

        ConfigurableApplicationContext minted = new SpringApplicationBuilder(HubApplication.class).profiles("test")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessBeforeInitialization(Object bean, String name) {
                        if (bean instanceof ReactorResourceFactory factory) {
                            factory.setUseGlobalResources(false);
                        }
                        return bean;
                    }
                }))
                .run("--server.port=0", "--hub.keycloak.embedded=false", "--hub.security.jwk-set-uri=",
                        "--hub.security.public-key=classpath:test-keys/public.pem", "--hub.security.issuer=" + TestTokens.ISSUER,
                        "--hub.demo-data=false");
        List<Outcome> outcomes;
        try {
            WebClient http = WebClient.create("http://127.0.0.1:" + minted.getEnvironment().getProperty("local.server.port"));
            String document = Documents.named("register");
            List<Mono<Outcome>> requests = new ArrayList<>();
            for (int member = 0; member < 20; member++) {
                String code = ORGANISATIONS.get(member % ORGANISATIONS.size());
                String token = TestTokens.token("member-" + member, List.of("civil-society"),
                        b -> b.claim("groups", List.of("/" + code)));
                for (int n = 0; n < 10; n++) {
                    Map<String, Object> input = variables("eventId", event, "organisationId", organisationIds.get(code),
                            "name", "Person " + member + "-" + n, "email", "p" + member + "-" + n + "@example.org",
                            "joinWaitingList", n % 2 == 0);
                    requests.add(http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("query", document, "variables", Map.of("input", input)))
                            .retrieve().bodyToMono(String.class)
                            .map(body -> outcome(code, body)));
                }
            }
            outcomes = Flux.merge(Flux.fromIterable(requests), requests.size()).collectList().block(Duration.ofMinutes(5));
        } finally {
            minted.close();
        }

        assertThat(outcomes).hasSize(200);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status() != null
                || List.of("EVENT_FULL", "ORGANISATION_LIMIT").contains(o.error())).as(o.toString()).isTrue());
        assertThat(outcomes.stream().filter(o -> "CONFIRMED".equals(o.status()))).hasSize(SEATS);
        for (String code : ORGANISATIONS) {
            assertThat(outcomes.stream().filter(o -> code.equals(o.organisation()) && o.status() != null).count())
                    .as(code).isLessThanOrEqualTo(PER_ORGANISATION);
        }

        // the database agrees: 20 seats, the waiting list numbered 1..n in the order of registration,
        // every confirmed seat taken before anyone waited (nothing was freed), each organisation within its limit
        List<Map<String, Object>> rows = db.sql("SELECT r.status, r.seq, o.code, w.waiting_position FROM registration r"
                        + " JOIN organisation o ON o.id = r.organisation_id"
                        + " LEFT JOIN hub_waiting_positions(ARRAY(SELECT id FROM registration WHERE event_id = :event)) w ON w.id = r.id"
                        + " WHERE r.event_id = :event ORDER BY r.seq")
                .bind("event", GlobalId.parse(event).orElseThrow().id())
                .fetch().all().collectList().contextWrite(ClearanceConnectionFactory.system()).block();
        assertThat(rows).hasSize((int) outcomes.stream().filter(o -> o.status() != null).count());
        assertThat(rows.stream().filter(r -> "CONFIRMED".equals(r.get("status")))).hasSize(SEATS);
        List<Map<String, Object>> waiting = rows.stream().filter(r -> "WAITLISTED".equals(r.get("status"))).toList();
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(((Number) waiting.get(i).get("waiting_position")).intValue()).isEqualTo(i + 1);
        }
        long lastConfirmed = rows.stream().filter(r -> "CONFIRMED".equals(r.get("status")))
                .mapToLong(r -> ((Number) r.get("seq")).longValue()).max().orElseThrow();
        assertThat(waiting).allSatisfy(r -> assertThat(((Number) r.get("seq")).longValue()).isGreaterThan(lastConfirmed));
        for (String code : ORGANISATIONS) {
            assertThat(rows.stream().filter(r -> code.equals(r.get("code")))).as(code).hasSizeLessThanOrEqualTo(PER_ORGANISATION);
        }
        as("observer").documentName("taskRegistrations").variable("id", event).execute()
                .path("task.registration.seatsTaken").entity(Integer.class).isEqualTo(SEATS)
                .path("task.registration.waitingCount").entity(Integer.class).isEqualTo(waiting.size());
    }

    private static Outcome outcome(String code, String body) {
        JsonNode payload = JSON.readTree(body).path("data").path("register");
        JsonNode registration = payload.path("registration");
        JsonNode errors = payload.path("errors");
        return new Outcome(code, registration.isObject() ? registration.path("status").asString() : null,
                errors.isArray() && !errors.isEmpty() ? errors.get(0).path("code").asString() : body);
    }
}
