package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.tools.whatif.WhatIf;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code gmv whatif}: the same events under two or more campaign plans, side by side. */
final class WhatIfCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "whatif",
                        "Replays the same events under each campaign plan and reports the plans side by side: payouts by kind and tier, streamers per final tier, payout per 10,000 yuan of GMV, and the streamers whose final tier differs. Prints a table; writes CSV files, a PNG chart and each plan's replay outputs.")
                .repeatable("--input", "FILE.jsonl", "an event file; repeat for several (required)")
                .repeatable(
                        "--campaigns",
                        "FILE",
                        "a campaign plan (YAML); give two or more, the first is the baseline")
                .option(
                        "--out",
                        "DIR",
                        "where the report goes; default a new directory whatif-DATE-TIME here")
                .option("--parallelism", "N", "parallelism of each replay; default 2");
    }

    @Override
    public String summary() {
        return "compare campaign plans on the same events (payouts, tiers)";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        List<String> planFiles = cl.all("--campaigns");
        if (planFiles.size() < 2) {
            throw new UsageException(
                    "--campaigns must be given two or more times, one plan each (see gmv whatif --help)");
        }
        List<CampaignPlan> plans = planFiles.stream().map(Flags::campaigns).toList();
        if (cl.all("--input").isEmpty()) {
            throw new UsageException("--input is required (see gmv whatif --help)");
        }
        List<Path> inputs = cl.all("--input").stream().map(Flags::inputFile).toList();
        int parallelism =
                cl.intValue("--parallelism", GmvOptions.PARALLELISM.defaultValue(), 1, 256);
        Path outDir = Flags.outputDir("--out", cl.has("--out") ? cl.get("--out") : newDir());
        WhatIf.run(
                new WhatIf.Settings(
                        planFiles.stream().map(Path::of).toList(),
                        plans,
                        inputs,
                        outDir,
                        parallelism),
                out,
                err);
        return 0;
    }

    /** whatif-20241213-093000 in the working directory, or with -2, -3 ... if that exists. */
    private static String newDir() {
        String base =
                "whatif-"
                        + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = base;
        for (int i = 2; Files.exists(Path.of(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
