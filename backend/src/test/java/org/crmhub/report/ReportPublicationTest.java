package org.crmhub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.crmhub.testsupport.Recording;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The quarterly publication: each active plan's quarter is published once whatever the number of
 * publishers, in two editions per language; readers list and download the editions they may read
 * and hear of them through {@code reportPublished} (graphql-transport-ws); a stored civil-society
 * edition is generated again without an item that becomes reserved, and the governments' is not.
 */
class ReportPublicationTest extends HubTest {

    private static final ParameterizedTypeReference<Map<String, Object>> EVENT = new ParameterizedTypeReference<>() { };
    private static final ReportPeriod QUARTER = ReportPeriod.parse("2026-Q2");

    @Autowired
    private ReportPublisher publisher;
    @Autowired
    private DatabaseClient db;

    private Fixture fixture;
    private UUID plan;
    private String shownTask;
    private String shownTitle;
    private final List<WebSocketGraphQlTester> sockets = new ArrayList<>();
    private final List<Recording<?>> recordings = new ArrayList<>();

    @BeforeEach
    void adoptedPlan() {
        fixture = new Fixture(as("government"));
        plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        shownTitle = "Shown then reserved " + UUID.randomUUID().toString().substring(0, 8);
        shownTask = Fixture.create(as("government"), "createTask", "task", Map.of("workstreamId", fixture.openWorkstreamId,
                "title", shownTitle, "kind", "MEETING", "responsible", "ST_CRM"));
        as("government").documentName("updateWorkPlan").variable("input", Map.of("id", fixture.planId, "expectedVersion", 1,
                "status", "ADOPTED")).execute().path("updateWorkPlan.errors").entityList(Object.class).hasSize(0);
    }

    @AfterEach
    void stop() {
        recordings.forEach(Recording::stop);
        sockets.forEach(s -> s.stop().block(Duration.ofSeconds(5)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String role) {
        return (List<Map<String, Object>>) (List<?>) as(role).documentName("publishedReports").variable("plan", fixture.planId)
                .execute().path("publishedReports.edges[*].node").entityList(Map.class).get();
    }

    private static Map<String, Object> edition(List<Map<String, Object>> editions, String edition, String language) {
        return editions.stream().filter(e -> e.get("edition").equals(edition) && e.get("language").equals(language))
                .findFirst().orElseThrow(() -> new AssertionError("no " + edition + "/" + language + " in " + editions));
    }

    private EntityExchangeResult<byte[]> download(String role, String path) {
        return client.get().uri(path).header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .exchange().expectBody(byte[].class).returnResult();
    }

    private String pdfText(String role, String path) {
        EntityExchangeResult<byte[]> answer = download(role, path);
        assertThat(answer.getStatus()).as(path).isEqualTo(HttpStatus.OK);
        try (PDDocument document = Loader.loadPDF(answer.getResponseBody())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long stored() {
        return db.sql("SELECT count(*) AS n FROM published_report WHERE work_plan_id = :plan AND period_from = :from")
                .bind("plan", plan).bind("from", QUARTER.from()).map((row, meta) -> row.get("n", Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system()).block();
    }

    /** The cursor of the log's newest event: a subscription after it misses nothing written later. */
    private String now() {
        long position = db.sql("SELECT coalesce(max(position), 0) AS p FROM change_event")
                .map((row, meta) -> row.get("p", Long.class)).one().contextWrite(ClearanceConnectionFactory.system()).block();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("change:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private Recording<Map<String, Object>> follow(String role, String language, String after) {
        WebSocketGraphQlTester socket = language == null ? subscriber(role)
                : subscriberWithToken(KeycloakTokens.forRole(role), port).mutate().header("Accept-Language", language).build();
        sockets.add(socket);
        Recording<Map<String, Object>> recording = Recording.of(socket.documentName("reportPublished")
                .variable("plan", fixture.planId).variable("after", after)
                .executeSubscription().toFlux().map(r -> r.path("reportPublished.report").entity(EVENT).get()));
        recordings.add(recording);
        return recording;
    }

    @Test
    void aQuarterIsPublishedOnceInTwoEditionsPerLanguageWhateverTheNumberOfPublishers() {
        List<Boolean> won = Mono.zip(publisher.publishPlan(plan, QUARTER).subscribeOn(Schedulers.boundedElastic()),
                        publisher.publishPlan(plan, QUARTER).subscribeOn(Schedulers.boundedElastic()),
                        publisher.publishPlan(plan, QUARTER).subscribeOn(Schedulers.boundedElastic()))
                .map(t -> List.of(t.getT1(), t.getT2(), t.getT3())).block(Duration.ofMinutes(2));
        assertThat(won).containsOnlyOnce(true);
        assertThat(stored()).isEqualTo(4);
        // the whole run (every active plan) finds it published already
        assertThat(publisher.publishPlan(plan, QUARTER).block()).isFalse();
        assertThat(stored()).isEqualTo(4);

        List<Map<String, Object>> government = list("government");
        assertThat(government).extracting(e -> e.get("edition") + "/" + e.get("language"))
                .containsExactlyInAnyOrder("CIVIL_SOCIETY/en", "CIVIL_SOCIETY/es", "GOVERNMENT/en", "GOVERNMENT/es");
        assertThat(government).allSatisfy(e -> assertThat(e).containsEntry("from", "2026-04-01").containsEntry("to", "2026-06-30")
                .containsEntry("revision", 1).containsEntry("workPlan", Map.of("id", fixture.planId)));
        String governmentPdf = (String) edition(government, "GOVERNMENT", "en").get("pdfUrl");
        assertThat(pdfText("government", governmentPdf)).contains("Government edition", fixture.marker + " consultation", "8,778.27 USD");
        assertThat(pdfText("government", (String) edition(government, "GOVERNMENT", "es").get("pdfUrl")))
                .contains("Edición para los gobiernos", "Informe de seguimiento");

        for (String role : UNCLEARED_ROLES) {
            assertThat(rawDocument(role, "publishedReports", Map.of("plan", fixture.planId)))
                    .contains("\"totalCount\":2").doesNotContain("GOVERNMENT");
            List<Map<String, Object>> visible = list(role);
            assertThat(visible).as(role).extracting(e -> e.get("edition") + "/" + e.get("language"))
                    .containsExactlyInAnyOrder("CIVIL_SOCIETY/en", "CIVIL_SOCIETY/es");
            String text = pdfText(role, (String) edition(visible, "CIVIL_SOCIETY", "en").get("pdfUrl"));
            assertThat(text).contains("Civil-society edition", shownTitle, "Open workshop", "1,000.50 USD")
                    .doesNotContain(fixture.marker).doesNotContain("7,777.77").doesNotContain("333.33");
            // the governments' edition does not exist for them, by its URL either
            EntityExchangeResult<byte[]> refused = download(role, governmentPdf);
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8)).contains("\"code\":\"NOT_FOUND\"")
                    .doesNotContain(fixture.marker);
        }
        // stored as published: a later change to the plan does not change a published edition
        String before = pdfText("civil-society", (String) edition(list("civil-society"), "CIVIL_SOCIETY", "en").get("pdfUrl"));
        Fixture.create(as("government"), "createTask", "task", Map.of("workstreamId", fixture.openWorkstreamId,
                "title", "Added after publication", "kind", "ACTION", "responsible", "PPT"));
        String after = pdfText("civil-society", (String) edition(list("civil-society"), "CIVIL_SOCIETY", "en").get("pdfUrl"));
        assertThat(after).doesNotContain("Added after publication").contains(shownTitle);
        assertThat(after.replaceAll("Generated on \\S+", "")).isEqualTo(before.replaceAll("Generated on \\S+", ""));
    }

    @Test
    void subscribersHearOfTheEditionTheyMayReadInTheirLanguage() {
        String from = now();
        Recording<Map<String, Object>> civil = follow("civil-society", null, from);
        Recording<Map<String, Object>> civilSpanish = follow("observer", "es", from);
        Recording<Map<String, Object>> government = follow("government", null, from);

        assertThat(publisher.publishPlan(plan, QUARTER).block(Duration.ofMinutes(2))).isTrue();
        government.awaitUntil(events -> !events.isEmpty());
        civil.awaitUntil(events -> !events.isEmpty());
        civilSpanish.awaitUntil(events -> !events.isEmpty());
        assertThat(government.items()).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("edition", "GOVERNMENT").containsEntry("language", "en").containsEntry("from", "2026-04-01"));
        assertThat(civil.items()).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("edition", "CIVIL_SOCIETY").containsEntry("language", "en").containsEntry("revision", 1));
        assertThat(civilSpanish.items()).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("edition", "CIVIL_SOCIETY").containsEntry("language", "es"));

        // the next thing an uncleared subscriber hears is the regenerated civil-society edition, so
        // nothing of the governments' editions (published in between) reached it
        setVisibility(shownTask, 1, "RESERVED");
        civil.awaitUntil(events -> events.size() == 2);
        assertThat(civil.items().get(1)).containsEntry("edition", "CIVIL_SOCIETY").containsEntry("revision", 2);
        assertThat(civil.items().toString()).doesNotContain("GOVERNMENT");
        assertThat(government.items()).hasSize(1);
    }

    @Test
    void anItemReservedSinceIsTakenOutOfTheStoredCivilSocietyEditionAtOnceAndTheGovernmentsIsUntouched() {
        assertThat(publisher.publishPlan(plan, QUARTER).block(Duration.ofMinutes(2))).isTrue();
        Map<String, Object> civilBefore = edition(list("civil-society"), "CIVIL_SOCIETY", "en");
        Map<String, Object> governmentBefore = edition(list("government"), "GOVERNMENT", "en");
        assertThat(pdfText("civil-society", (String) civilBefore.get("pdfUrl"))).contains(shownTitle);

        setVisibility(shownTask, 1, "RESERVED");
        // at once, before any new edition exists: the stored one is no longer served to civil society
        EntityExchangeResult<byte[]> meanwhile = download("civil-society", (String) civilBefore.get("pdfUrl"));
        assertThat(meanwhile.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);

        // both editions listed again, each generated anew (an edition waiting for it is not listed)
        await().atMost(Recording.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> listed = list("civil-society");
            return listed.size() == 2 && listed.stream().allMatch(e -> Integer.valueOf(2).equals(e.get("revision")));
        });
        List<Map<String, Object>> civil = list("civil-society");
        assertThat(civil).hasSize(2);
        for (Map<String, Object> e : civil) {
            String text = pdfText("civil-society", (String) e.get("pdfUrl"));
            assertThat(text).doesNotContain(shownTitle).contains("Open workshop");
        }
        // the old edition is gone; it was replaced once
        assertThat(download("civil-society", (String) civilBefore.get("pdfUrl")).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(stored()).isEqualTo(4);
        // the governments' edition is as published
        Map<String, Object> governmentAfter = edition(list("government"), "GOVERNMENT", "en");
        assertThat(governmentAfter).isEqualTo(governmentBefore);
        assertThat(pdfText("government", (String) governmentAfter.get("pdfUrl"))).contains(shownTitle);
        Long queued = db.sql("SELECT count(*) AS n FROM report_reclassification").map((row, meta) -> row.get("n", Long.class))
                .one().contextWrite(ClearanceConnectionFactory.system()).block();
        assertThat(queued).isZero();

        // the plan itself reserved: civil society has no edition left
        setVisibility(fixture.planId, 2, "RESERVED");
        await().atMost(Recording.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> db.sql("SELECT count(*) AS n FROM published_report WHERE work_plan_id = :plan AND edition = 'CIVIL_SOCIETY'")
                .bind("plan", plan).map((row, meta) -> row.get("n", Long.class)).one()
                .contextWrite(ClearanceConnectionFactory.system()).block() == 0);
        assertThat(stored()).isEqualTo(2);
        // and the plan is not found, its editions listed nowhere, as for a plan that does not exist
        for (String role : UNCLEARED_ROLES) {
            as(role).documentName("publishedReports").variable("plan", fixture.planId).execute().errors().satisfy(errors -> {
                assertThat(errors).hasSize(1);
                assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND");
            });
        }
        assertThat(list("government")).extracting(e -> e.get("edition")).containsOnly("GOVERNMENT");
        WebSocketGraphQlTester socket = subscriber("civil-society");
        sockets.add(socket);
        StepVerifier.create(socket.documentName("reportPublished").variable("plan", fixture.planId).executeSubscription().toFlux())
                .expectErrorSatisfies(e -> assertThat(e.toString()).contains("NOT_FOUND"))
                .verify(Duration.ofSeconds(15));
    }

    private void setVisibility(String id, int version, String visibility) {
        as("government").documentName("setVisibility").variable("input", Map.of("id", id, "expectedVersion", version,
                "visibility", visibility)).execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
    }
}
