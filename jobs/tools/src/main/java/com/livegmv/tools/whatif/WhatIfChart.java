package com.livegmv.tools.whatif;

import com.livegmv.output.GrantKind;
import com.livegmv.tools.chart.CategoryCharts;
import com.livegmv.tools.whatif.Comparison.CampaignRow;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * The picture of a {@link Comparison}: one row per campaign, with grouped bars of the payout by
 * kind (yuan) and of the streamers per final tier, one bar colour per plan throughout.
 */
public final class WhatIfChart {
    static {
        // Before any AWT class that might touch a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static final String PNG = "whatif.png";

    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    /** Tableau-like colours, one per plan in plan order (cycled past the tenth). */
    private static final Color[] PLAN_COLOURS = {
        new Color(0x4C, 0x78, 0xA8),
        new Color(0xF5, 0x85, 0x18),
        new Color(0x54, 0xA2, 0x4B),
        new Color(0xE4, 0x57, 0x56),
        new Color(0x72, 0xB7, 0xB2),
        new Color(0xB2, 0x79, 0xA2),
        new Color(0xEE, 0xCA, 0x3B),
        new Color(0x9D, 0x75, 0x5D),
        new Color(0xFF, 0x9D, 0xA6),
        new Color(0xBA, 0xB0, 0xAC)
    };

    private WhatIfChart() {}

    /** Writes the chart as a PNG file: two panels per campaign, campaigns one under another. */
    public static Path write(Comparison c, Path file) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();
        for (CampaignRow row : c.campaigns()) {
            charts.add(payouts(c, row));
            charts.add(tiers(c, row));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(
                    charts, c.campaigns().size(), 2, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }

    private static CategoryChart payouts(Comparison c, CampaignRow row) {
        CategoryChart chart = chart(row.id() + ": payout by kind", "", "yuan");
        List<String> kinds = new ArrayList<>();
        for (GrantKind k : GrantKind.values()) {
            kinds.add(k.name());
        }
        kinds.add("net");
        for (int i = 0; i < row.byPlan().size(); i++) {
            CampaignOutcome o = row.byPlan().get(i);
            if (o == null) {
                continue;
            }
            List<Double> yuan = new ArrayList<>();
            for (GrantKind k : GrantKind.values()) {
                yuan.add(o.rewardFen(k) / 100.0);
            }
            yuan.add(o.netFen() / 100.0);
            series(chart, c, i, kinds, yuan);
        }
        return chart;
    }

    /**
     * Tier 0 (most streamers of a festival) is left out: beside it the rewarded tiers would be too
     * short to compare. The table and tiers.csv have it.
     */
    private static CategoryChart tiers(Comparison c, CampaignRow row) {
        CategoryChart chart =
                chart(row.id() + ": streamers per final tier (1 and up)", "final tier", "");
        TreeSet<Integer> levels = new TreeSet<>();
        row.byPlan().stream().filter(o -> o != null).forEach(o -> levels.addAll(o.finalTiers()));
        levels.remove(0);
        List<String> names = levels.stream().map(String::valueOf).toList();
        for (int i = 0; i < row.byPlan().size(); i++) {
            CampaignOutcome o = row.byPlan().get(i);
            if (o == null) {
                continue;
            }
            List<Long> n = levels.stream().map(o::streamersAt).toList();
            series(chart, c, i, names, n);
        }
        return chart;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        return CategoryCharts.of(WIDTH, HEIGHT, title, xTitle, yTitle);
    }

    private static void series(
            CategoryChart chart, Comparison c, int plan, List<String> x, List<? extends Number> y) {
        CategorySeries s = chart.addSeries(c.plans().get(plan).label(), x, y);
        s.setFillColor(PLAN_COLOURS[plan % PLAN_COLOURS.length]);
    }
}
