package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import com.livegmv.jobs.io.JsonLinesFormat;
import com.livegmv.jobs.io.JsonRowEncoder;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * The bounded job (SPEC §10): JSON Lines files in, the five outputs as JSONL files out. Runs the
 * shared topology; the end of input moves event time to infinity, so every campaign settles.
 *
 * <p>Outputs go through {@link FileSink}, which commits part files only with a completed checkpoint
 * (or the end of input), so a restarted job never leaves a row twice. When the job has finished,
 * the committed parts of each table are joined into {@code DIR/TABLE.jsonl}.
 */
public final class ReplayJob {
    private static final String PARTS = ".parts";

    /** Row counts per table, and how many input records were valid events. */
    public record Result(Map<String, Long> rows, long acceptedEvents, long millis) {}

    private ReplayJob() {}

    public static Result run(ReplaySettings s) throws Exception {
        return run(s, new Configuration());
    }

    /**
     * The job with {@code extra} Flink settings over its own (the benchmark replays with either
     * state backend).
     */
    public static Result run(ReplaySettings s, Configuration extra) throws Exception {
        long started = System.nanoTime();
        Path parts = s.out().resolve(PARTS);
        deleteRecursively(parts);
        Configuration conf = JobSetup.base(s.parallelism(), s.checkpointInterval());
        conf.addAll(extra);
        if (s.injectFailures() > 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                    s.injectFailures() + 3);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(500));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        org.apache.flink.core.fs.Path[] paths =
                s.inputs().stream()
                        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                        .toArray(org.apache.flink.core.fs.Path[]::new);
        DataStream<ParsedRecord> records =
                env.fromSource(
                                FileSource.forBulkFileFormat(
                                                new JsonLinesFormat(
                                                        new RecordDecoder(s.maxFutureSkew())),
                                                paths)
                                        .build(),
                                GmvTopology.watermarks(s.maxOutOfOrderness(), null, false),
                                "Event files")
                        .uid("source-files");
        GmvTopology.Outputs out = GmvTopology.build(records, s.plan(), false, s.injectFailures());
        toFiles(out.grants(), parts, Tables.INCENTIVE_GRANT);
        toFiles(out.settlements(), parts, Tables.CAMPAIGN_SETTLEMENT);
        toFiles(out.progress(), parts, Tables.STREAMER_PROGRESS);
        toFiles(out.rejected(), parts, Tables.REJECTED_EVENT);
        toFiles(out.late(), parts, Tables.LATE_EVENT);

        JobExecutionResult result = env.execute("gmv replay");
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table<?> t : Tables.ALL) {
            rows.put(t.name(), join(parts.resolve(t.name()), s.out().resolve(t.name() + ".jsonl")));
        }
        deleteRecursively(parts);
        Long accepted = result.getAccumulatorResult(GmvTopology.ACCEPTED_EVENTS);
        return new Result(
                rows, accepted == null ? 0 : accepted, (System.nanoTime() - started) / 1_000_000);
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

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> st = Files.walk(dir)) {
            for (Path p : st.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
