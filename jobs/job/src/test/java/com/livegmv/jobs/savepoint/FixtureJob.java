package com.livegmv.jobs.savepoint;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.ParsedRecord;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The small job behind the committed savepoint of state format v1: {@link LinesSource} over a
 * committed event file, the real topology ({@link GmvTopology#build}, replay's progress mode), and
 * sinks that collect the five outputs in this JVM. Heap state, engine parallelism 2.
 */
final class FixtureJob {
    static final Path DIR = Path.of("src/test/resources/savepoints/v1");
    static final int PARALLELISM = 2;

    /**
     * A wide out-of-orderness bound, so that the events of the last hours before the savepoint
     * still wait for the watermark in it (the input's own disorder is under 2 s).
     */
    static final Duration BOUND = Duration.ofHours(6);

    /** Rows by table, collected by the sinks of the running job. */
    static final Map<String, Queue<String>> ROWS = new ConcurrentHashMap<>();

    private FixtureJob() {}

    /**
     * @param pauseBefore stop reading before this 1-based line and stay open, or 0
     * @param savepoint restore from this savepoint, or null
     * @param backend "hashmap" or "rocksdb"
     */
    static StreamExecutionEnvironment build(
            CampaignPlan plan, Path events, int pauseBefore, Path savepoint, String backend) {
        Configuration conf = JobSetup.base(PARALLELISM, Duration.ofHours(1));
        JobSetup.stateBackend(conf, backend);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DataStream<ParsedRecord> records =
                env.fromSource(
                                new LinesSource(events, pauseBefore),
                                GmvTopology.watermarks(BOUND, null, false),
                                "Fixture events")
                        .uid("fixture-source")
                        .setParallelism(1);
        GmvTopology.Outputs out = GmvTopology.build(records, plan, false);
        collect(out.grants(), Tables.INCENTIVE_GRANT);
        collect(out.settlements(), Tables.CAMPAIGN_SETTLEMENT);
        collect(out.progress(), Tables.STREAMER_PROGRESS);
        collect(out.rejected(), Tables.REJECTED_EVENT);
        collect(out.late(), Tables.LATE_EVENT);
        ROWS.clear();
        LinesSource.PAUSED.set(false);
        return env;
    }

    private static <T> void collect(DataStream<T> rows, Table<T> table) {
        rows.sinkTo(new Collecting<T>(table.name()))
                .uid("collect-" + table.name())
                .name(table.name() + " (collect)");
    }

    /** Writes what the sinks collected as SPEC §10 files, one per table. */
    static void writeRows(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Table<?> table : Tables.ALL) {
            List<String> rows =
                    new ArrayList<>(ROWS.getOrDefault(table.name(), new ConcurrentLinkedQueue<>()));
            rows.sort(null);
            Files.write(dir.resolve(table.name() + ".jsonl"), rows);
        }
    }

    /** Collects rows as their table's JSON; the table by name, as lambdas do not serialize. */
    static final class Collecting<T> implements Sink<T> {
        private final String table;

        Collecting(String table) {
            this.table = table;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            Queue<String> rows = ROWS.computeIfAbsent(table, t -> new ConcurrentLinkedQueue<>());
            Table<T> definition = Tables.named(table);
            return new SinkWriter<>() {
                @Override
                public void write(T row, Context ctx) {
                    rows.add(definition.toJson(row));
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
