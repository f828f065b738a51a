package org.crmhub.report;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.crmhub.monitoring.IndicatorPeriod;
import org.crmhub.report.MonitoringReport.IndicatorReport;
import org.crmhub.resource.ResourceTotal;
import org.crmhub.task.TaskStatus;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The charts of a report document, drawn on the server with JFreeChart as PNG images (embedded as
 * data URIs, which both the HTML page and the PDF show). Every font is set from the fonts shipped
 * in the jar ({@link ReportFonts}). No title: the document's heading above each says what it shows.
 * CPU work: callers run it off the event loop.
 */
final class ReportCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    private static final StandardChartTheme THEME = theme();
    private static final Color[] PALETTE = {new Color(0x1f4e79), new Color(0x2e8b57), new Color(0xd98c1f),
            new Color(0xb03a2e), new Color(0x6c5b7b), new Color(0x7f8c8d)};

    private ReportCharts() {
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("hub-report");
        theme.setExtraLargeFont(ReportFonts.BOLD.deriveFont(Font.PLAIN, 20f));
        theme.setLargeFont(ReportFonts.BOLD.deriveFont(Font.PLAIN, 15f));
        theme.setRegularFont(ReportFonts.REGULAR.deriveFont(Font.PLAIN, 13f));
        theme.setSmallFont(ReportFonts.REGULAR.deriveFont(Font.PLAIN, 11f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xcccccc));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }

    /** Task counts by status at the end of each quarter (stacked). */
    static String statusOverQuarters(List<ReportData.QuarterCounts> history, ReportText text) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportData.QuarterCounts quarter : history) {
            for (TaskStatus status : TaskStatus.values()) {
                data.addValue(quarter.counts().getOrDefault(status, 0), text.label("TaskStatus", status.name()),
                        quarter.quarter().label());
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, text.get("chart.quarter"),
                text.get("chart.tasks"), data, PlotOrientation.VERTICAL, true, false, false);
        return png(chart, true);
    }

    /** Resource counts by kind (categories) and status (series). */
    static String resources(List<ResourceTotal> totals, ReportText text) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        totals.stream().sorted(Comparator.comparing(ResourceTotal::kind).thenComparing(ResourceTotal::status))
                .forEach(t -> {
                    String series = text.label("ResourceStatus", t.status());
                    String category = text.label("ResourceKind", t.kind());
                    Number before = data.getRowKeys().contains(series) && data.getColumnKeys().contains(category)
                            ? data.getValue(series, category) : null;
                    data.setValue((before == null ? 0 : before.intValue()) + t.count(), series, category);
                });
        JFreeChart chart = ChartFactory.createBarChart(null, text.get("chart.kind"),
                text.get("chart.count"), data, PlotOrientation.VERTICAL, true, false, false);
        return png(chart, true);
    }

    /** Each indicator's baseline, latest actual value and target. */
    static String indicators(List<IndicatorReport> indicators, ReportText text) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int n = 0;
        for (IndicatorReport indicator : indicators) {
            // two indicators may share a title: the category key must stay unique
            String category = (++n) + ". " + shorten(indicator.indicator().title());
            BigDecimal latest = indicator.values().stream().map(IndicatorPeriod::actualValue).filter(v -> v != null)
                    .reduce((a, b) -> b).orElse(null);
            data.addValue(indicator.baselineValue(), text.get("chart.baseline"), category);
            data.addValue(latest, text.get("chart.actual"), category);
            data.addValue(indicator.targetValue(), text.get("chart.target"), category);
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null,
                text.get("chart.value"), data, PlotOrientation.HORIZONTAL, true, false, false);
        return png(chart, false);
    }

    private static String shorten(String title) {
        return title.length() <= 40 ? title : title.substring(0, 39) + "…";
    }

    private static String png(JFreeChart chart, boolean integerAxis) {
        THEME.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        if (integerAxis) {
            ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        CategoryAxis categories = plot.getDomainAxis();
        categories.setMaximumCategoryLabelLines(2);
        if (plot.getOrientation() == PlotOrientation.VERTICAL && plot.getDataset().getColumnCount() > 6) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setMaximumBarWidth(0.08);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
