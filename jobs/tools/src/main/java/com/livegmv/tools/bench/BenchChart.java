package com.livegmv.tools.bench;

import com.livegmv.tools.chart.CategoryCharts;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code bench.png}: the events/s of every case (median and slowest round, so a cold first round
 * shows), and under it the grant visibility of each end-to-end round (p50, p99) against the bound a
 * grant can be held back by the event-time order.
 */
final class BenchChart {
    static {
        // Before any AWT class that might touch a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 1000;
    static final int HEIGHT = 440;

    private static final Color MEDIAN = new Color(0x4C, 0x78, 0xA8);
    private static final Color SLOWEST = new Color(0xA0, 0xBC, 0xD8);
    private static final Color P50 = new Color(0x54, 0xA2, 0x4B);
    private static final Color P99 = new Color(0xE4, 0x57, 0x56);
    private static final Color BOUND = new Color(0x55, 0x55, 0x55);

    /** One case: the median of its rounds and its slowest round, events/s. */
    record Bar(String name, double median, double slowest) {}

    /** One end-to-end round's grant visibility, ms. */
    record Latency(String round, long p50, long p99) {}

    private BenchChart() {}

    /**
     * Writes the PNG: WIDTH x HEIGHT with the throughput panel only, WIDTH x 2*HEIGHT with the
     * latency panel under it when there are end-to-end rounds.
     */
    static void write(Path png, String title, List<Bar> bars, List<Latency> rounds, long boundMs)
            throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        panels.add(throughput(title, bars));
        if (!rounds.isEmpty()) {
            panels.add(latency(rounds, boundMs));
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(panels, panels.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static CategoryChart throughput(String title, List<Bar> bars) {
        CategoryChart chart = chart(title, "events/s (log scale)");
        // Cases differ by 100x (engine-heap against the end-to-end pipelines): a log axis keeps the
        // slow ones readable.
        // (Bars are drawn from the axis minimum, which is 0 unless set.)
        chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(1_000.0);
        List<String> names = bars.stream().map(Bar::name).toList();
        if (names.isEmpty()) {
            chart.addSeries("median of rounds", List.of("(no case)"), List.of(1_000))
                    .setFillColor(MEDIAN);
            return chart;
        }
        chart.addSeries(
                        "median of rounds",
                        names,
                        bars.stream().map(b -> Math.max(1_000, b.median())).toList())
                .setFillColor(MEDIAN);
        chart.addSeries(
                        "slowest round",
                        names,
                        bars.stream().map(b -> Math.max(1_000, b.slowest())).toList())
                .setFillColor(SLOWEST);
        return chart;
    }

    private static CategoryChart latency(List<Latency> rounds, long boundMs) {
        CategoryChart chart =
                chart("Grant visible after the tier-crossing order was produced", "ms");
        List<String> names = rounds.stream().map(Latency::round).toList();
        chart.addSeries("p50", names, rounds.stream().map(Latency::p50).toList()).setFillColor(P50);
        chart.addSeries("p99", names, rounds.stream().map(Latency::p99).toList()).setFillColor(P99);
        var bound =
                chart.addSeries(
                        "out-of-orderness bound + 1 s (" + boundMs + " ms)",
                        names,
                        names.stream().map(n -> boundMs).toList());
        bound.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        bound.setLineColor(BOUND);
        bound.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = CategoryCharts.of(WIDTH, HEIGHT, title, null, yTitle);
        // Seven cases, or six rounds, side by side: long names would run into each other level.
        chart.getStyler().setXAxisLabelRotation(15);
        return chart;
    }
}
