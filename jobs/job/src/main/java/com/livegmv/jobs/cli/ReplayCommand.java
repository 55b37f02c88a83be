package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.FailureInjector;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gmv replay}: the bounded job over JSON Lines files (SPEC §10). */
@Command(
        name = "replay",
        header = "Replay event files through the engine into JSONL outputs.",
        description =
                "Replays JSON Lines event files through the engine and writes the five outputs as"
                        + " JSONL.",
        footer = {
            "",
            "With --inject-failures and no --checkpoint-interval, state is checkpointed every"
                    + " 500ms, so that the failures happen."
        })
public final class ReplayCommand extends Cli.Command {
    @Option(names = "--campaigns", paramLabel = "FILE", descriptionKey = "gmv.campaigns")
    String campaigns;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            required = true,
            description = "An event file; repeat for several.")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    String out;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            descriptionKey = "gmv.parallelism",
            converter = Converters.Parallelism.class)
    int parallelism;

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-out-of-orderness",
            converter = Converters.Interval.class)
    Duration maxOutOfOrderness;

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-future-skew",
            converter = Converters.FutureSkew.class)
    Duration maxFutureSkew;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            descriptionKey = "gmv.checkpoint-interval",
            converter = Converters.CheckpointInterval.class)
    Duration checkpointInterval;

    @Option(
            names = "--inject-failures",
            paramLabel = "N",
            descriptionKey = "gmv.inject-failures",
            converter = Converters.Failures.class)
    int injectFailures;

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
        CampaignPlan plan = Flags.campaigns(campaigns);
        List<Path> files = inputs.stream().map(Flags::inputFile).toList();
        Path outDir = Flags.outputDir("--out", out);
        Duration interval =
                injectFailures > 0
                                && !spec.commandLine()
                                        .getParseResult()
                                        .hasMatchedOption("--checkpoint-interval")
                        ? Duration.ofMillis(500)
                        : checkpointInterval;

        printLogFile(err);
        err.printf(
                "gmv replay: %d campaign(s), %d input file(s), parallelism %d ...%n",
                plan.size(), files.size(), parallelism);
        ReplayJob.Result r =
                ReplayJob.run(
                        new ReplaySettings(
                                plan,
                                files,
                                outDir,
                                parallelism,
                                maxOutOfOrderness,
                                maxFutureSkew,
                                interval,
                                injectFailures));
        long rejected = r.rows().get("rejected_event");
        // Counted from the input: the job's own counter restarts with each injected failure.
        long records = 0;
        for (Path in : files) {
            records += nonBlankLines(in);
        }
        double seconds = r.millis() / 1000.0;
        stdout.printf(
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
        if (injectFailures > 0) {
            stdout.printf(
                    "replay: %d of %d injected failures happened; each restarted from the last checkpoint%n",
                    FailureInjector.INJECTED.get(), injectFailures);
        }
        return 0;
    }

    /**
     * Lines with anything but spaces and tabs: the records of a JSON Lines file, as the reader
     * counts them ({@code RecordDecoder.isBlank}: a {@code \r} not right before the {@code \n} is
     * part of the record).
     */
    public static long nonBlankLines(Path file) throws IOException {
        long n = 0;
        boolean content = false;
        boolean cr = false; // the byte before was a \r: content unless this one is the \n
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
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
