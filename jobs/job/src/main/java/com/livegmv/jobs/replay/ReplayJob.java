package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.io.JsonRowEncoder;
import com.livegmv.jobs.io.Trees;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.JobException;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * The bounded job (SPEC §10): JSON Lines files in, the five outputs as JSONL files out. Runs the
 * shared topology on a {@link ReplaySource}; the end of input moves event time to infinity, so
 * every campaign settles.
 *
 * <p>Outputs go through {@link FileSink}, which commits part files only with a completed checkpoint
 * (or the end of input), so a restarted job never leaves a row twice. When the job has finished,
 * the committed parts of each table are joined into {@code DIR/TABLE.jsonl}. Checkpoints go to a
 * directory (a temporary one unless named), never to the JobManager's memory, so state of any size
 * can be checkpointed.
 */
public final class ReplayJob {
    private static final String PARTS = ".parts";

    /** How often a progress line is printed. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** How often each split's watermark is brought up to date. */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(50);

    /** How soon after the end of the input the final checkpoint is taken, at most. */
    static final Duration FINAL_CHECKPOINT_WITHIN = Duration.ofMillis(500);

    /** A run of this long without a failure resets the count of restarts in a row. */
    static final Duration RESTARTS_RESET_AFTER = Duration.ofMinutes(10);

    /** Records of one input file, and how many of them were rejected. */
    public record InputCount(String name, long records, long rejected) {}

    /** Row counts per table, the records of each input, and how long the run took. */
    public record Result(
            Map<String, Long> rows, List<InputCount> inputs, int restarts, long millis) {
        public long records() {
            return inputs.stream().mapToLong(InputCount::records).sum();
        }

        public long rejected() {
            return inputs.stream().mapToLong(InputCount::rejected).sum();
        }

        /** How many records were valid events. */
        public long acceptedEvents() {
            return records() - rejected();
        }
    }

    /** The job failed for good: it restarted as often as allowed, or could not restart. */
    public static final class Failed extends Exception {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ReplayJob() {}

    public static Result run(ReplaySettings s) throws Exception {
        return run(s, null);
    }

    /**
     * @param progress where a progress line goes every few seconds; null: nowhere
     */
    public static Result run(ReplaySettings s, PrintStream progress) throws Exception {
        long started = System.nanoTime();
        RecordDecoder decoder = new RecordDecoder(s.maxFutureSkew());
        SplitPlanner.Plan plan =
                SplitPlanner.plan(s.inputs(), s.parallelism(), s.splitBytes(), decoder);
        Path checkpoints =
                s.checkpointDir() != null
                        ? s.checkpointDir()
                        : Files.createTempDirectory("gmv-replay-checkpoints-");
        try {
            return run(s, plan, decoder, checkpoints, progress, started);
        } finally {
            if (s.checkpointDir() == null) {
                // Best effort: a leftover in the temporary directory must not hide the job's
                // own outcome.
                Trees.deleteBestEffort(checkpoints, 3);
            }
        }
    }

    private static Result run(
            ReplaySettings s,
            SplitPlanner.Plan plan,
            RecordDecoder decoder,
            Path checkpoints,
            PrintStream progress,
            long started)
            throws Exception {
        Path parts = s.out().resolve(PARTS);
        Trees.delete(parts);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration(s, checkpoints));
        List<String> names = plan.files().stream().map(SplitPlanner.InputFile::name).toList();
        DataStream<ParsedRecord> records =
                env.fromSource(
                                new ReplaySource(plan.splits(), s.maxOutOfOrderness(), decoder),
                                ReplaySource.watermarks(s.maxOutOfOrderness(), plan.maxDrift()),
                                "Event files")
                        .uid("source-files")
                        .process(new InputTally(names))
                        .uid("input-tally")
                        .name("Count records per file");
        GmvTopology.Outputs out = GmvTopology.build(records, s.plan(), false, s.injectFailures());
        toFiles(out.grants(), parts, Tables.INCENTIVE_GRANT);
        toFiles(out.settlements(), parts, Tables.CAMPAIGN_SETTLEMENT);
        toFiles(out.progress(), parts, Tables.STREAMER_PROGRESS);
        toFiles(out.rejected(), parts, Tables.REJECTED_EVENT);
        toFiles(out.late(), parts, Tables.LATE_EVENT);

        JobClient job = env.executeAsync("gmv replay");
        Progress watch = new Progress(plan, progress, started, s.restartAttempts());
        JobExecutionResult result = watch.await(job);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table<?> t : Tables.ALL) {
            rows.put(t.name(), join(parts.resolve(t.name()), s.out().resolve(t.name() + ".jsonl")));
        }
        Trees.delete(parts);
        List<InputCount> inputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            inputs.add(
                    new InputCount(
                            names.get(i),
                            counter(result.getAllAccumulatorResults(), InputTally.records(i)),
                            counter(result.getAllAccumulatorResults(), InputTally.rejected(i))));
        }
        Integer attempt = result.getAccumulatorResult(InputTally.ATTEMPT);
        return new Result(
                rows,
                inputs,
                attempt == null ? 0 : attempt,
                (System.nanoTime() - started) / 1_000_000);
    }

    static Configuration configuration(ReplaySettings s, Path checkpoints) {
        Configuration conf = JobSetup.base(s.parallelism(), s.checkpointInterval());
        // The given interval while the files are read; then a short one, so that the final
        // checkpoint (which commits the output files) does not wait a whole interval.
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, s.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                min(s.checkpointInterval(), FINAL_CHECKPOINT_WITHIN));
        JobSetup.stateBackend(conf, s.stateBackend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        // Shorter than the reset below: a checkpoint that keeps timing out is a loop, not progress.
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(5));
        // Events wait in the engine until the watermark passes them: a fresh watermark keeps
        // that buffer small (at 800k events/s, 200 ms is 160k events) at little cost.
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        // The local cluster's RocksDB memory (block cache, write buffers), as in the benchmarks.
        LocalCluster.managedMemory(conf);
        // Accumulators (the progress line) reach the client with each heartbeat.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));

        int attempts = s.restartAttempts();
        if (attempts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            return conf;
        }
        boolean injecting = s.injectFailures() > 0;
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofMillis(injecting ? 200 : 1000));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(injecting ? 2 : 30));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                RESTARTS_RESET_AFTER);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, attempts);
        return conf;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long counter(Map<String, Object> accumulators, String name) {
        Object v = accumulators.get(name);
        return v == null ? 0 : (Long) v;
    }

    /** Waits for the job, printing a progress line every few seconds. */
    private static final class Progress {
        private final SplitPlanner.Plan plan;
        private final PrintStream out;
        private final long started;
        private final int allowedRestarts;
        private long lastEvents;
        private long lastNanos;
        private int attempt;

        Progress(SplitPlanner.Plan plan, PrintStream out, long started, int allowedRestarts) {
            this.plan = plan;
            this.out = out;
            this.started = started;
            this.lastNanos = started;
            this.allowedRestarts = allowedRestarts;
        }

        JobExecutionResult await(JobClient job) throws Exception {
            while (true) {
                try {
                    return job.getJobExecutionResult()
                            .get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    print(job);
                } catch (ExecutionException e) {
                    throw failed(e.getCause());
                }
            }
        }

        private void print(JobClient job) {
            Map<String, Object> acc;
            try {
                acc = job.getAccumulators().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                return; // no figures this time; the job's own result decides
            }
            long records = 0, rejected = 0;
            for (int i = 0; i < plan.files().size(); i++) {
                records += counter(acc, InputTally.records(i));
                rejected += counter(acc, InputTally.rejected(i));
            }
            Object a = acc.get(InputTally.ATTEMPT);
            attempt = Math.max(attempt, a == null ? 0 : (Integer) a);
            if (out == null) {
                return;
            }
            long now = System.nanoTime();
            long events = records - rejected;
            double seconds = (now - lastNanos) / 1e9;
            out.printf(
                    "gmv replay: %,d records read (%d%% of %,d lines), %,.0f events/s, %s%s%n",
                    records,
                    plan.lines() == 0 ? 100 : records * 100 / plan.lines(),
                    plan.lines(),
                    Math.max(0, events - lastEvents) / Math.max(seconds, 0.001),
                    elapsed(now - started),
                    attempt == 0 ? "" : "; restarted " + attempt + " time(s)");
            lastEvents = events;
            lastNanos = now;
        }

        /**
         * One line: how many restarts in a row there were and the root cause. The restart strategy
         * refusing one more means the allowed number in a row were used up.
         */
        private Failed failed(Throwable e) {
            int restarts = attempt;
            Throwable root = e;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof JobException
                        && String.valueOf(t.getMessage()).startsWith("Recovery is suppressed")) {
                    restarts = allowedRestarts;
                }
                root = t;
            }
            String why = root.getClass().getSimpleName() + ": " + root.getMessage();
            return new Failed(
                    "failed after "
                            + restarts
                            + (restarts == 1 ? " restart: " : " restarts: ")
                            + why.replace('\n', ' ').strip(),
                    e);
        }
    }

    static String elapsed(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s < 60 ? s + " s" : String.format("%d min %02d s", s / 60, s % 60);
    }

    private static <T> void toFiles(DataStream<T> rows, Path parts, Table<T> table) {
        FileSink<T> sink =
                FileSink.forRowFormat(
                                new org.apache.flink.core.fs.Path(
                                        parts.resolve(table.name()).toAbsolutePath().toUri()),
                                new JsonRowEncoder<>(table))
                        .withBucketAssigner(new BasePathBucketAssigner<>())
                        .build();
        rows.sinkTo(sink).uid("sink-" + table.name()).name(table.name() + " files");
    }

    /** Concatenates the committed part files (hidden in-progress files excluded). */
    private static long join(Path dir, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        long lines = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            if (Files.isDirectory(dir)) {
                List<Path> files;
                try (Stream<Path> st = Files.walk(dir)) {
                    files =
                            st.filter(Files::isRegularFile)
                                    .filter(p -> !p.getFileName().toString().startsWith("."))
                                    .sorted()
                                    .toList();
                }
                byte[] buf = new byte[1 << 16];
                for (Path f : files) {
                    try (InputStream in = Files.newInputStream(f)) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            out.write(buf, 0, n);
                            for (int i = 0; i < n; i++) {
                                if (buf[i] == '\n') {
                                    lines++;
                                }
                            }
                        }
                    }
                }
            }
        }
        Files.move(
                tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lines;
    }
}
