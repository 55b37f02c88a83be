package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import com.livegmv.tools.generate.GeneratorStats;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gmv generate}: a realistic synthetic festival as a JSON Lines file. */
final class GenerateCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "generate",
                        "Writes a realistic, reproducible event file for the campaigns of a plan.")
                .option("--streamers", "N", "how many streamers (required)")
                .option("--events", "M", "how many lines to write (required)")
                .option("--out", "FILE", "the JSON Lines file to write (required)")
                .option("--seed", "S", "random seed; the same seed gives the same file; default 1")
                .option(
                        "--campaigns",
                        "FILE",
                        "campaign plan the events target; default "
                                + GmvOptions.CAMPAIGNS.defaultValue())
                .option("--malformed", "FRACTION", "share of malformed lines; default 0.005");
    }

    @Override
    public String summary() {
        return "write a realistic synthetic event file";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        int streamers = cl.intValue("--streamers", -1, 1, 100_000_000);
        long events = cl.longValue("--events", -1, 1);
        if (!cl.has("--streamers") || !cl.has("--events")) {
            throw new UsageException(
                    "--streamers and --events are required (see gmv generate --help)");
        }
        Path file = Path.of(cl.require("--out"));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Flags.outputDir("--out", parent.toString());
        }
        long seed = cl.longValue("--seed", 1, Long.MIN_VALUE);
        double malformed;
        try {
            malformed = Double.parseDouble(cl.get("--malformed", "0.005"));
        } catch (NumberFormatException e) {
            throw new UsageException("--malformed must be a fraction like 0.005");
        }
        if (!(malformed >= 0 && malformed < 1)) {
            throw new UsageException("--malformed must be in [0, 1)");
        }
        CampaignPlan plan =
                Flags.campaigns(cl.get("--campaigns", GmvOptions.CAMPAIGNS.defaultValue()));
        long t0 = System.nanoTime();
        GeneratorStats st =
                new EventGenerator(
                                new GeneratorOptions(
                                        streamers,
                                        events,
                                        seed,
                                        CampaignWindow.of(plan),
                                        malformed))
                        .writeTo(file);
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(
                "generate: %d lines (%d orders, %d refunds, %d registrations, %d previews, %d sessions, %d malformed, %d re-deliveries) in %.1f s -> %s (%d MB)%n",
                st.lines(),
                st.orders(),
                st.refunds(),
                st.registrations(),
                st.previews(),
                st.sessions(),
                st.malformed(),
                st.duplicates(),
                s,
                file,
                Files.size(file) >> 20);
        return 0;
    }
}
