package org.crmhub.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import org.crmhub.contribution.Contributions.ContributionTotal;
import org.crmhub.followup.DecisionImplementation.StatusCount;
import org.crmhub.report.MonitoringReport.DecisionReport;
import org.crmhub.report.MonitoringReport.IndicatorReport;
import org.crmhub.report.MonitoringReport.PartyCount;
import org.crmhub.report.MonitoringReport.WorkstreamHealth;
import org.crmhub.resource.ResourceTotal;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lays a report out as an HTML page and as a PDF (openhtmltopdf, from that same page), in one
 * language. Every text from the database is escaped. Drawing the charts and the PDF is CPU work,
 * done on {@link Schedulers#boundedElastic()}, never on an event-loop thread.
 */
@Component
class ReportDocuments {

    static {
        // openhtmltopdf logs every document's progress at INFO through java.util.logging: warnings only
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
    }

    /** The two formats a report is downloaded in. */
    enum Format {
        PDF("application/pdf", "pdf"),
        HTML("text/html;charset=UTF-8", "html");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        static Format ofExtension(String extension) {
            return "html".equals(extension) ? HTML : PDF;
        }
    }

    /** A rendered report: its HTML page and its PDF. */
    record Rendered(byte[] html, byte[] pdf) {
        byte[] in(Format format) {
            return format == Format.PDF ? pdf : html;
        }
    }

    /** One format of a report, laid out off the event loop. */
    Mono<byte[]> render(ReportData data, Edition edition, Locale language, Instant at, Format format) {
        return Mono.fromCallable(() -> {
            String html = html(data, edition, new ReportText(language), at);
            return format == Format.HTML ? html.getBytes(StandardCharsets.UTF_8) : pdf(html);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Both formats (for publishing), laid out off the event loop. */
    Mono<Rendered> renderBoth(ReportData data, Edition edition, Locale language, Instant at) {
        return Mono.fromCallable(() -> {
            String html = html(data, edition, new ReportText(language), at);
            return new Rendered(html.getBytes(StandardCharsets.UTF_8), pdf(html));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> ReportFonts.open(ReportFonts.REGULAR_FILE), ReportFonts.FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> ReportFonts.open(ReportFonts.BOLD_FILE), ReportFonts.FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page (well-formed XHTML, which the PDF renderer requires). */
    static String html(ReportData data, Edition edition, ReportText t, Instant at) {
        MonitoringReport r = data.report();
        StringBuilder h = new StringBuilder(16_384);
        String title = t.get("title") + " – " + r.workPlan().title();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(t.language().getLanguage())
                .append("\"><head><meta charset=\"UTF-8\"/><title>").append(esc(title)).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        h.append("<p class=\"edition\">").append(esc(t.get("edition." + edition.name()))).append("</p>");
        h.append("<h1>").append(esc(t.get("title"))).append("</h1>");
        h.append("<table class=\"meta\">");
        row(h, t.get("plan"), esc(r.workPlan().title()));
        if (r.workstream() != null) {
            row(h, t.get("workstream"), esc(r.workstream().title()));
        }
        row(h, t.get("period"), esc(t.get("periodRange", r.from().toString(), r.to().toString())));
        row(h, t.get("generated"), esc(DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(ZoneOffset.UTC)) + " UTC"));
        h.append("</table>");

        h.append("<h2>").append(esc(t.get("summary"))).append("</h2><table class=\"figures\">");
        row(h, t.get("taskCount"), String.valueOf(r.taskCount()));
        row(h, t.get("completed"), String.valueOf(r.completedInPeriod()));
        row(h, t.get("overdue"), String.valueOf(r.overdueAtEnd()));
        h.append("</table>");

        h.append("<h2>").append(esc(t.get("chart.statusOverQuarters"))).append("</h2>");
        image(h, ReportCharts.statusOverQuarters(data.history(), t), t.get("chart.statusOverQuarters"));
        h.append("<h2>").append(esc(t.get("tasksByStatus"))).append("</h2>");
        table(h, List.of(t.get("status"), t.get("count")), r.tasksByStatus(), (StatusCount s) -> List.of(
                esc(t.label("TaskStatus", s.status().name())), String.valueOf(s.count())), t);
        h.append("<h2>").append(esc(t.get("tasksByParty"))).append("</h2>");
        table(h, List.of(t.get("party"), t.get("count")), r.tasksByParty(), (PartyCount p) -> List.of(
                esc(t.label("Party", p.party())), String.valueOf(p.count())), t);

        h.append("<h2>").append(esc(t.get("resources"))).append("</h2>");
        table(h, List.of(t.get("kind"), t.get("status"), t.get("count"), t.get("amount")), r.resources(), (ResourceTotal x) -> List.of(
                esc(t.label("ResourceKind", x.kind())), esc(t.label("ResourceStatus", x.status())), String.valueOf(x.count()),
                x.currency().isEmpty() ? "–" : esc(t.amount(x.amount()) + " " + x.currency())), t);
        if (!r.resources().isEmpty()) {
            image(h, ReportCharts.resources(r.resources(), t), t.get("chart.resources"));
        }

        h.append("<h2>").append(esc(t.get("indicators"))).append("</h2>");
        table(h, List.of(t.get("indicator"), t.get("unit"), t.get("baseline"), t.get("latest"), t.get("target")), r.indicators(),
                (IndicatorReport i) -> List.of(esc(i.indicator().title()), esc(i.indicator().unit()), esc(t.number(i.baselineValue())),
                        esc(t.number(i.values().stream().map(v -> v.actualValue()).filter(v -> v != null).reduce((a, b) -> b).orElse(null))),
                        esc(t.number(i.targetValue()))), t);
        if (!r.indicators().isEmpty()) {
            image(h, ReportCharts.indicators(r.indicators(), t), t.get("chart.indicators"));
        }

        h.append("<h2>").append(esc(t.get("contributions"))).append("</h2>");
        table(h, List.of(t.get("cycle"), t.get("currency"), t.get("due"), t.get("paid"), t.get("late")), r.contributions(),
                (ContributionTotal c) -> List.of(String.valueOf(c.cycle()), esc(c.currency()), esc(t.amount(c.due())),
                        esc(t.amount(c.paid())), String.valueOf(c.lateCount())), t);

        h.append("<h2>").append(esc(t.get("health"))).append("</h2>");
        table(h, List.of(t.get("workstream"), t.get("health.state"), t.get("reportedTasks")), r.workstreams(),
                (WorkstreamHealth w) -> List.of(esc(w.workstream().title()),
                        w.health() == null ? esc(t.get("noReport")) : esc(t.label("Health", w.health())),
                        String.valueOf(w.reportedTasks())), t);

        h.append("<h2>").append(esc(t.get("decisions"))).append("</h2>");
        table(h, List.of(t.get("decision"), t.get("implementation"), t.get("taskCount")), r.decisions(),
                (DecisionReport d) -> List.of(esc(d.decision().meeting() + " · " + d.decision().number() + ". " + d.decision().title()),
                        esc(t.label("ImplementationStatus", d.implementation().status().name())),
                        String.valueOf(d.implementation().taskCount())), t);

        h.append("<h2>").append(esc(t.get("tasks"))).append("</h2>");
        table(h, List.of(t.get("workstream"), t.get("task"), t.get("status"), t.get("party"), t.get("dueDate")), data.tasks(),
                (ReportData.TaskLine x) -> List.of(esc(x.workstream()), esc(x.title()), esc(t.label("TaskStatus", x.status().name())),
                        esc(t.label("Party", x.responsible())), x.dueDate() == null ? "–" : x.dueDate().toString()), t);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static final String CSS = "@page { size: A4; margin: 16mm 14mm; }"
            + " body { font-family: '" + ReportFonts.FAMILY + "', sans-serif; font-size: 9.5pt; color: #1b1b1b; }"
            + " h1 { font-size: 18pt; margin: 0 0 6pt 0; color: #1f4e79; font-weight: bold; }"
            + " h2 { font-size: 12pt; margin: 12pt 0 4pt 0; color: #1f4e79; font-weight: bold; page-break-after: avoid; }"
            + " table { border-collapse: collapse; width: 100%; margin-bottom: 4pt; }"
            + " th, td { border: 0.5pt solid #bbbbbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }"
            + " th { background: #e8eef5; font-weight: bold; }"
            + " table.meta th, table.figures th { width: 40%; }"
            + " .edition { float: right; font-weight: bold; color: #b03a2e; margin: 0; }"
            + " img { width: 16cm; }"
            + " p.chart { margin: 0; page-break-inside: avoid; }"
            + " p.none { color: #666666; }";

    private static void row(StringBuilder h, String heading, String escapedValue) {
        h.append("<tr><th>").append(esc(heading)).append("</th><td>").append(escapedValue).append("</td></tr>");
    }

    /** A table of escaped cells, or a line saying there is nothing. */
    private static <T> void table(StringBuilder h, List<String> headings, List<T> rows, Function<T, List<String>> cells, ReportText t) {
        if (rows.isEmpty()) {
            h.append("<p class=\"none\">").append(esc(t.get("none"))).append("</p>");
            return;
        }
        h.append("<table><thead><tr>");
        headings.forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (T row : rows) {
            h.append("<tr>");
            cells.apply(row).forEach(cell -> h.append("<td>").append(cell).append("</td>"));
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static void image(StringBuilder h, String dataUri, String alt) {
        h.append("<p class=\"chart\"><img src=\"").append(dataUri).append("\" alt=\"").append(esc(alt)).append("\"/></p>");
    }

    /** Escapes text for XHTML content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters, even escaped
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
