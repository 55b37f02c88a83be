package com.livegmv.tools.bench;

import com.livegmv.tools.feed.Percentiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The picture of a {@code gmv bench} run: throughput per case on the left, the distribution of
 * grant visibility delays on the right. Java2D only, headless, and deterministic: the same inputs
 * give the same PNG.
 */
public final class BenchChart {
    static {
        // Before any AWT class that might touch a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 1200;
    static final int HEIGHT = 560;

    /** Histogram bins of the latency panel (fewer for a narrow linear range of whole ms). */
    private static final int BINS = 30;

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x5F, 0x63, 0x68);
    private static final Color AXIS = new Color(0x9A, 0x9A, 0x9A);
    private static final Color GRID = new Color(0xE8, 0xE8, 0xE8);
    private static final Color DIVIDER = new Color(0xD5, 0xD5, 0xD5);
    private static final Color BAR = new Color(0x4C, 0x78, 0xA8);
    private static final Color WHISKER = new Color(0x2B, 0x2B, 0x2B);
    private static final Color GOAL = new Color(0xB0, 0x3A, 0x2E);
    private static final Color HIST = new Color(0x9D, 0xC3, 0xE6);
    private static final Color HIST_EDGE = new Color(0x6A, 0x9B, 0xC9);
    private static final Color P50 = new Color(0x1F, 0x4E, 0x79);
    private static final Color P99 = new Color(0xD3, 0x6B, 0x00);
    private static final Color MAX = new Color(0x6C, 0x34, 0x83);
    private static final Color LABEL_BG = new Color(255, 255, 255, 225);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font PANEL = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font VALUE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private static final Stroke THIN = new BasicStroke(1f);
    private static final Stroke MARKER = new BasicStroke(2f);
    private static final Stroke DASHED =
            new BasicStroke(
                    2f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f);

    private BenchChart() {}

    /**
     * One bar: a case name and its median events/s, plus optional min and max across rounds (NaN if
     * unknown) drawn as a whisker.
     */
    public record Bar(String name, double eventsPerSecond, double min, double max) {
        public Bar {
            Objects.requireNonNull(name, "name");
        }

        /** A bar without a whisker. */
        public static Bar of(String name, double eventsPerSecond) {
            return new Bar(name, eventsPerSecond, Double.NaN, Double.NaN);
        }
    }

    /**
     * Writes a PNG of {@link #WIDTH}x{@link #HEIGHT} with two panels side by side.
     *
     * <p>Left: a horizontal bar chart of events/s per case, each bar labelled with its value ("1.23
     * M/s", "456 k/s"), the min-max across rounds as a whisker, and a dashed goal line for the
     * cases in {@code goals} (case name to goal events/s).
     *
     * <p>Right: a histogram of {@code latenciesMs} (grant visibility delays in ms, any order, may
     * be empty) on a log x axis when the tail is long and a linear one otherwise, with markers for
     * p50, p99 (nearest rank) and max, and a dashed line at {@code boundMs} ("goal p99 <= X ms")
     * when it is positive.
     *
     * @param title the line at the top, e.g. "gmv bench: 1,000,000 events, 2 cores, 2026-11-25"
     */
    public static void write(
            Path png,
            String title,
            List<Bar> bars,
            Map<String, Double> goals,
            long[] latenciesMs,
            long boundMs)
            throws IOException {
        Objects.requireNonNull(png, "png");
        BufferedImage image =
                render(
                        title == null ? "" : title,
                        bars == null ? List.of() : bars,
                        goals == null ? Map.of() : goals,
                        latenciesMs == null ? new long[0] : latenciesMs,
                        boundMs);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** Events per second to three significant figures: "1.23 M/s", "45.6 k/s", "456 k/s". */
    static String formatRate(double eventsPerSecond) {
        double v = eventsPerSecond;
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 999.5e6) {
            return threeFigures(v / 1e9) + " G/s";
        }
        if (Math.abs(v) >= 999.5e3) {
            return threeFigures(v / 1e6) + " M/s";
        }
        if (Math.abs(v) >= 999.5) {
            return threeFigures(v / 1e3) + " k/s";
        }
        return String.format(Locale.ROOT, "%.0f /s", v);
    }

    private static String threeFigures(double v) {
        double a = Math.abs(v);
        String pattern = a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    static BufferedImage render(
            String title,
            List<Bar> bars,
            Map<String, Double> goals,
            long[] latenciesMs,
            long boundMs) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_FRACTIONALMETRICS,
                    RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            drawTitle(g, title);
            g.setColor(DIVIDER);
            g.setStroke(THIN);
            g.draw(new Line2D.Double(WIDTH / 2.0, 62, WIDTH / 2.0, HEIGHT - 16));

            int top = 56;
            drawThroughput(g, new Rectangle(0, top, WIDTH / 2, HEIGHT - top), bars, goals);
            drawLatency(
                    g,
                    new Rectangle(WIDTH / 2, top, WIDTH / 2, HEIGHT - top),
                    latenciesMs,
                    boundMs);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawTitle(Graphics2D g, String title) {
        Font font = TITLE;
        while (font.getSize2D() > 12 && g.getFontMetrics(font).stringWidth(title) > WIDTH - 40) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        g.setFont(font);
        g.setColor(INK);
        text(g, title, WIDTH / 2.0, 34, Align.CENTER);
    }

    // ---------------------------------------------------------------------------------------------
    // Left panel: events/s per case.

    private static void drawThroughput(
            Graphics2D g, Rectangle p, List<Bar> bars, Map<String, Double> goals) {
        g.setFont(PANEL);
        g.setColor(INK);
        text(g, "Throughput per case (median of rounds)", p.x + 20, p.y + 22, Align.LEFT);

        double plotTop = p.y + 62;
        double plotBottom = p.y + p.height - 62;
        if (bars.isEmpty()) {
            emptyPanel(g, p.x + 20, plotTop, p.x + p.width - 24, plotBottom, "no cases", null);
            return;
        }

        g.setFont(LABEL);
        FontMetrics lm = g.getFontMetrics();
        int maxLabel = 170;
        int labelWidth = 0;
        List<String> names = new ArrayList<>();
        for (Bar bar : bars) {
            String name = ellipsize(lm, bar.name(), maxLabel);
            names.add(name);
            labelWidth = Math.max(labelWidth, lm.stringWidth(name));
        }
        double left = p.x + 20 + labelWidth + 10;
        double right = p.x + p.width - 28;

        boolean anyWhisker = false;
        boolean anyGoal = false;
        double top = 0;
        for (Bar bar : bars) {
            top = Math.max(top, finiteOr(bar.eventsPerSecond(), 0));
            top = Math.max(top, finiteOr(bar.max(), 0));
            top = Math.max(top, finiteOr(bar.min(), 0));
            anyWhisker |= Double.isFinite(bar.min()) || Double.isFinite(bar.max());
            Double goal = goals.get(bar.name());
            if (goal != null && Double.isFinite(goal) && goal > 0) {
                anyGoal = true;
                top = Math.max(top, goal);
            }
        }
        if (top <= 0) {
            top = 1;
        }
        // Headroom on the right for the value label of the longest bar.
        double[] ticks = niceTicks(0, top * 1.22, 5, 0);
        double axisMax = ticks[ticks.length - 1];
        Scale x = Scale.linear(0, axisMax, left, right);

        drawThroughputLegend(g, p.x + 20, p.y + 44, anyWhisker, anyGoal);

        // Grid and x axis.
        double unit = axisMax >= 1e9 ? 1e9 : axisMax >= 1e6 ? 1e6 : axisMax >= 1e3 ? 1e3 : 1;
        String unitName = unit == 1e9 ? " G" : unit == 1e6 ? " M" : unit == 1e3 ? " k" : "";
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : axisMax;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step / unit) + 1e-9));
        g.setStroke(THIN);
        g.setFont(SMALL);
        for (double t : ticks) {
            double px = x.apply(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plotTop, px, plotBottom));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(px, plotBottom, px, plotBottom + 4));
            g.setColor(MUTED);
            String label = t == 0 ? "0" : trimZeros(t / unit, decimals) + unitName;
            text(g, label, px, plotBottom + 18, Align.CENTER);
        }
        g.setColor(AXIS);
        g.draw(new Line2D.Double(left, plotBottom, right, plotBottom));
        g.draw(new Line2D.Double(left, plotTop, left, plotBottom));
        g.setColor(MUTED);
        text(g, "events per second", (left + right) / 2, plotBottom + 40, Align.CENTER);

        int n = bars.size();
        double rowHeight = (plotBottom - plotTop) / n;
        double barHeight = clamp(rowHeight * 0.6, 6, 44);
        for (int i = 0; i < n; i++) {
            Bar bar = bars.get(i);
            double cy = plotTop + rowHeight * (i + 0.5);
            double y0 = cy - barHeight / 2;

            g.setFont(LABEL);
            g.setColor(INK);
            textMiddle(g, names.get(i), left - 8, cy, Align.RIGHT);

            double value = Math.max(0, finiteOr(bar.eventsPerSecond(), 0));
            double x1 = x.apply(value);
            g.setColor(BAR);
            g.fill(new Rectangle2D.Double(left, y0, Math.max(0, x1 - left), barHeight));

            double reach = x1;
            if (Double.isFinite(bar.min()) || Double.isFinite(bar.max())) {
                double lo = x.apply(Math.max(0, finiteOr(bar.min(), value)));
                double hi = x.apply(Math.max(0, finiteOr(bar.max(), value)));
                double cap = Math.max(3, barHeight * 0.22);
                g.setColor(WHISKER);
                g.setStroke(new BasicStroke(1.5f));
                g.draw(new Line2D.Double(lo, cy, hi, cy));
                if (Double.isFinite(bar.min())) {
                    g.draw(new Line2D.Double(lo, cy - cap, lo, cy + cap));
                }
                if (Double.isFinite(bar.max())) {
                    g.draw(new Line2D.Double(hi, cy - cap, hi, cy + cap));
                }
                reach = Math.max(reach, hi);
            }

            Double goal = goals.get(bar.name());
            if (goal != null && Double.isFinite(goal) && goal > 0) {
                double gx = x.apply(goal);
                g.setColor(GOAL);
                g.setStroke(DASHED);
                g.draw(new Line2D.Double(gx, y0 - 6, gx, y0 + barHeight + 6));
                g.setFont(SMALL);
                FontMetrics sm = g.getFontMetrics();
                double gap = (rowHeight - barHeight) / 2;
                if (gap >= sm.getAscent() + 7) {
                    String label = "goal " + formatRate(goal);
                    double w = sm.stringWidth(label);
                    double baseline = y0 - 8;
                    boolean fitsRight = gx + 4 + w <= p.x + p.width - 6;
                    text(
                            g,
                            label,
                            fitsRight ? gx + 4 : gx - 4,
                            baseline,
                            fitsRight ? Align.LEFT : Align.RIGHT);
                }
            }

            g.setFont(VALUE);
            FontMetrics vm = g.getFontMetrics();
            String label = formatRate(bar.eventsPerSecond());
            double w = vm.stringWidth(label);
            double lx = reach + 6;
            if (lx + w <= p.x + p.width - 6) {
                labelBox(g, vm, label, lx, cy, INK);
            } else if (x1 - left >= w + 12) {
                g.setColor(Color.WHITE);
                textMiddle(g, label, x1 - 6, cy, Align.RIGHT);
            } else {
                labelBox(g, vm, label, p.x + p.width - 6 - w, cy, INK);
            }
        }
        g.setStroke(THIN);
    }

    private static void drawThroughputLegend(
            Graphics2D g, double x, double baseline, boolean whisker, boolean goal) {
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        double mid = baseline - fm.getAscent() / 2.0 + 1;
        g.setColor(BAR);
        g.fill(new Rectangle2D.Double(x, mid - 5, 18, 10));
        g.setColor(MUTED);
        x += 24;
        String median = "median events/s";
        text(g, median, x, baseline, Align.LEFT);
        x += fm.stringWidth(median) + 18;
        if (whisker) {
            g.setColor(WHISKER);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(x, mid, x + 18, mid));
            g.draw(new Line2D.Double(x, mid - 4, x, mid + 4));
            g.draw(new Line2D.Double(x + 18, mid - 4, x + 18, mid + 4));
            g.setColor(MUTED);
            x += 24;
            String range = "min-max of rounds";
            text(g, range, x, baseline, Align.LEFT);
            x += fm.stringWidth(range) + 18;
        }
        if (goal) {
            g.setColor(GOAL);
            g.setStroke(DASHED);
            g.draw(new Line2D.Double(x + 4, mid - 7, x + 4, mid + 7));
            g.setColor(MUTED);
            text(g, "goal", x + 12, baseline, Align.LEFT);
        }
        g.setStroke(THIN);
    }

    // ---------------------------------------------------------------------------------------------
    // Right panel: the distribution of grant visibility delays.

    private static void drawLatency(Graphics2D g, Rectangle p, long[] latenciesMs, long boundMs) {
        long[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;

        g.setFont(PANEL);
        g.setColor(INK);
        String heading =
                n == 0
                        ? "Grant visibility delay"
                        : String.format(Locale.ROOT, "Grant visibility delay (n = %,d)", n);
        text(g, heading, p.x + 24, p.y + 22, Align.LEFT);

        double left = p.x + 76;
        double right = p.x + p.width - 28;
        double plotTop = p.y + 62;
        double plotBottom = p.y + p.height - 62;
        if (n == 0) {
            String note =
                    boundMs > 0 ? String.format(Locale.ROOT, "goal p99 <= %,d ms", boundMs) : null;
            emptyPanel(g, left, plotTop, right, plotBottom, "no latency samples", note);
            return;
        }

        long p50 = Percentiles.nearestRank(sorted, 50);
        long p99 = Percentiles.nearestRank(sorted, 99);
        long min = sorted[0];
        long max = sorted[n - 1];
        long hiValue = Math.max(max, Math.max(boundMs, 0));

        // Log when a linear axis would squeeze everything up to p99 into its first quarter.
        boolean log =
                hiValue > min
                        && (double) (p99 - min) / (hiValue - min) < 0.25
                        && hiValue / (double) Math.max(1, min) >= 4;

        Scale x;
        double[] xTicks;
        int bins;
        if (log) {
            double lo = floor1235(Math.max(1, min));
            double hi = ceil1235(hiValue);
            x = Scale.log(lo, hi, left, right);
            xTicks = logTicks(x, lo, hi);
            bins = BINS;
        } else {
            double lo = min;
            double hi = hiValue;
            if (hi - lo < 1) {
                lo = Math.max(0, lo - 1);
                hi = hi + 1;
            }
            xTicks = niceTicks(lo, hi, 5, 1);
            x = Scale.linear(xTicks[0], xTicks[xTicks.length - 1], left, right);
            // Whole-ms bins that tile the axis exactly, so integer samples do not alias.
            long range = Math.round(xTicks[xTicks.length - 1] - xTicks[0]);
            long width = Math.max(1, (range + BINS - 1) / BINS);
            while (range % width != 0) {
                width++;
            }
            bins = (int) (range / width);
        }

        long[] counts = new long[bins];
        long maxCount = 0;
        for (long v : sorted) {
            int b = (int) Math.floor(x.fraction(v) * bins);
            b = Math.max(0, Math.min(bins - 1, b));
            maxCount = Math.max(maxCount, ++counts[b]);
        }
        double[] yTicks = niceTicks(0, Math.max(1, maxCount * 1.35), 5, 1);
        Scale y = Scale.linear(0, yTicks[yTicks.length - 1], plotBottom, plotTop);

        // Grid.
        g.setStroke(THIN);
        g.setFont(SMALL);
        for (double t : yTicks) {
            double py = y.apply(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, py, right, py));
            g.setColor(MUTED);
            textMiddle(
                    g, String.format(Locale.ROOT, "%,d", Math.round(t)), left - 8, py, Align.RIGHT);
        }
        for (double t : xTicks) {
            double px = x.apply(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plotTop, px, plotBottom));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(px, plotBottom, px, plotBottom + 4));
            g.setColor(MUTED);
            text(
                    g,
                    String.format(Locale.ROOT, "%,d", Math.round(t)),
                    px,
                    plotBottom + 18,
                    Align.CENTER);
        }

        // Bins.
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double x0 = left + (right - left) * b / bins;
            double x1 = left + (right - left) * (b + 1) / bins;
            double y0 = y.apply(counts[b]);
            Rectangle2D r = new Rectangle2D.Double(x0 + 0.5, y0, x1 - x0 - 1, plotBottom - y0);
            g.setColor(HIST);
            g.fill(r);
            g.setColor(HIST_EDGE);
            g.draw(r);
        }

        g.setColor(AXIS);
        g.draw(new Line2D.Double(left, plotBottom, right, plotBottom));
        g.draw(new Line2D.Double(left, plotTop, left, plotBottom));
        g.setColor(MUTED);
        text(
                g,
                log ? "delay, ms (log scale)" : "delay, ms",
                (left + right) / 2,
                plotBottom + 40,
                Align.CENTER);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, p.x + 22, (plotTop + plotBottom) / 2);
        text(g, "samples per bin", p.x + 22, (plotTop + plotBottom) / 2 + 4, Align.CENTER);
        g.setTransform(saved);

        // Markers: lines first, labels on top of every line.
        List<Marker> markers = new ArrayList<>();
        markers.add(new Marker(String.format(Locale.ROOT, "p50 %,d ms", p50), p50, P50, false));
        markers.add(new Marker(String.format(Locale.ROOT, "p99 %,d ms", p99), p99, P99, false));
        markers.add(new Marker(String.format(Locale.ROOT, "max %,d ms", max), max, MAX, false));
        if (boundMs > 0) {
            markers.add(
                    new Marker(
                            String.format(Locale.ROOT, "goal p99 <= %,d ms", boundMs),
                            boundMs,
                            GOAL,
                            true));
        }
        for (Marker m : markers) {
            double px = clamp(x.apply(m.value()), left, right);
            g.setColor(m.color());
            g.setStroke(m.dashed() ? DASHED : MARKER);
            g.draw(new Line2D.Double(px, plotTop, px, plotBottom));
        }
        g.setStroke(THIN);
        g.setFont(VALUE);
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle2D> placed = new ArrayList<>();
        double rowHeight = fm.getHeight() + 3;
        for (Marker m : markers) {
            double px = clamp(x.apply(m.value()), left, right);
            double w = fm.stringWidth(m.label());
            double lx = px + 5 + w <= right ? px + 5 : px - 5 - w;
            lx = Math.max(left + 2, lx);
            int row = 0;
            Rectangle2D box;
            while (true) {
                double cy = plotTop + 12 + row * rowHeight;
                box = new Rectangle2D.Double(lx - 3, cy - rowHeight / 2, w + 6, rowHeight);
                if (!overlapsAny(box, placed) || row > markers.size()) {
                    break;
                }
                row++;
            }
            placed.add(box);
            labelBox(g, fm, m.label(), lx, box.getCenterY(), m.color());
        }
    }

    private record Marker(String label, double value, Color color, boolean dashed) {}

    private static boolean overlapsAny(Rectangle2D box, List<Rectangle2D> placed) {
        for (Rectangle2D r : placed) {
            if (box.intersects(r.getX() - 4, r.getY(), r.getWidth() + 8, r.getHeight())) {
                return true;
            }
        }
        return false;
    }

    private static void emptyPanel(
            Graphics2D g,
            double left,
            double top,
            double right,
            double bottom,
            String message,
            String note) {
        g.setColor(new Color(0xF7, 0xF7, 0xF7));
        g.fill(new Rectangle2D.Double(left, top, right - left, bottom - top));
        g.setColor(DIVIDER);
        g.setStroke(THIN);
        g.draw(new Rectangle2D.Double(left, top, right - left, bottom - top));
        g.setFont(PANEL);
        g.setColor(MUTED);
        double cy = (top + bottom) / 2;
        textMiddle(g, message, (left + right) / 2, cy, Align.CENTER);
        if (note != null) {
            g.setFont(SMALL);
            textMiddle(g, note, (left + right) / 2, cy + 24, Align.CENTER);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Scales and ticks.

    /** A map from data values to pixels, linear or log10. */
    private record Scale(double lo, double hi, double from, double to, boolean log) {
        static Scale linear(double lo, double hi, double from, double to) {
            return new Scale(lo, hi, from, to, false);
        }

        static Scale log(double lo, double hi, double from, double to) {
            return new Scale(lo, hi, from, to, true);
        }

        /** Where v falls in [lo, hi], 0 to 1 (outside for values out of range). */
        double fraction(double v) {
            if (hi == lo) {
                return 0.5;
            }
            if (log) {
                double lv = Math.log10(Math.max(v, lo));
                return (lv - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            }
            return (v - lo) / (hi - lo);
        }

        double apply(double v) {
            return from + (to - from) * fraction(v);
        }
    }

    /**
     * Round ticks (1, 2 or 5 times a power of ten apart, about target intervals) from at most lo to
     * at least hi.
     */
    static double[] niceTicks(double lo, double hi, int target, double minStep) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * magnitude;
        step = Math.max(step, minStep);
        long first = (long) Math.floor(lo / step + 1e-9);
        long last = (long) Math.ceil(hi / step - 1e-9);
        double[] ticks = new double[(int) (last - first + 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = (first + i) * step;
        }
        return ticks;
    }

    private static final int[] MANTISSAS = {1, 2, 3, 5};

    /** The largest 1, 2, 3 or 5 times a power of ten at most v (v >= 1). */
    static double floor1235(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v) + 1e-12));
        double best = magnitude;
        for (int m : MANTISSAS) {
            if (m * magnitude <= v * (1 + 1e-12)) {
                best = m * magnitude;
            }
        }
        return best;
    }

    /** The smallest 1, 2, 3 or 5 times a power of ten at least v (v >= 1). */
    static double ceil1235(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v) + 1e-12));
        for (int m : MANTISSAS) {
            if (m * magnitude >= v * (1 - 1e-12)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * Ticks of a log axis: 1, 2, 5 times powers of ten over a short range, powers of ten over a
     * long one, always the two ends, none closer than 44 px to the previous.
     */
    private static double[] logTicks(Scale x, double lo, double hi) {
        List<Double> all = new ArrayList<>();
        all.add(lo);
        for (double magnitude = Math.pow(10, Math.floor(Math.log10(lo)));
                magnitude <= hi * 1.000001;
                magnitude *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double t = m * magnitude;
                if (t > lo * 1.000001 && t < hi * 0.999999) {
                    all.add(t);
                }
            }
        }
        all.add(hi);
        if (all.size() > 9) {
            List<Double> decades = new ArrayList<>();
            for (double t : all) {
                double lead = t / Math.pow(10, Math.floor(Math.log10(t) + 1e-12));
                if (t == all.get(0) || t == all.get(all.size() - 1) || Math.abs(lead - 1) < 1e-9) {
                    decades.add(t);
                }
            }
            all = decades;
        }
        List<Double> kept = new ArrayList<>();
        for (double t : all) {
            if (kept.isEmpty() || x.apply(t) - x.apply(kept.get(kept.size() - 1)) >= 44) {
                kept.add(t);
            }
        }
        double last = all.get(all.size() - 1);
        if (kept.get(kept.size() - 1) != last) {
            if (kept.size() > 1) {
                kept.remove(kept.size() - 1);
            }
            kept.add(last);
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Text.

    private enum Align {
        LEFT,
        CENTER,
        RIGHT
    }

    /** Draws s with its baseline at y. */
    private static void text(Graphics2D g, String s, double x, double y, Align align) {
        double w = g.getFontMetrics().getStringBounds(s, g).getWidth();
        double x0 = align == Align.LEFT ? x : align == Align.CENTER ? x - w / 2 : x - w;
        g.drawString(s, (float) x0, (float) y);
    }

    /** Draws s centred vertically on cy. */
    private static void textMiddle(Graphics2D g, String s, double x, double cy, Align align) {
        FontMetrics fm = g.getFontMetrics();
        text(g, s, x, cy + (fm.getAscent() - fm.getDescent()) / 2.0, align);
    }

    /** A label on a white box, left edge at x, centred vertically on cy. */
    private static void labelBox(
            Graphics2D g, FontMetrics fm, String s, double x, double cy, Color color) {
        double w = fm.stringWidth(s);
        double h = fm.getAscent() + fm.getDescent();
        g.setColor(LABEL_BG);
        g.fill(new Rectangle2D.Double(x - 3, cy - h / 2 - 1, w + 6, h + 2));
        g.setColor(color);
        textMiddle(g, s, x, cy, Align.LEFT);
    }

    private static String ellipsize(FontMetrics fm, String s, int maxWidth) {
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && fm.stringWidth(cut + "\u2026") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    private static String trimZeros(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
