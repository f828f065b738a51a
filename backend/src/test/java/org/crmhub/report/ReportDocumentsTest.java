package org.crmhub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.crmhub.item.ItemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.crmhub.item.GlobalId;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The report as a document: rendered, read back with PDFBox, and searched for what must and must
 * not be in it; the URLs answer the GraphQL query's typed errors; shared links serve only the
 * civil-society edition, and only while they are valid and the plan is not reserved.
 */
class ReportDocumentsTest extends HubTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String NASTY = "Workshop <b>on</b> R&D \"quoted\"";

    @Autowired
    private ReportLinks links;

    private Fixture fixture;
    private String period;

    @BeforeEach
    void plan() {
        fixture = new Fixture(as("government"));
        Fixture.create(as("government"), "createTask", "task", Map.of("workstreamId", fixture.openWorkstreamId,
                "title", NASTY, "kind", "WORKSHOP", "responsible", "PPT"));
        period = TODAY.minusDays(1) + ".." + TODAY.plusDays(1);
    }

    private String path(String format) {
        return "/reports/" + fixture.planId + "/" + period + "." + format;
    }

    private EntityExchangeResult<byte[]> get(String role, String path, String language) {
        var request = client.get().uri(path);
        if (role != null) {
            request = request.header("Authorization", "Bearer " + KeycloakTokens.forRole(role));
        }
        if (language != null) {
            request = request.header("Accept-Language", language);
        }
        return request.exchange().expectBody(byte[].class).returnResult();
    }

    private static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // a cell's text may wrap onto lines of its own
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pdf(String role, String language) {
        EntityExchangeResult<byte[]> answer = get(role, path("pdf"), language);
        assertThat(answer.getStatus()).as(role).isEqualTo(HttpStatus.OK);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        return pdfText(answer.getResponseBody());
    }

    private String html(String role, String language) {
        EntityExchangeResult<byte[]> answer = get(role, path("html"), language);
        assertThat(answer.getStatus()).as(role).isEqualTo(HttpStatus.OK);
        assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        return new String(answer.getResponseBody(), StandardCharsets.UTF_8);
    }

    @Test
    void theGovernmentEditionShowsEveryFigureAndTitle() {
        String text = pdf("government", null);
        assertThat(text).contains("Monitoring report", "Government edition", "Plan " + fixture.marker.substring(7),
                "Tasks 4", "Completed in the period 0", "Overdue at the period's end 2",
                "Planned 4", "Pro Tempore Presidency 2", "CRM Technical Secretariat 1", "RROCM Technical Secretariat 1",
                // the open money and the reserved money, each in its row
                "Funding Pledged 2 8,778.27 USD", "Staff Confirmed 1 333.33 EUR",
                fixture.marker + " consultation", fixture.marker + " line", "Open workshop",
                "Task status over the quarters", "Indicators against their target");
    }

    @Test
    void theCivilSocietyEditionHasNoReservedTitleOrAmount() {
        for (String role : UNCLEARED_ROLES) {
            String pdf = pdf(role, null);
            String html = html(role, null);
            for (String text : List.of(pdf, html)) {
                assertThat(text).as(role).contains("Civil-society edition", "Open workshop", "Open line")
                        .doesNotContain(fixture.marker).doesNotContain("Government edition")
                        .doesNotContain("7,777.77").doesNotContain("7777.77").doesNotContain("8,778.27")
                        .doesNotContain("333.33");
            }
            assertThat(pdf).as(role).contains("Tasks 2", "Funding Pledged 1 1,000.50 USD", "Overdue at the period's end 1");
        }
    }

    @Test
    void theSpanishEditionHasSpanishHeadings() {
        String text = pdf("civil-society", "es-MX,es;q=0.9");
        assertThat(text).contains("Informe de seguimiento", "Edición para la sociedad civil", "Tareas por estado",
                "Recursos por tipo y estado", "Estado de las tareas por trimestre", "Planificada")
                .doesNotContain("Monitoring report").doesNotContain("Tasks by status");
        assertThat(html("government", "es")).contains("lang=\"es\"", "Edición para los gobiernos", "Resumen");
    }

    @Test
    void textFromTheDatabaseIsEscapedInTheHtml() {
        String html = html("government", null);
        assertThat(html).contains("Workshop &lt;b&gt;on&lt;/b&gt; R&amp;D &quot;quoted&quot;").doesNotContain(NASTY);
        assertThat(pdf("government", null)).contains(NASTY);
        // the three charts, drawn on the server, embedded in the page
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(4);
    }

    @Test
    void thePdfEmbedsOnlyTheFontsShippedInTheJar() throws IOException {
        byte[] pdf = get("government", path("pdf"), null).getResponseBody();
        Set<String> fonts = new TreeSet<>();
        int images = 0;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName().replaceFirst("^[A-Z]{6}\\+", ""));
                }
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
        }
        assertThat(fonts).containsExactlyInAnyOrder("DejaVuSans", "DejaVuSans-Bold");
        assertThat(images).isEqualTo(3);
    }

    @Test
    void badInputAnswersTheQuerysTypedErrorsAndRendersNothing() {
        assertRefused("government", "/reports/" + fixture.planId + "/2031-Q5.pdf", HttpStatus.BAD_REQUEST, "VALIDATION",
                List.of("period", "quarter"));
        assertRefused("government", "/reports/" + fixture.planId + "/" + TODAY + ".." + TODAY.minusDays(1) + ".pdf",
                HttpStatus.BAD_REQUEST, "VALIDATION", List.of("period", "to"));
        assertRefused("government", "/reports/" + fixture.planId + "/2031-13-45..2031-13-46.html", HttpStatus.BAD_REQUEST,
                "VALIDATION", List.of("period"));
        assertRefused("government", "/reports/nonsense/2031-Q1.pdf", HttpStatus.BAD_REQUEST, "VALIDATION", List.of("workPlanId"));
        assertRefused("civil-society", path("pdf") + "?workstream=" + fixture.reservedWorkstreamId, HttpStatus.NOT_FOUND,
                "NOT_FOUND", List.of("workstreamId"));
        Fixture other = new Fixture(as("government"));
        assertRefused("government", path("pdf") + "?workstream=" + other.openWorkstreamId, HttpStatus.BAD_REQUEST,
                "VALIDATION", List.of("workstreamId"));
        assertRefused("hub-admin", path("pdf"), HttpStatus.FORBIDDEN, "FORBIDDEN", null);
        // a reserved plan does not exist for civil society, exactly as a plan that does not exist
        reserve(other.planId);
        assertRefused("civil-society", "/reports/" + other.planId + "/2031-Q1.pdf", HttpStatus.NOT_FOUND, "NOT_FOUND",
                List.of("workPlanId"));
        assertRefused("civil-society", "/reports/" + GlobalId.encode(ItemType.WORK_PLAN, UUID.randomUUID())
                + "/2031-Q1.pdf", HttpStatus.NOT_FOUND, "NOT_FOUND", List.of("workPlanId"));
        // a cleared reader gets a reserved workstream's report
        assertThat(get("government", path("pdf") + "?workstream=" + fixture.reservedWorkstreamId, null).getStatus())
                .isEqualTo(HttpStatus.OK);
        // in the reader's language
        String spanish = new String(get("government", "/reports/" + fixture.planId + "/2031-Q5.pdf", "es").getResponseBody(),
                StandardCharsets.UTF_8);
        assertThat(spanish).contains("Debe estar entre 1 y 4.");
    }

    @Test
    void anUnauthenticatedRequestIsRefused() {
        assertThat(get(null, path("pdf"), null).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        EntityExchangeResult<byte[]> forged = client.get().uri(path("pdf"))
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
                .exchange().expectBody(byte[].class).returnResult();
        assertThat(forged.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(forged.getResponseBody() == null ? "" : new String(forged.getResponseBody(), StandardCharsets.UTF_8))
                .doesNotContain("PDF");
    }

    @Test
    void theQueryGivesTheDocumentsUrls() {
        var answer = as("civil-society").documentName("monitoringReportUrls").variable("plan", fixture.planId)
                .variable("period", Map.of("year", 2031, "quarter", 2)).variable("workstream", fixture.openWorkstreamId).execute();
        String pdfUrl = answer.path("monitoringReport.pdfUrl").entity(String.class).get();
        String htmlUrl = answer.path("monitoringReport.htmlUrl").entity(String.class).get();
        assertThat(pdfUrl).isEqualTo("/reports/" + fixture.planId + "/2031-Q2.pdf?workstream=" + fixture.openWorkstreamId);
        assertThat(htmlUrl).isEqualTo("/reports/" + fixture.planId + "/2031-Q2.html?workstream=" + fixture.openWorkstreamId);
        EntityExchangeResult<byte[]> pdf = get("civil-society", pdfUrl, null);
        assertThat(pdf.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(pdfText(pdf.getResponseBody())).contains("Open line", "2031-04-01", "2031-06-30");
    }

    @Test
    void aSharedLinkServesTheCivilSocietyEditionToAnyone() {
        var link = share("government", Map.of("workPlanId", fixture.planId, "period", Map.of("from", TODAY.minusDays(1).toString(),
                "to", TODAY.plusDays(1).toString()), "language", "es", "validForDays", 3));
        String pdfUrl = link.get("pdfUrl");
        assertThat(Instant.parse(link.get("expiresAt"))).isBetween(Instant.now().plusSeconds(3 * 86400 - 600),
                Instant.now().plusSeconds(3 * 86400 + 600));
        EntityExchangeResult<byte[]> pdf = get(null, pdfUrl, null);
        assertThat(pdf.getStatus()).isEqualTo(HttpStatus.OK);
        String text = pdfText(pdf.getResponseBody());
        assertThat(text).contains("Edición para la sociedad civil", "Open workshop", "1.000,50 USD")
                .doesNotContain(fixture.marker).doesNotContain("7.777,77").doesNotContain("333,33");
        assertThat(new String(get(null, link.get("htmlUrl"), null).getResponseBody(), StandardCharsets.UTF_8))
                .contains("Open workshop").doesNotContain(fixture.marker);

        // tampered: the payload changed (another plan), or the signature
        String token = pdfUrl.substring(pdfUrl.lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"lang\":\"es\"", "\"lang\":\"en\"").getBytes(StandardCharsets.UTF_8));
        assertLinkRefused("/reports/shared/pdf/" + parts[0] + "." + otherPayload + "." + parts[2], HttpStatus.FORBIDDEN, "FORBIDDEN");
        char last = parts[2].charAt(0);
        assertLinkRefused("/reports/shared/pdf/" + parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(1), HttpStatus.FORBIDDEN, "FORBIDDEN");
        assertLinkRefused("/reports/shared/pdf/not-a-link", HttpStatus.FORBIDDEN, "FORBIDDEN");
        // a bearer token is not a link
        assertLinkRefused("/reports/shared/pdf/" + KeycloakTokens.forRole("government"), HttpStatus.FORBIDDEN, "FORBIDDEN");

        // expired
        UUID plan = GlobalId.parse(fixture.planId).orElseThrow().id();
        ReportPeriod days = new ReportPeriod(TODAY.minusDays(1), TODAY.plusDays(1));
        String expired = links.sign(new ReportLinks.Claims(plan, days.from(), days.to(), null, Locale.ENGLISH,
                Edition.CIVIL_SOCIETY, Instant.now().minusSeconds(1)));
        assertLinkRefused("/reports/shared/pdf/" + expired, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        // the government edition is never served through a link, even one signed with the hub's key
        String government = links.sign(new ReportLinks.Claims(plan, days.from(), days.to(), null, Locale.ENGLISH,
                Edition.GOVERNMENT, Instant.now().plusSeconds(600)));
        assertLinkRefused("/reports/shared/pdf/" + government, HttpStatus.FORBIDDEN, "FORBIDDEN");

        // the plan reserved since the link was made: not found
        reserve(fixture.planId);
        assertLinkRefused(pdfUrl, HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void onlyWhatCivilSocietySeesCanBeShared() {
        Map<String, Object> quarter = Map.of("year", 2031, "quarter", 1);
        // a reserved workstream: a cleared sharer is told it cannot be shared; others, that it does not exist
        shareRefused("government", Map.of("workPlanId", fixture.planId, "period", quarter,
                "workstreamId", fixture.reservedWorkstreamId), "VALIDATION", List.of("input", "workstreamId"));
        shareRefused("civil-society", Map.of("workPlanId", fixture.planId, "period", quarter,
                "workstreamId", fixture.reservedWorkstreamId), "NOT_FOUND", List.of("input", "workstreamId"));
        shareRefused("civil-society", Map.of("workPlanId", fixture.planId, "period", Map.of("year", 2031, "quarter", 0)),
                "VALIDATION", List.of("input", "period", "quarter"));
        shareRefused("civil-society", Map.of("workPlanId", fixture.planId, "period", quarter, "validForDays", 8),
                "VALIDATION", List.of("input", "validForDays"));
        shareRefused("civil-society", Map.of("workPlanId", fixture.planId, "period", quarter, "language", "fr"),
                "VALIDATION", List.of("input", "language"));
        // civil society may share its own edition, in the request's language by default
        assertThat(share("civil-society", Map.of("workPlanId", fixture.planId, "period", quarter)).get("language")).isEqualTo("en");
    }

    /**
     * The picture in docs/api.md: the first page of the demo plan's 2017 report, civil-society
     * edition. Rewrite it with {@code ./mvnw -B -pl backend verify -Dtest=NONE
     * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReportDocumentsTest -Dhub.docs.update=true}.
     */
    @Test
    void theDemoPlansFirstPageIsThePictureInTheDocs() throws IOException {
        String demo = GlobalId.encode(ItemType.WORK_PLAN, UUID.fromString("d0000000-0000-4000-8000-000000000001"));
        EntityExchangeResult<byte[]> answer = get("civil-society", "/reports/" + demo + "/2017-01-01..2017-12-31.pdf", "en");
        assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
        Path picture = Path.of("../docs/images/monitoring-report.png");
        try (PDDocument document = Loader.loadPDF(answer.getResponseBody())) {
            assertThat(pdfText(answer.getResponseBody())).contains("Tripartite work plan 2017", "Civil-society edition");
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 80);
            if (Boolean.getBoolean("hub.docs.update")) {
                Files.createDirectories(picture.getParent());
                ImageIO.write(page, "png", picture.toFile());
            }
            // the page is not blank: something is drawn on it
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < page.getHeight(); y += 7) {
                for (int x = 0; x < page.getWidth(); x += 7) {
                    colours.add(page.getRGB(x, y));
                }
            }
            assertThat(colours).hasSizeGreaterThan(10);
        }
        assertThat(picture).as("docs/images/monitoring-report.png; write it with -Dhub.docs.update=true").exists();
    }

    private Map<String, String> share(String role, Map<String, Object> input) {
        var answer = as(role).documentName("shareReport").variable("input", input).execute();
        answer.path("shareReport.errors").entityList(Object.class).hasSize(0);
        @SuppressWarnings("unchecked")
        Map<String, String> link = answer.path("shareReport.link").entity(Map.class).get();
        return link;
    }

    private void shareRefused(String role, Map<String, Object> input, String code, List<String> field) {
        as(role).documentName("shareReport").variable("input", input).execute()
                .path("shareReport.link").valueIsNull()
                .path("shareReport.errors[0].code").entity(String.class).isEqualTo(code)
                .path("shareReport.errors[0].field").entityList(String.class).isEqualTo(field);
    }

    private void reserve(String planId) {
        as("government").documentName("setVisibility").variable("input", Map.of("id", planId, "expectedVersion", 1,
                "visibility", "RESERVED")).execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
    }

    private void assertLinkRefused(String path, HttpStatus status, String code) {
        EntityExchangeResult<byte[]> answer = get(null, path, null);
        assertThat(answer.getStatus()).as(path).isEqualTo(status);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("\"code\":\"" + code + "\"");
    }

    private void assertRefused(String role, String path, HttpStatus status, String code, List<String> field) {
        EntityExchangeResult<byte[]> answer = get(role, path, null);
        assertThat(answer.getStatus()).as(path).isEqualTo(status);
        assertThat(answer.getResponseHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_JSON);
        String body = new String(answer.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body).as(path).contains("\"code\":\"" + code + "\"").doesNotContain(fixture.marker);
        if (field != null) {
            assertThat(body).as(path).contains("\"field\":[\"" + String.join("\",\"", field) + "\"]");
        }
    }
}
