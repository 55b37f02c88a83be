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
    /**
     * Longer than the live job's: a heap checkpoint of a million streamers every 10 s nearly
     * doubled the CPU of a replay, and a failed replay only redoes the minute since.
     */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

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
                        "--checkpoint-interval",
                        "DURATION",
                        "how often state is checkpointed while the files are read; default "
                                + "1min (500ms with --inject-failures): each checkpoint copies the"
                                + " whole heap state, which costs a large backfill CPU")
                .option(
                        "--checkpoint-dir",
                        "DIR",
                        "where checkpoints go; default a temporary directory, removed at the end")
                .option(
                        "--state-backend",
                        "NAME",
                        "hashmap (default): state on the JVM heap, fastest while it fits; rocksdb:"
                                + " state on local disk, for a backfill whose state outgrows the"
                                + " heap (millions of streamers; see README)")
                .option(
                        "--restart-attempts",
                        "N",
                        "restarts in a row before the job gives up with one line; default "
                                + ReplaySettings.DEFAULT_RESTART_ATTEMPTS
                                + ", plus one per injected failure (the count resets after 10"
                                + " minutes without a failure)")
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
        List<Path> inputs = Flags.inputFiles(cl.all("--input"));
        Path outDir = Flags.outputDir("--out", cl.require("--out"));
        int parallelism =
                cl.intValue("--parallelism", GmvOptions.PARALLELISM.defaultValue(), 1, 256);
        Duration ooo =
                cl.has("--max-out-of-orderness")
                        ? Flags.duration("--max-out-of-orderness", cl.get("--max-out-of-orderness"))
                        : GmvOptions.MAX_OUT_OF_ORDERNESS.defaultValue();
        int failures = cl.intValue("--inject-failures", 0, 0, 100);
        Duration interval =
                cl.has("--checkpoint-interval")
                        ? Flags.duration("--checkpoint-interval", cl.get("--checkpoint-interval"))
                        : failures > 0 ? Duration.ofMillis(500) : DEFAULT_CHECKPOINT_INTERVAL;
        if (interval.toMillis() < 10) {
            throw new UsageException("--checkpoint-interval must be at least 10ms");
        }
        Path checkpointDir =
                cl.has("--checkpoint-dir")
                        ? Flags.outputDir("--checkpoint-dir", cl.get("--checkpoint-dir"))
                        : null;
        String backend = cl.get("--state-backend", ReplaySettings.DEFAULT_STATE_BACKEND);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new UsageException("--state-backend must be hashmap or rocksdb, got " + backend);
        }
        int restarts =
                cl.intValue(
                        "--restart-attempts",
                        ReplaySettings.DEFAULT_RESTART_ATTEMPTS + failures,
                        0,
                        200);

        err.printf(
                "gmv replay: %d campaign(s), %d input file(s), parallelism %d, %s state ...%n",
                plan.size(), inputs.size(), parallelism, backend);
        ReplayJob.Result r;
        try {
            r =
                    ReplayJob.run(
                            new ReplaySettings(
                                    plan,
                                    inputs,
                                    outDir,
                                    parallelism,
                                    ooo,
                                    interval,
                                    failures,
                                    checkpointDir,
                                    backend,
                                    restarts,
                                    0),
                            err);
        } catch (ReplayJob.Failed e) {
            err.println("gmv replay: " + e.getMessage());
            return 1;
        }
        double seconds = r.millis() / 1000.0;
        out.printf(
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
        if (failures > 0) {
            out.printf(
                    "replay: %d of %d injected failures happened; each restarted from the last checkpoint%n",
                    FailureInjector.INJECTED.get(), failures);
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
