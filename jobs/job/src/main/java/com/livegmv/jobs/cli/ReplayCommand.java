package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.FailureInjector;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code gmv replay}: the bounded job over JSON Lines files (SPEC §10). */
public final class ReplayCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "replay",
                        "Replays JSON Lines event files through the engine and writes the five outputs as JSONL.")
                .option(
                        "--campaigns",
                        "FILE",
                        "campaign plan (YAML); default " + GmvOptions.CAMPAIGNS.defaultValue())
                .repeatable("--input", "FILE.jsonl", "an event file; repeat for several (required)")
                .option("--out", "DIR", "output directory (required)")
                .option("--parallelism", "N", "parallelism of every operator; default 2")
                .option(
                        "--max-out-of-orderness",
                        "DURATION",
                        "watermark bound, like 2s or 500ms; default 2s")
                .option(
                        "--max-future-skew",
                        "DURATION",
                        "reject events more than this ahead of this machine's clock; at least 1s;"
                                + " default 1h")
                .option(
                        "--checkpoint-interval",
                        "DURATION",
                        "how often state is checkpointed; default 10s (500ms with --inject-failures)")
                .option(
                        "--inject-failures",
                        "N",
                        "fail on purpose N times, each after a checkpoint, and recover; the"
                                + " outputs must not change");
    }

    @Override
    public String summary() {
        return "replay event files through the engine into JSONL outputs";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        CampaignPlan plan =
                Flags.campaigns(cl.get("--campaigns", GmvOptions.CAMPAIGNS.defaultValue()));
        if (cl.all("--input").isEmpty()) {
            throw new UsageException("--input is required (see gmv replay --help)");
        }
        List<Path> inputs = cl.all("--input").stream().map(Flags::inputFile).toList();
        Path outDir = Flags.outputDir("--out", cl.require("--out"));
        int parallelism =
                cl.intValue("--parallelism", GmvOptions.PARALLELISM.defaultValue(), 1, 256);
        Duration ooo =
                cl.has("--max-out-of-orderness")
                        ? Flags.duration("--max-out-of-orderness", cl.get("--max-out-of-orderness"))
                        : GmvOptions.MAX_OUT_OF_ORDERNESS.defaultValue();
        Duration skew =
                Flags.maxFutureSkew(
                        cl.has("--max-future-skew")
                                ? Flags.duration("--max-future-skew", cl.get("--max-future-skew"))
                                : GmvOptions.MAX_FUTURE_SKEW.defaultValue());
        int failures = cl.intValue("--inject-failures", 0, 0, 100);
        Duration interval =
                cl.has("--checkpoint-interval")
                        ? Flags.duration("--checkpoint-interval", cl.get("--checkpoint-interval"))
                        : failures > 0
                                ? Duration.ofMillis(500)
                                : GmvOptions.CHECKPOINT_INTERVAL.defaultValue();
        if (interval.toMillis() < 10) {
            throw new UsageException("--checkpoint-interval must be at least 10ms");
        }

        err.printf(
                "gmv replay: %d campaign(s), %d input file(s), parallelism %d ...%n",
                plan.size(), inputs.size(), parallelism);
        ReplayJob.Result r =
                ReplayJob.run(
                        new ReplaySettings(
                                plan, inputs, outDir, parallelism, ooo, interval, failures, skew));
        long rejected = r.rows().get("rejected_event");
        // Counted from the input: the job's own counter restarts with each injected failure.
        long records = 0;
        for (Path in : inputs) {
            records += nonBlankLines(in);
        }
        double seconds = r.millis() / 1000.0;
        out.printf(
                "replay: %d records (%d events, %d rejected) -> %d grants, %d settlements, %d progress rows, %d late_event rows; %.1f s, %.0f records/s; outputs in %s%n",
                records,
                records - rejected,
                rejected,
                r.rows().get("incentive_grant"),
                r.rows().get("campaign_settlement"),
                r.rows().get("streamer_progress"),
                r.rows().get("late_event"),
                seconds,
                records / Math.max(seconds, 0.001),
                outDir);
        if (failures > 0) {
            out.printf(
                    "replay: %d of %d injected failures happened; each restarted from the last checkpoint%n",
                    FailureInjector.INJECTED.get(), failures);
        }
        return 0;
    }

    /**
     * Lines with anything but spaces and tabs: the records of a JSON Lines file, as the reader
     * counts them ({@code RecordDecoder.isBlank}: a {@code \r} not right before the {@code \n} is
     * part of the record).
     */
    public static long nonBlankLines(Path file) throws java.io.IOException {
        long n = 0;
        boolean content = false;
        boolean cr = false; // the byte before was a \r: content unless this one is the \n
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        n += content ? 1 : 0;
                        content = false;
                    } else {
                        content |= cr || (b != ' ' && b != '\t' && b != '\r');
                    }
                    cr = b == '\r';
                }
            }
        }
        return n + (content || cr ? 1 : 0);
    }
}
