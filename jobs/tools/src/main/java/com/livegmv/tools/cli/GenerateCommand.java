package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import com.livegmv.tools.generate.GeneratorStats;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code gmv generate}: a realistic synthetic festival as a JSON Lines file. */
@Command(
        name = "generate",
        header = "Write a realistic synthetic event file.",
        description = "Writes a realistic, reproducible event file for the campaigns of a plan.")
final class GenerateCommand extends Cli.Command {
    GenerateCommand() {
        super("--streamers --events --out [--seed=1] [--campaigns] [--malformed=0.005]");
    }

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        Path file = value("--out");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Flags.outputDir("--out", parent.toString());
        }
        CampaignPlan plan = Flags.campaigns(value("--campaigns"));
        long t0 = System.nanoTime();
        GeneratorStats st =
                new EventGenerator(
                                new GeneratorOptions(
                                        value("--streamers"),
                                        value("--events"),
                                        value("--seed"),
                                        CampaignWindow.of(plan),
                                        value("--malformed")))
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
