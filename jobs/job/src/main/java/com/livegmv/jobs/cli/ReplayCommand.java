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
    /**
     * Its --checkpoint-interval is longer than the live job's: a heap checkpoint of a million
     * streamers every 10 s nearly doubled the CPU of a replay, and a failed replay only redoes the
     * minute since.
     */
    public ReplayCommand() {
        super(
                "[--campaigns] --input... --out [--parallelism] [--max-out-of-orderness]"
                        + " [--max-future-skew] [--checkpoint-interval=1min] [--checkpoint-dir]"
                        + " [--state-backend="
                        + ReplaySettings.DEFAULT_STATE_BACKEND
                        + "] [--restart-attempts] [--inject-failures]");
    }

    @Mixin EngineOptions engine;

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
        CampaignPlan plan = Flags.campaigns(value("--campaigns"));
        List<Path> files = Flags.inputFiles(value("--input"));
        Path outDir = Flags.outputDir("--out", value("--out"));
        String checkpointDir = value("--checkpoint-dir");
        Path checkpoints =
                checkpointDir == null ? null : Flags.outputDir("--checkpoint-dir", checkpointDir);
        int injectFailures = value("--inject-failures");
        Integer restartAttempts = value("--restart-attempts");
        String stateBackend = value("--state-backend");
        Duration interval =
                injectFailures > 0
                                && !spec.commandLine()
                                        .getParseResult()
                                        .hasMatchedOption("--checkpoint-interval")
                        ? Duration.ofMillis(500)
                        : value("--checkpoint-interval");
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
