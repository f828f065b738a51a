package org.crmhub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.crmhub.resource.ResourceTotal;
import org.crmhub.task.TaskStatus;
import org.crmhub.testsupport.Bundles;
import org.crmhub.workplan.WorkPlan;
import org.junit.jupiter.api.Test;

/** The document's layout without a server: its words in both languages, escaping, and a PDF that reads back. */
class ReportLayoutTest {

    private static final Pattern HEADING = Pattern.compile("\\b(?:t|text)\\.get\\(\"([a-zA-Z.]+)\"[,)]");

    @Test
    void everyHeadingTheLayoutUsesIsInBothLanguagesAndNoneIsLeftOver() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String file : List.of("ReportDocuments.java", "ReportCharts.java")) {
            Matcher m = HEADING.matcher(Files.readString(Path.of("src/main/java/org/crmhub/report", file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        for (Edition edition : Edition.values()) {
            used.add("edition." + edition.name());
        }
        assertThat(used).hasSizeGreaterThan(40);
        Properties english = Bundles.load("i18n/report.properties");
        Properties spanish = Bundles.load("i18n/report_es.properties");
        assertThat(new TreeSet<>(english.stringPropertyNames())).as("English").isEqualTo(used);
        assertThat(new TreeSet<>(spanish.stringPropertyNames())).as("Spanish").isEqualTo(used);
    }

    private static ReportData data(String planTitle, String taskTitle) {
        WorkPlan plan = new WorkPlan(UUID.randomUUID(), planTitle, null, 2017, "ADOPTED", null, "OPEN", false, 1,
                OffsetDateTime.now(), OffsetDateTime.now());
        MonitoringReport report = new MonitoringReport(plan, null, LocalDate.of(2017, 1, 1), LocalDate.of(2017, 3, 31), 3,
                List.of(new org.crmhub.followup.DecisionImplementation.StatusCount(TaskStatus.DONE, 1),
                        new org.crmhub.followup.DecisionImplementation.StatusCount(TaskStatus.PLANNED, 2)),
                List.of(new MonitoringReport.PartyCount("PPT", 3)), 1, 0, List.of(),
                List.of(new ResourceTotal("FUNDING", "PLEDGED", "USD", new BigDecimal("12345.60"), 2)), List.of(), List.of(), List.of());
        return new ReportData(report, List.of(new ReportData.QuarterCounts(ReportPeriod.parse("2017-Q1"),
                Map.of(TaskStatus.DONE, 1, TaskStatus.PLANNED, 2))),
                List.of(new ReportData.TaskLine(UUID.randomUUID(), taskTitle, TaskStatus.DONE, "PPT", null, "Line & co")), List.of());
    }

    @Test
    void everyTextFromTheDatabaseIsEscaped() {
        String html = ReportDocuments.html(data("Plan <script>alert(1)</script>", "A 'task' & \"more\" >"), Edition.CIVIL_SOCIETY,
                new ReportText(Locale.ENGLISH), Instant.parse("2017-04-01T00:00:00Z"));
        assertThat(html).doesNotContain("<script>").contains("Plan &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("A &#39;task&#39; &amp; &quot;more&quot; &gt;", "Line &amp; co");
        assertThat(ReportDocuments.esc("a\u0000b\u0007c\nd")).isEqualTo("abc\nd");
    }

    @Test
    void thePdfReadsBackInTheRequestedLanguage() throws IOException {
        String html = ReportDocuments.html(data("Plan 2017", "Taller <regional>"), Edition.GOVERNMENT,
                new ReportText(Locale.forLanguageTag("es")), Instant.parse("2017-04-01T00:00:00Z"));
        try (PDDocument pdf = Loader.loadPDF(ReportDocuments.pdf(html))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Informe de seguimiento", "Edición para los gobiernos", "Tareas 3",
                    "Financiamiento Comprometido 2 12.345,60 USD", "Taller <regional>", "Terminada");
        }
    }
}
