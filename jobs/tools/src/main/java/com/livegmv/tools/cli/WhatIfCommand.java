package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.tools.whatif.WhatIf;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gmv whatif}: the same events under two or more campaign plans, side by side. */
@Command(
        name = "whatif",
        header = "Compare campaign plans on the same events (payouts, tiers).",
        description =
                "Replays the same events under each campaign plan and reports the plans side by"
                        + " side: payouts by kind and tier, streamers per final tier, payout per"
                        + " 10,000 yuan of GMV, and the streamers whose final tier differs. Prints a"
                        + " table; writes CSV files, a PNG chart and each plan's replay outputs.")
final class WhatIfCommand extends Cli.Command {
    WhatIfCommand() {
        super("--input... --campaigns... [--out] [--parallelism]");
    }

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
        List<String> planFiles = value("--campaigns");
        List<String> inputs = value("--input");
        String out = value("--out");
        if (planFiles.size() < 2) {
            throw new UsageException(
                    "--campaigns must be given two or more times, one plan each (see gmv whatif"
                            + " --help)");
        }
        List<CampaignPlan> plans = planFiles.stream().map(Flags::campaigns).toList();
        List<Path> files = inputs.stream().map(Flags::inputFile).toList();
        Path outDir = Flags.outputDir("--out", out != null ? out : newDir());
        printLogFile(err);
        WhatIf.run(
                new WhatIf.Settings(
                        planFiles.stream().map(Path::of).toList(),
                        plans,
                        files,
                        outDir,
                        value("--parallelism")),
                stdout,
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
