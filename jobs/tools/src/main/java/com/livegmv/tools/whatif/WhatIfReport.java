package com.livegmv.tools.whatif;

import com.livegmv.output.GrantKind;
import com.livegmv.output.Money;
import com.livegmv.tools.whatif.Comparison.CampaignRow;
import com.livegmv.tools.whatif.Comparison.TierChange;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A {@link Comparison} as a table for the terminal (money in yuan, each plan beside the baseline
 * with its delta) and as CSV files for a spreadsheet (money in whole fen, as the outputs have it).
 */
public final class WhatIfReport {
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String PAYOUTS_CSV = "payouts.csv";
    public static final String TIERS_CSV = "tiers.csv";
    public static final String TIER_CHANGES_CSV = "tier_changes.csv";

    private WhatIfReport() {}

    // ---- terminal

    /** The side-by-side table, one block per campaign. */
    public static String table(Comparison c) {
        List<PlanOutputs> plans = c.plans();
        String base = plans.get(0).label();
        StringBuilder b = new StringBuilder();
        for (CampaignRow row : c.campaigns()) {
            b.append('\n').append(row.id()).append("  ").append(row.name()).append('\n');
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                if (row.byPlan().get(i) == null) {
                    missing.add(plans.get(i).label());
                }
            }
            if (!missing.isEmpty()) {
                b.append("  not in plan ").append(String.join(", ", missing)).append('\n');
            }
            List<String[]> lines = new ArrayList<>();
            List<String> head = new ArrayList<>();
            head.add("");
            plans.forEach(p -> head.add(p.label()));
            for (int i = 1; i < plans.size(); i++) {
                head.add(plans.get(i).label() + " - " + base);
            }
            lines.add(head.toArray(String[]::new));
            lines.add(count(row, "settled streamers", CampaignOutcome::settledStreamers));
            lines.add(count(row, "eligible streamers", CampaignOutcome::eligibleStreamers));
            lines.add(money(row, "settled GMV (yuan)", CampaignOutcome::settledGmvFen));
            for (GrantKind k : GrantKind.values()) {
                lines.add(money(row, k.name() + " (yuan)", o -> o.rewardFen(k)));
            }
            lines.add(money(row, "net payout (yuan)", CampaignOutcome::netFen));
            lines.add(per10k(row));
            for (int tier : union(row, CampaignOutcome::payoutTiers)) {
                lines.add(
                        cells(
                                row,
                                "net, tier " + tier + " (yuan)",
                                o -> o.payoutTiers().contains(tier) ? o.netFen(tier) : null,
                                Money::yuan,
                                d -> signed(d, Money.yuan(d))));
            }
            for (int tier : union(row, CampaignOutcome::finalTiers)) {
                lines.add(
                        cells(
                                row,
                                "streamers at final tier " + tier,
                                o -> o.finalTiers().contains(tier) ? o.streamersAt(tier) : null,
                                WhatIfReport::grouped,
                                d -> signed(d, grouped(d))));
            }
            align(lines, b);
            if (present(row) >= 2) {
                b.append("  final tier differs: ")
                        .append(grouped(row.tierChanges().size()))
                        .append(" streamer(s)")
                        .append(row.tierChanges().isEmpty() ? "" : " (" + TIER_CHANGES_CSV + ")")
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static TreeSet<Integer> union(
            CampaignRow row, Function<CampaignOutcome, Set<Integer>> levels) {
        TreeSet<Integer> all = new TreeSet<>();
        row.byPlan().stream().filter(o -> o != null).forEach(o -> all.addAll(levels.apply(o)));
        return all;
    }

    private static String[] count(
            CampaignRow row, String label, ToLongFunction<CampaignOutcome> f) {
        return cells(
                row,
                label,
                o -> f.applyAsLong(o),
                WhatIfReport::grouped,
                d -> signed(d, grouped(d)));
    }

    private static String[] money(
            CampaignRow row, String label, ToLongFunction<CampaignOutcome> f) {
        return cells(row, label, o -> f.applyAsLong(o), Money::yuan, d -> signed(d, Money.yuan(d)));
    }

    /**
     * One line: the label, the value under each plan ("-" where the plan lacks the campaign or the
     * value), then each plan's delta from the baseline.
     */
    private static String[] cells(
            CampaignRow row,
            String label,
            Function<CampaignOutcome, Long> value,
            Function<Long, String> show,
            Function<Long, String> showDelta) {
        List<CampaignOutcome> byPlan = row.byPlan();
        List<String> cells = new ArrayList<>();
        cells.add(label);
        Long[] v = new Long[byPlan.size()];
        for (int i = 0; i < byPlan.size(); i++) {
            v[i] = byPlan.get(i) == null ? null : value.apply(byPlan.get(i));
            cells.add(v[i] == null ? "-" : show.apply(v[i]));
        }
        for (int i = 1; i < byPlan.size(); i++) {
            cells.add(v[0] == null || v[i] == null ? "-" : showDelta.apply(v[i] - v[0]));
        }
        return cells.toArray(String[]::new);
    }

    private static String[] per10k(CampaignRow row) {
        List<CampaignOutcome> byPlan = row.byPlan();
        List<String> cells = new ArrayList<>();
        cells.add("net per 10,000 yuan GMV (yuan)");
        for (CampaignOutcome o : byPlan) {
            cells.add(o == null ? "-" : decimal(o.payoutPer10kYuan()));
        }
        for (int i = 1; i < byPlan.size(); i++) {
            BigDecimal d =
                    byPlan.get(0) == null || byPlan.get(i) == null
                            ? null
                            : Comparison.per10kYuanDelta(byPlan.get(0), byPlan.get(i));
            cells.add(d == null ? "-" : (d.signum() > 0 ? "+" : "") + decimal(d));
        }
        return cells.toArray(String[]::new);
    }

    private static void align(List<String[]> lines, StringBuilder b) {
        int columns = lines.get(0).length;
        int[] width = new int[columns];
        for (String[] l : lines) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder("  ");
            line.append(l[0]).append(" ".repeat(width[0] - l[0].length()));
            for (int i = 1; i < columns; i++) {
                line.append("  ").append(" ".repeat(width[i] - l[i].length())).append(l[i]);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String signed(long delta, String shown) {
        return delta > 0 ? "+" + shown : shown;
    }

    /** A rounded decimal with thousands separators; "-" for none. */
    static String decimal(BigDecimal d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%,.2f", d);
    }

    // ---- CSV

    /** Writes the four CSV files into {@code dir} and returns their paths. */
    public static List<Path> writeCsv(Comparison c, Path dir) throws IOException {
        List<PlanOutputs> plans = c.plans();
        List<Path> written = new ArrayList<>();

        List<String> summaryHead =
                new ArrayList<>(
                        List.of(
                                "campaign_id",
                                "campaign_name",
                                "plan",
                                "plan_file",
                                "settled_streamers",
                                "eligible_streamers",
                                "settled_gmv_fen"));
        for (GrantKind k : GrantKind.values()) {
            summaryHead.add(k.name().toLowerCase(Locale.ROOT) + "_fen");
        }
        summaryHead.addAll(
                List.of("net_fen", "net_per_10k_yuan_gmv_yuan", "final_tier_differs_streamers"));
        List<List<Object>> summary = new ArrayList<>();
        List<String> payoutsHead = new ArrayList<>(List.of("campaign_id", "plan", "tier"));
        for (GrantKind k : GrantKind.values()) {
            String kind = k.name().toLowerCase(Locale.ROOT);
            payoutsHead.add(kind + "_grants");
            payoutsHead.add(kind + "_fen");
        }
        payoutsHead.add("net_fen");
        List<List<Object>> payouts = new ArrayList<>();
        List<List<Object>> tiers = new ArrayList<>();
        for (CampaignRow row : c.campaigns()) {
            for (int i = 0; i < plans.size(); i++) {
                CampaignOutcome o = row.byPlan().get(i);
                if (o == null) {
                    continue;
                }
                String plan = plans.get(i).label();
                List<Object> s =
                        new ArrayList<>(
                                List.of(
                                        row.id(),
                                        o.campaign().name(),
                                        plan,
                                        plans.get(i).planFile().toString(),
                                        o.settledStreamers(),
                                        o.eligibleStreamers(),
                                        o.settledGmvFen()));
                for (GrantKind k : GrantKind.values()) {
                    s.add(o.rewardFen(k));
                }
                BigDecimal ratio = o.payoutPer10kYuan();
                s.add(o.netFen());
                s.add(ratio == null ? "" : ratio.toPlainString());
                s.add(present(row) >= 2 ? row.tierChanges().size() : "");
                summary.add(s);
                for (int tier : o.payoutTiers()) {
                    List<Object> p = new ArrayList<>(List.of(row.id(), plan, tier));
                    for (GrantKind k : GrantKind.values()) {
                        p.add(o.grants(tier, k));
                        p.add(o.rewardFen(tier, k));
                    }
                    p.add(o.netFen(tier));
                    payouts.add(p);
                }
                for (int tier : o.finalTiers()) {
                    tiers.add(
                            List.of(row.id(), plan, tier, o.streamersAt(tier), o.eligibleAt(tier)));
                }
            }
        }
        written.add(write(dir.resolve(SUMMARY_CSV), summaryHead, summary));
        written.add(write(dir.resolve(PAYOUTS_CSV), payoutsHead, payouts));
        written.add(
                write(
                        dir.resolve(TIERS_CSV),
                        List.of("campaign_id", "plan", "final_tier", "streamers", "eligible"),
                        tiers));

        List<String> changesHead = new ArrayList<>(List.of("campaign_id", "streamer_id"));
        for (String column : List.of("final_tier_", "final_gmv_fen_", "net_fen_")) {
            plans.forEach(p -> changesHead.add(column + p.label()));
        }
        List<List<Object>> changes = new ArrayList<>();
        for (CampaignRow row : c.campaigns()) {
            for (TierChange t : row.tierChanges()) {
                List<Object> r = new ArrayList<>(List.of(row.id(), t.streamerId()));
                t.byPlan().forEach(s -> r.add(s == null ? "" : s.finalTier()));
                t.byPlan().forEach(s -> r.add(s == null ? "" : s.finalGmvFen()));
                t.byPlan().forEach(s -> r.add(s == null ? "" : s.netFen()));
                changes.add(r);
            }
        }
        written.add(write(dir.resolve(TIER_CHANGES_CSV), changesHead, changes));
        return written;
    }

    private static long present(CampaignRow row) {
        return row.byPlan().stream().filter(o -> o != null).count();
    }

    private static Path write(Path file, List<String> head, List<List<Object>> rows)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line(w, head);
            for (List<Object> r : rows) {
                line(w, r);
            }
        }
        return file;
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(csv(String.valueOf(cells.get(i))));
        }
        w.write(b.append('\n').toString());
    }

    /** RFC 4180 quoting: only where a comma, quote or line break needs it. */
    static String csv(String s) {
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
