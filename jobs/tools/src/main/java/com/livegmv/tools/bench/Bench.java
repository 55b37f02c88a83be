package com.livegmv.tools.bench;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.ParsedRecord;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.io.Trees;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import com.livegmv.output.Progress;
import com.livegmv.output.Tables;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code gmv bench}: every case on the same generated events, in one JVM, several rounds each,
 * medians reported. See BENCHMARKS.md for the method.
 */
public final class Bench {
    /** What sets a case apart from the others. */
    private enum Trait {
        /** Runs only when {@code --cases} names it. */
        OPTIONAL,
        /** Reads the in-memory events of {@link MemorySource}. */
        IN_MEMORY,
        /** Reported as a share of engine-heap. */
        SHARE_OF_HEAP
    }

    /** Every case, in the order they run; named as the constant in lower case, with dashes. */
    private enum Case {
        ENGINE_HEAP(Trait.IN_MEMORY),
        ENGINE_ROCKSDB(Trait.IN_MEMORY, Trait.SHARE_OF_HEAP),
        SQL_GROUPBY_ROCKSDB(Trait.IN_MEMORY),
        HOT_KEY(Trait.SHARE_OF_HEAP),
        REPLAY_FILE(Trait.SHARE_OF_HEAP),
        KAFKA_E2E,
        KAFKA_STREAMS_E2E,
        SQL_CUMULATE(Trait.OPTIONAL, Trait.IN_MEMORY),
        REPLAY_SCALE(Trait.OPTIONAL);

        final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');
        private final List<Trait> traits;

        Case(Trait... traits) {
            this.traits = List.of(traits);
        }

        /** Whether {@code name} is a case with this trait. */
        static boolean is(String name, Trait trait) {
            for (Case c : values()) {
                if (c.label.equals(name)) {
                    return c.traits.contains(trait);
                }
            }
            return false;
        }
    }

    /** The cases run by default, in the order they run. */
    public static final List<String> CASES = labels(false);

    /** replay-scale: a festival-sized file, replayed once per state backend. */
    static final int SCALE_STREAMERS = 1_000_000;

    static final long SCALE_EVENTS = 5_000_000;
    static final int SCALE_PARALLELISM = 2;

    public static List<String> allCases() {
        return labels(true);
    }

    private static List<String> labels(boolean withOptional) {
        return Stream.of(Case.values())
                .filter(c -> withOptional || !c.traits.contains(Trait.OPTIONAL))
                .map(c -> c.label)
                .toList();
    }

    /** What to run. */
    public record Settings(
            CampaignPlan plan,
            long events,
            int streamers,
            long seed,
            int rounds,
            List<String> cases,
            int parallelism,
            Duration maxOutOfOrderness,
            double e2eRate,
            Duration e2eDuration,
            String e2eStateBackend,
            boolean e2eCapacity,
            int capacityRounds,
            boolean state,
            Path outDir) {}

    /**
     * One round of one case.
     *
     * @param processed input lines that the job accepted or rejected (each line once), or -1 where
     *     the case does not count them
     */
    record Round(
            double seconds,
            double eventsPerSecond,
            double cpuSeconds,
            long peakHeapBytes,
            long processed) {
        Round(double seconds, double eventsPerSecond, double cpuSeconds, long peakHeapBytes) {
            this(seconds, eventsPerSecond, cpuSeconds, peakHeapBytes, -1);
        }

        double perCore() {
            return cpuSeconds > 0 ? eventsPerSecond * seconds / cpuSeconds : 0;
        }

        double cores() {
            return seconds > 0 ? cpuSeconds / seconds : 0;
        }
    }

    /** One replay of the replay-scale file. */
    record ScaleRun(
            String backend,
            long records,
            double seconds,
            long peakHeapBytes,
            long peakRssBytes,
            boolean rssReset) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /** The floor the engine cases are compared with ("vs sql"). */
    private static final String SQL_BASELINE = Case.SQL_GROUPBY_ROCKSDB.label;

    private final Settings s;
    private final PrintStream out;
    private final PrintStream err;
    private final int cores = Runtime.getRuntime().availableProcessors();

    public Bench(Settings s, PrintStream out, PrintStream err) {
        this.s = s;
        this.out = out;
        this.err = err;
    }

    /**
     * Every round is measured, the first (cold: class loading, JIT compilation) included; there are
     * no unmeasured warm-up runs.
     */
    public int run() throws Exception {
        Files.createDirectories(s.outDir());
        Path work = Files.createTempDirectory("gmv-bench");
        Map<String, List<Round>> results = new LinkedHashMap<>();
        Map<String, Long> stateBytes = new LinkedHashMap<>();
        Map<String, Long> statePairs = new LinkedHashMap<>();
        Map<String, KafkaE2e.Result> e2e = new LinkedHashMap<>();
        List<ScaleRun> scale = new ArrayList<>();
        try {
            GeneratorOptions options = options(s.streamers(), s.events());
            List<String> inMemory =
                    s.cases().stream().filter(c -> Case.is(c, Trait.IN_MEMORY)).toList();
            if (!inMemory.isEmpty()) {
                MemoryEvents data = generate("uniform", options, t -> true);
                for (String c : inMemory) {
                    results.put(c, rounds(c, data, work));
                }
                data.release();
            }
            if (s.cases().contains("hot-key")) {
                MemoryEvents hot =
                        generate("hot-key", options.withHotStreamerShare(0.30), t -> true);
                results.put("hot-key", rounds("hot-key", hot, work));
                hot.release();
            }
            if (s.cases().contains("replay-file")) {
                Path file = writeFile(options, work.resolve("replay-file.jsonl"));
                List<Round> rounds = new ArrayList<>();
                for (int r = 1; r <= s.rounds(); r++) {
                    rounds.add(
                            logRound(
                                    "replay-file",
                                    r,
                                    replay(file, "hashmap", s.parallelism(), work).round()));
                }
                results.put("replay-file", rounds);
                Files.delete(file);
            }
            if (s.state()
                    && (s.cases().contains("engine-heap")
                            || s.cases().contains("engine-rocksdb"))) {
                long cutoff = Long.MAX_VALUE;
                for (Campaign c : s.plan().campaigns()) {
                    cutoff = Math.min(cutoff, c.eventEnd());
                }
                long end = cutoff;
                MemoryEvents open = generate("state", options, t -> t < end);
                long heartbeat = end + s.maxOutOfOrderness().toMillis() + 1_000;
                for (String backend : List.of("hashmap", "rocksdb")) {
                    if (!s.cases()
                            .contains(
                                    backend.equals("hashmap") ? "engine-heap" : "engine-rocksdb")) {
                        continue;
                    }
                    long[] measured = stateSize(open, backend, heartbeat, work);
                    stateBytes.put(backend, measured[0]);
                    statePairs.put(backend, measured[1]);
                }
                open.release();
            }
            for (KafkaE2e.Peer peer : KafkaE2e.Peer.values()) {
                if (s.cases().contains(peer.caseName)) {
                    KafkaE2e.Result r = new KafkaE2e(s, peer, work, err).run();
                    e2e.put(peer.caseName, r);
                    results.put(peer.caseName, r.benchRounds());
                }
            }
            if (s.cases().contains("replay-scale")) {
                scale.addAll(replayScale(SCALE_STREAMERS, SCALE_EVENTS, work));
            }
        } finally {
            Trees.deleteBestEffort(work, 3);
        }
        return report(results, stateBytes, statePairs, e2e, scale);
    }

    private GeneratorOptions options(int streamers, long events) {
        return new GeneratorOptions(
                streamers,
                events,
                s.seed(),
                CampaignWindow.of(s.plan()),
                GeneratorOptions.DEFAULT_MALFORMED_FRACTION);
    }

    /** The generated lines as a file, as {@code gmv generate} writes them. */
    private Path writeFile(GeneratorOptions options, Path file) throws IOException {
        long t0 = System.nanoTime();
        long lines = new EventGenerator(options).writeTo(file).lines();
        err.printf(
                Locale.ROOT,
                "gmv bench: wrote %,d lines (%,d MB) to a temporary file in %.1f s%n",
                lines,
                Files.size(file) >> 20,
                (System.nanoTime() - t0) / 1e9);
        return file;
    }

    /** What {@code gmv replay} checkpoints at by default. */
    private static final Duration REPLAY_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

    /** A replay and what it measured. */
    private record Replayed(Round round, double wallSeconds, long records) {}

    /**
     * {@code gmv replay}'s job over file with a state backend, its outputs in a temporary directory
     * (deleted after); the clock is the wall time of {@link ReplayJob#run}.
     */
    private Replayed replay(Path file, String backend, int parallelism, Path work)
            throws Exception {
        Path outputs = Files.createTempDirectory(work, "replay-out");
        long records;
        try (Stream<String> lines = Files.lines(file)) {
            records = lines.count();
        }
        System.gc();
        resetPeakHeap();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        ReplayJob.Result r =
                ReplayJob.run(
                        new ReplaySettings(
                                s.plan(),
                                List.of(file),
                                outputs,
                                parallelism,
                                s.maxOutOfOrderness(),
                                GmvOptions.MAX_FUTURE_SKEW.defaultValue(),
                                REPLAY_CHECKPOINT_INTERVAL,
                                0,
                                null,
                                backend,
                                ReplaySettings.DEFAULT_RESTART_ATTEMPTS,
                                0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        Trees.deleteBestEffort(outputs, 3);
        long processed = r.acceptedEvents() + r.rows().get(Tables.REJECTED_EVENT.name());
        return new Replayed(
                new Round(seconds, records / seconds, cpu, peakHeap(), processed),
                seconds,
                records);
    }

    /**
     * replay-scale: a festival-sized file generated once, replayed with each state backend. VmHWM
     * (the peak resident set) is process-wide: it is reset before each replay where the kernel
     * allows it ({@code /proc/self/clear_refs}), otherwise it is the peak so far.
     */
    List<ScaleRun> replayScale(int streamers, long events, Path work) throws Exception {
        Path file = writeFile(options(streamers, events), work.resolve("replay-scale.jsonl"));
        List<ScaleRun> runs = new ArrayList<>();
        for (String backend : List.of("hashmap", "rocksdb")) {
            boolean reset = resetPeakRss();
            Replayed r = replay(file, backend, SCALE_PARALLELISM, work);
            ScaleRun run =
                    new ScaleRun(
                            backend,
                            r.records(),
                            r.wallSeconds(),
                            r.round().peakHeapBytes(),
                            peakRss(),
                            reset);
            err.printf(
                    Locale.ROOT,
                    "gmv bench: replay-scale (%s, parallelism %d): %,d records in %.1f s = %,.0f records/s, peak heap %,d MB, peak RSS %,d MB%s%n",
                    backend,
                    SCALE_PARALLELISM,
                    run.records(),
                    run.seconds(),
                    run.recordsPerSecond(),
                    run.peakHeapBytes() >> 20,
                    run.peakRssBytes() >> 20,
                    reset ? "" : " (peak of the process so far: it could not be reset)");
            runs.add(run);
        }
        Files.delete(file);
        return runs;
    }

    private MemoryEvents generate(
            String name, GeneratorOptions options, java.util.function.LongPredicate keep) {
        long t0 = System.nanoTime();
        MemoryEvents m = MemoryEvents.generate(name, options, s.parallelism(), keep);
        err.printf(
                Locale.ROOT,
                "gmv bench: generated %,d lines (%,d MB) for %s in %.1f s%n",
                m.lines(),
                m.bytes() >> 20,
                name,
                (System.nanoTime() - t0) / 1e9);
        return m;
    }

    private List<Round> rounds(String name, MemoryEvents data, Path work) throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= s.rounds(); r++) {
            rounds.add(logRound(name, r, once(name, data, work)));
        }
        return rounds;
    }

    private Round logRound(String name, int r, Round round) {
        err.printf(
                Locale.ROOT,
                "gmv bench: %-19s round %d/%d: %,.0f events/s (%.2f s, %.2f cores, peak heap %,d MB)%n",
                name,
                r,
                s.rounds(),
                round.eventsPerSecond(),
                round.seconds(),
                round.cores(),
                round.peakHeapBytes() >> 20);
        return round;
    }

    /** One job over all of {@code data}: from the first line read to the end reaching the sinks. */
    private Round once(String name, MemoryEvents data, Path work) throws Exception {
        String backend = name.endsWith("-rocksdb") ? "rocksdb" : "hashmap";
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(configuration(backend, work));
        DataStream<ParsedRecord> records = source(env, data, Long.MIN_VALUE, false);
        boolean sql = name.startsWith("sql-");
        if (name.equals("sql-cumulate")) {
            SqlCumulate.build(env, records, s.plan());
        } else if (name.equals("sql-groupby-rocksdb")) {
            SqlGroupBy.build(env, records, s.plan());
        } else {
            GmvTopology.Outputs o = GmvTopology.build(records, s.plan(), false);
            discard(o.grants(), Tables.INCENTIVE_GRANT.name());
            discard(o.settlements(), Tables.CAMPAIGN_SETTLEMENT.name());
            discard(o.progress(), Tables.STREAMER_PROGRESS.name());
            discard(o.rejected(), Tables.REJECTED_EVENT.name());
            discard(o.late(), Tables.LATE_EVENT.name());
        }
        MemorySource.resetCounters();
        CountingSink.resetCounters();
        // The engine cases start the clock once the five sinks of every subtask exist.
        MemorySource.awaitWriters = sql ? 0 : 5 * s.parallelism();
        System.gc();
        resetPeakHeap();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("gmv bench " + name);
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        long first = MemorySource.FIRST_EMIT_NANOS.get();
        long last = CountingSink.LAST_END_NANOS.get();
        if (first == 0 || last <= first) {
            first = t0;
            last = t1;
        }
        double seconds = (last - first) / 1e9;
        // CPU over the whole execute() (cluster start included), scaled to the measured span.
        double cpu = (cpu1 - cpu0) / 1e9 * seconds / ((t1 - t0) / 1e9);
        long processed = -1;
        if (!sql) {
            Long accepted = result.getAccumulatorResult(GmvTopology.ACCEPTED_EVENTS);
            processed =
                    (accepted == null ? 0 : accepted)
                            + CountingSink.rows(Tables.REJECTED_EVENT.name());
        }
        return new Round(seconds, data.lines() / seconds, cpu, peakHeap(), processed);
    }

    /**
     * Runs the engine over the events before the first event window ends, moves event time just
     * past them (so nothing is pending and nothing has settled), takes a savepoint and measures it.
     *
     * @return {savepoint bytes, (campaign, streamer) pairs with a progress row}
     */
    private long[] stateSize(MemoryEvents data, String backend, long heartbeat, Path work)
            throws Exception {
        Configuration conf = configuration(backend, work);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        DataStream<ParsedRecord> records = source(env, data, heartbeat, true);
        GmvTopology.Outputs o = GmvTopology.build(records, s.plan(), true);
        discard(o.grants(), Tables.INCENTIVE_GRANT.name());
        discard(o.settlements(), Tables.CAMPAIGN_SETTLEMENT.name());
        o.progress()
                .sinkTo(
                        new CountingSink<Progress>(
                                Tables.STREAMER_PROGRESS.name(),
                                p -> p.campaignId + "\u0000" + p.streamerId))
                .uid("bench-sink-streamer_progress")
                .name("streamer_progress (pairs)");
        discard(o.rejected(), Tables.REJECTED_EVENT.name());
        discard(o.late(), Tables.LATE_EVENT.name());
        MemorySource.resetCounters();
        CountingSink.resetCounters();
        MemorySource.awaitWriters = 0;
        JobClient job = env.executeAsync("gmv bench state " + backend);
        try {
            long target = heartbeat - s.maxOutOfOrderness().toMillis() - 1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (MemorySource.EMITTED.get() < data.lines()
                    || !CountingSink.allReached(5 * s.parallelism(), target)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the state run did not reach the cut-off");
                }
                if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                    throw new IllegalStateException("the state run ended early");
                }
                Thread.sleep(100); // polling a condition of a running job
            }
            Path dir = work.resolve("savepoint-" + backend);
            String path =
                    job.triggerSavepoint(
                                    dir.toUri().toString(),
                                    backend.equals("rocksdb")
                                            ? SavepointFormatType.NATIVE
                                            : SavepointFormatType.CANONICAL)
                            .get(5, TimeUnit.MINUTES);
            long bytes = directorySize(Path.of(java.net.URI.create(path)));
            long pairs = CountingSink.KEYS.size();
            err.printf(
                    Locale.ROOT,
                    "gmv bench: state (%s): %,d bytes in a %s savepoint for %,d (campaign, streamer) pairs = %,d bytes per pair%n",
                    backend,
                    bytes,
                    backend.equals("rocksdb") ? "native" : "canonical",
                    pairs,
                    pairs == 0 ? 0 : bytes / pairs);
            return new long[] {bytes, pairs};
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private Configuration configuration(String backend, Path work) {
        Configuration conf = JobSetup.base(s.parallelism(), Duration.ofSeconds(10));
        JobSetup.stateBackend(conf, backend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                work.resolve("checkpoints").toUri().toString());
        LocalCluster.managedMemory(conf);
        return conf;
    }

    private DataStream<ParsedRecord> source(
            StreamExecutionEnvironment env, MemoryEvents data, long heartbeat, boolean holdOpen) {
        return env.fromSource(
                        new MemorySource(data, heartbeat, holdOpen),
                        GmvTopology.watermarks(s.maxOutOfOrderness(), null, false),
                        "In-memory events")
                .uid("bench-source");
    }

    private static <T> void discard(DataStream<T> rows, String table) {
        rows.sinkTo(new CountingSink<T>(table, null))
                .uid("bench-sink-" + table)
                .name(table + " (discard)");
    }

    // ---- report ----------------------------------------------------------------------------

    private int report(
            Map<String, List<Round>> results,
            Map<String, Long> stateBytes,
            Map<String, Long> statePairs,
            Map<String, KafkaE2e.Result> e2e,
            List<ScaleRun> scale)
            throws IOException {
        double sql =
                results.containsKey(SQL_BASELINE)
                        ? median(results.get(SQL_BASELINE), Round::eventsPerSecond)
                        : 0;
        double heap =
                results.containsKey("engine-heap")
                        ? median(results.get("engine-heap"), Round::eventsPerSecond)
                        : 0;
        out.println();
        out.printf(
                Locale.ROOT,
                "gmv bench: %,d events, %d streamers, seed %d, parallelism %d, %d cores, %d round(s), medians%n",
                s.events(),
                s.streamers(),
                s.seed(),
                s.parallelism(),
                cores,
                s.rounds());
        out.printf(
                Locale.ROOT,
                "  %-19s %14s %14s %7s %10s %12s  %s%n",
                "case",
                "events/s",
                "per core",
                "cores",
                "vs sql",
                "peak heap",
                "notes");
        StringBuilder json = new StringBuilder();
        json.append("{\"events\": ").append(s.events());
        json.append(", \"streamers\": ").append(s.streamers());
        json.append(", \"seed\": ").append(s.seed());
        json.append(", \"parallelism\": ").append(s.parallelism());
        json.append(", \"rounds\": ").append(s.rounds());
        json.append(", \"cores\": ").append(cores);
        json.append(", \"cases\": {");
        List<BenchChart.Bar> bars = new ArrayList<>();
        List<BenchChart.Latency> latencies = new ArrayList<>();
        boolean firstCase = true;
        for (Map.Entry<String, List<Round>> e : results.entrySet()) {
            String name = e.getKey();
            List<Round> rs = e.getValue();
            double eps = median(rs, Round::eventsPerSecond);
            double perCore = median(rs, Round::perCore);
            double used = median(rs, Round::cores);
            long peak = (long) median(rs, r -> (double) r.peakHeapBytes());
            String notes = "";
            if (Case.is(name, Trait.SHARE_OF_HEAP) && heap > 0) {
                notes = String.format(Locale.ROOT, "%.0f%% of engine-heap", 100 * eps / heap);
            }
            String backend =
                    name.equals("engine-heap")
                            ? "hashmap"
                            : name.equals("engine-rocksdb") ? "rocksdb" : null;
            long perKey = perKey(stateBytes, statePairs, backend);
            if (perKey > 0) {
                notes +=
                        String.format(
                                Locale.ROOT,
                                "%sstate %,d B/pair",
                                notes.isEmpty() ? "" : "; ",
                                perKey);
            }
            KafkaE2e.Result e2eCase = e2e.get(name);
            if (e2eCase != null) {
                notes =
                        String.format(
                                Locale.ROOT,
                                "offered %,.0f/s held in %d of %d rounds; grant visible p50 %d ms, p99 %d ms (worst round %d ms), max %d ms%s",
                                s.e2eRate(),
                                e2eCase.held(),
                                e2eCase.rounds().size(),
                                e2eCase.p50(),
                                e2eCase.p99(),
                                e2eCase.p99Worst(),
                                e2eCase.max(),
                                s.e2eCapacity()
                                        ? String.format(
                                                Locale.ROOT,
                                                "; capacity %,.0f/s (most of %d rounds per rate)",
                                                e2eCase.capacity(),
                                                s.capacityRounds())
                                        : "");
            }
            out.printf(
                    Locale.ROOT,
                    "  %-19s %,14.0f %,14.0f %7.2f %10s %,9d MB  %s%n",
                    name,
                    eps,
                    perCore,
                    used,
                    sql > 0 && !name.startsWith("sql-") && e2eCase == null
                            ? String.format(Locale.ROOT, "%.2fx", eps / sql)
                            : "",
                    peak >> 20,
                    notes);
            json.append(firstCase ? "" : ", ").append('"').append(name).append("\": {");
            firstCase = false;
            json.append("\"events_per_s\": ").append(Math.round(eps));
            json.append(", \"events_per_s_per_core\": ").append(Math.round(perCore));
            json.append(", \"cores_used\": ").append(round2(used));
            json.append(", \"peak_heap_bytes\": ").append(peak);
            json.append(", \"rounds_events_per_s\": ")
                    .append(
                            Arrays.toString(
                                    rs.stream()
                                            .mapToLong(r -> Math.round(r.eventsPerSecond()))
                                            .toArray()));
            if (sql > 0 && !name.startsWith("sql-") && e2eCase == null) {
                json.append(", \"ratio_to_sql\": ").append(round2(eps / sql));
            }
            if (Case.is(name, Trait.SHARE_OF_HEAP) && heap > 0) {
                json.append(", \"ratio_to_heap\": ").append(round3(eps / heap));
            }
            long processed = rs.stream().mapToLong(Round::processed).min().orElse(-1);
            if (processed >= 0) {
                json.append(", \"events_processed\": ").append(processed);
            }
            if (perKey > 0) {
                json.append(", \"state_bytes\": ").append(stateBytes.get(backend));
                json.append(", \"state_pairs\": ").append(statePairs.get(backend));
                json.append(", \"state_bytes_per_key\": ").append(perKey);
            }
            if (e2eCase != null) {
                json.append(", \"offered_per_s\": ").append(Math.round(s.e2eRate()));
                json.append(", \"achieved_per_s\": ").append(Math.round(e2eCase.achieved()));
                json.append(", \"rounds\": ").append(e2eCase.rounds().size());
                json.append(", \"rounds_held\": ").append(e2eCase.held());
                json.append(", \"held\": ").append(e2eCase.held() == e2eCase.rounds().size());
                json.append(", \"grant_visible_p50_ms\": ").append(e2eCase.p50());
                json.append(", \"grant_visible_p99_ms\": ").append(e2eCase.p99());
                json.append(", \"grant_visible_p99_ms_worst\": ").append(e2eCase.p99Worst());
                json.append(", \"grant_visible_max_ms\": ").append(e2eCase.max());
                json.append(", \"grants_measured\": ").append(e2eCase.grantsMeasured());
                if (s.e2eCapacity()) {
                    json.append(", \"capacity_per_s\": ").append(Math.round(e2eCase.capacity()));
                    json.append(", \"capacity_rounds_per_rate\": ").append(s.capacityRounds());
                    KafkaE2e.Result peer = e2e.get(KafkaE2e.Peer.KAFKA_STREAMS.caseName);
                    if (e2eCase != peer && peer != null && peer.capacity() > 0) {
                        json.append(", \"capacity_ratio_to_kafka_streams\": ")
                                .append(round2(e2eCase.capacity() / peer.capacity()));
                    }
                }
                json.append(", \"bound_ms\": ").append(boundMs());
            }
            json.append('}');
            bars.add(
                    new BenchChart.Bar(
                            name,
                            eps,
                            rs.stream().mapToDouble(Round::eventsPerSecond).min().orElse(0)));
            if (e2eCase != null) {
                for (int r = 0; r < e2eCase.rounds().size(); r++) {
                    KafkaE2e.Once once = e2eCase.rounds().get(r);
                    latencies.add(
                            new BenchChart.Latency(name + " #" + (r + 1), once.p50(), once.p99()));
                }
            }
        }
        if (!scale.isEmpty()) {
            json.append(firstCase ? "" : ", ").append("\"replay-scale\": {");
            out.printf(
                    Locale.ROOT,
                    "  replay-scale: %,d streamers, %,d events, parallelism %d%n",
                    SCALE_STREAMERS,
                    SCALE_EVENTS,
                    SCALE_PARALLELISM);
            for (int i = 0; i < scale.size(); i++) {
                ScaleRun run = scale.get(i);
                String key = run.backend().equals("hashmap") ? "heap" : run.backend();
                out.printf(
                        Locale.ROOT,
                        "    %-8s %8.1f s %,12.0f records/s  peak heap %,d MB  peak RSS %,d MB%s%n",
                        key,
                        run.seconds(),
                        run.recordsPerSecond(),
                        run.peakHeapBytes() >> 20,
                        run.peakRssBytes() >> 20,
                        run.rssReset() ? "" : " (so far)");
                json.append(i == 0 ? "" : ", ").append('"').append(key).append("\": {");
                json.append("\"records\": ").append(run.records());
                json.append(", \"seconds\": ").append(round2(run.seconds()));
                json.append(", \"records_per_s\": ").append(Math.round(run.recordsPerSecond()));
                json.append(", \"peak_heap_bytes\": ").append(run.peakHeapBytes());
                json.append(", \"peak_rss_bytes\": ").append(run.peakRssBytes());
                json.append(", \"peak_rss_reset\": ").append(run.rssReset());
                json.append('}');
            }
            json.append('}');
        }
        json.append('}');
        // The headline figure: the canonical (serialized) size, the same for either backend.
        String headline = stateBytes.containsKey("hashmap") ? "hashmap" : "rocksdb";
        if (perKey(stateBytes, statePairs, headline) > 0) {
            json.append(", \"state_bytes_per_key\": ")
                    .append(perKey(stateBytes, statePairs, headline));
            json.append(", \"state_pairs\": ").append(statePairs.get(headline));
            json.append(", \"state_backend\": \"").append(headline).append('"');
        }
        Path png = s.outDir().resolve("bench.png");
        BenchChart.write(
                png,
                String.format(
                        Locale.ROOT,
                        "gmv bench: %,d events, %d cores, %d round(s), %s",
                        s.events(),
                        cores,
                        s.rounds(),
                        LocalDate.now(ZoneOffset.UTC)),
                bars,
                latencies,
                boundMs());
        json.append(", \"chart\": \"").append(png.toString().replace("\\", "\\\\")).append('"');
        json.append('}');
        out.println("  chart: " + png);
        Files.writeString(s.outDir().resolve("bench.json"), json + "\n");
        out.println(json);
        return 0;
    }

    private static long perKey(Map<String, Long> bytes, Map<String, Long> pairs, String backend) {
        if (backend == null
                || !bytes.containsKey(backend)
                || pairs.getOrDefault(backend, 0L) == 0) {
            return 0;
        }
        return bytes.get(backend) / pairs.get(backend);
    }

    private long boundMs() {
        return KafkaE2e.boundMs(s.maxOutOfOrderness());
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    // ---- measuring -------------------------------------------------------------------------

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    static void resetPeakHeap() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Resets the process's peak resident set (VmHWM); false where the kernel refuses. */
    static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The process's peak resident set (VmHWM of /proc/self/status), or 0 if unknown. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }

    static long directorySize(Path dir) throws IOException {
        try (Stream<Path> st = Files.walk(dir)) {
            return st.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        }
    }
}
