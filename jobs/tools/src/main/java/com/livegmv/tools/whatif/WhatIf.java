package com.livegmv.tools.whatif;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import com.livegmv.output.Tables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gmv whatif}: replays the same events once per plan (the replay job, unchanged, each into
 * its own directory), then reports the plans side by side on the terminal, as CSV and as a chart.
 */
public final class WhatIf {
    /**
     * @param planFiles the campaign files, the baseline first
     * @param plans the plans they hold, already validated
     */
    public record Settings(
            List<Path> planFiles,
            List<CampaignPlan> plans,
            List<Path> inputs,
            Path out,
            int parallelism) {}

    private WhatIf() {}

    public static Comparison run(Settings s, PrintStream out, PrintStream err) throws Exception {
        List<String> labels = labels(s.planFiles());
        List<PlanOutputs> plans = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long accepted = -1;
        long rejected = -1;
        long started = System.nanoTime();
        for (int i = 0; i < labels.size(); i++) {
            Path dir = s.out().resolve(labels.get(i));
            err.printf(
                    "gmv whatif: replaying %s under plan %s (%d of %d) ...%n",
                    s.inputs().size() == 1 ? s.inputs().get(0) : s.inputs().size() + " files",
                    labels.get(i),
                    i + 1,
                    labels.size());
            ReplayJob.Result r =
                    ReplayJob.run(
                            ReplaySettings.of(
                                    s.plans().get(i),
                                    s.inputs(),
                                    dir,
                                    s.parallelism(),
                                    GmvOptions.MAX_OUT_OF_ORDERNESS.defaultValue(),
                                    GmvOptions.CHECKPOINT_INTERVAL.defaultValue(),
                                    0,
                                    0));
            accepted = r.acceptedEvents();
            rejected = r.rows().get(Tables.REJECTED_EVENT.name());
            plans.add(new PlanOutputs(labels.get(i), s.planFiles().get(i), s.plans().get(i), dir));
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "  %s = %s: replayed in %.1f s, outputs in %s",
                            labels.get(i),
                            s.planFiles().get(i),
                            r.millis() / 1000.0,
                            dir));
        }
        Comparison c = Comparison.of(plans);
        List<Path> files = new ArrayList<>(WhatIfReport.writeCsv(c, s.out()));
        files.add(WhatIfChart.write(c, s.out().resolve(WhatIfChart.PNG)));

        out.printf(
                Locale.ROOT,
                "whatif: %d plans over %,d records (%,d events, %,d rejected), parallelism %d; deltas against %s%n",
                plans.size(),
                accepted + rejected,
                accepted,
                rejected,
                s.parallelism(),
                labels.get(0));
        lines.forEach(out::println);
        out.print(WhatIfReport.table(c));
        out.printf(
                Locale.ROOT,
                "%nwhatif: %s in %s; %.1f s in all%n",
                String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()),
                s.out(),
                (System.nanoTime() - started) / 1e9);
        return c;
    }

    /**
     * Each plan's label: its file name without {@code .yaml}, prefixed with its position ({@code
     * 2-campaigns}) where two files share a name.
     */
    static List<String> labels(List<Path> files) {
        List<String> stems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String stem = name.replaceFirst("\\.(yaml|yml)$", "");
            stems.add(stem.isEmpty() ? name : stem);
            seen.merge(stems.get(stems.size() - 1), 1, Integer::sum);
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            String stem = stems.get(i);
            labels.add(seen.get(stem) > 1 ? (i + 1) + "-" + stem : stem);
        }
        return labels;
    }
}
