package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.FailureInjector;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gmv replay}: the bounded job over JSON Lines files (SPEC §10). */
@Command(
        name = "replay",
        header = "Replay event files through the engine into JSONL outputs.",
        description =
                "Replays JSON Lines event files (.gz read as gzip) through the engine and writes"
                        + " the five outputs as JSONL. Prints progress every few seconds.",
        footer = {
            "",
            "With --inject-failures and no --checkpoint-interval, state is checkpointed every"
                    + " 500ms, so that the failures happen."
        })
public final class ReplayCommand extends Cli.Command {
    @Option(names = "--campaigns", descriptionKey = "gmv.campaigns")
    String campaigns;

    @Option(
            names = "--input",
            required = true,
            description =
                    "An event file, each in event-time order within the bound; repeat for several"
                            + " (one per topic is fine: they are merged by event time).")
    List<String> inputs;

    @Option(names = "--out", required = true, description = "Output directory.")
    String out;

    @Mixin EngineOptions engine;

    /**
     * Longer than the live job's: a heap checkpoint of a million streamers every 10 s nearly
     * doubled the CPU of a replay, and a failed replay only redoes the minute since.
     */
    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1min",
            description =
                    "How often state is checkpointed while the files are read (each checkpoint"
                            + " copies the whole heap state). Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Where checkpoints go. Default: a temporary directory, removed at the end.")
    String checkpointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            defaultValue = ReplaySettings.DEFAULT_STATE_BACKEND,
            description =
                    "hashmap: state on the JVM heap, fastest while it fits; rocksdb: state on local"
                            + " disk, for a backfill whose state outgrows the heap. Default:"
                            + " ${DEFAULT-VALUE}.")
    String stateBackend;

    @Option(
            names = "--restart-attempts",
            description =
                    "Restarts in a row before the job gives up with one line. Default: "
                            + ReplaySettings.DEFAULT_RESTART_ATTEMPTS
                            + ", plus one per injected failure.")
    Integer restartAttempts;

    @Option(names = "--inject-failures", descriptionKey = "gmv.inject-failures")
    int injectFailures;

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
        CampaignPlan plan = Flags.campaigns(campaigns);
        List<Path> files = Flags.inputFiles(inputs);
        Path outDir = Flags.outputDir("--out", out);
        Path checkpoints =
                checkpointDir == null ? null : Flags.outputDir("--checkpoint-dir", checkpointDir);
        Duration interval =
                injectFailures > 0
                                && !spec.commandLine()
                                        .getParseResult()
                                        .hasMatchedOption("--checkpoint-interval")
                        ? Duration.ofMillis(500)
                        : checkpointInterval;
        int restarts =
                restartAttempts != null
                        ? restartAttempts
                        : ReplaySettings.DEFAULT_RESTART_ATTEMPTS + injectFailures;

        printLogFile(err);
        err.printf(
                "gmv replay: %d campaign(s), %d input file(s), parallelism %d, %s state ...%n",
                plan.size(), files.size(), engine.parallelism, stateBackend);
        ReplayJob.Result r;
        try {
            r =
                    ReplayJob.run(
                            new ReplaySettings(
                                    plan,
                                    files,
                                    outDir,
                                    engine.parallelism,
                                    engine.maxOutOfOrderness,
                                    engine.maxFutureSkew,
                                    interval,
                                    injectFailures,
                                    checkpoints,
                                    stateBackend,
                                    restarts,
                                    0),
                            err);
        } catch (ReplayJob.Failed e) {
            err.println("gmv replay: " + e.getMessage());
            return 1;
        }
        double seconds = r.millis() / 1000.0;
        stdout.printf(
                "replay: %d records (%d events, %d rejected) -> %d grants, %d settlements, %d progress rows, %d late_event rows; %.1f s, %.0f records/s; outputs in %s%n",
                r.records(),
                r.acceptedEvents(),
                r.rejected(),
                r.rows().get("incentive_grant"),
                r.rows().get("campaign_settlement"),
                r.rows().get("streamer_progress"),
                r.rows().get("late_event"),
                seconds,
                r.records() / Math.max(seconds, 0.001),
                outDir);
        if (injectFailures > 0) {
            stdout.printf(
                    "replay: %d of %d injected failures happened; each restarted from the last checkpoint%n",
                    FailureInjector.INJECTED.get(), injectFailures);
        }
        for (ReplayJob.InputCount in : r.inputs()) {
            if (mostlyRejected(in)) {
                err.printf(
                        "WARNING: %s: %,d of its %,d records were rejected (see rejected_event.jsonl):"
                                + " is it JSON Lines? A compressed file is read as gzip only when"
                                + " its name ends in .gz%n",
                        in.name(), in.rejected(), in.records());
            }
        }
        return 0;
    }

    /** More than half of a file's records rejected: almost surely the wrong file or format. */
    static boolean mostlyRejected(ReplayJob.InputCount in) {
        return in.records() > 0 && in.rejected() * 2 > in.records();
    }
}
