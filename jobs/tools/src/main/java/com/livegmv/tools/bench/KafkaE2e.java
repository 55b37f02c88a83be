package com.livegmv.tools.bench;

import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.io.Trees;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.tools.demo.Dashboard;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import com.livegmv.tools.feed.Percentiles;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The end-to-end cases: generated lines -> an embedded Kafka broker (KRaft) at a fixed offered rate
 * -> the pipeline under test in a JVM of its own -> an embedded PostgreSQL. kafka-e2e runs the live
 * job ({@code LiveJob}: RocksDB, checkpoints at its default interval, exactly-once grants topic);
 * its peer kafka-streams-e2e runs {@link KafkaStreamsPeer}. Every round starts cold: a new broker,
 * database and pipeline JVM, nothing kept from the round before; the clock starts once the pipeline
 * runs.
 *
 * <p>Measured, for every INSTANT grant an order triggered: the delay from handing the order to the
 * Kafka producer to the grant row being committed in PostgreSQL ({@code inserted_at}, the
 * database's clock_timestamp(); both clocks are this machine's).
 *
 * <p>A round holds its offered rate when the producer reached 98% of it and the pipeline kept pace:
 * the grants' p99 is within the bound (the out-of-orderness bound + 1 s), and no backlog built up,
 * so the grants of the last tenth of the orders (by send time) are visible about as fast as those
 * of the first half (p99 at most {@link #BACKLOG_SLACK_MS} more). A pipeline that falls behind
 * builds a queue that grows for as long as the feed lasts, and that shows there. The capacity is
 * the highest offered rate held: from the offered rate up by x1.5 while held (down by /1.5 until
 * held, if most rounds at it did not hold), then bisected to within 10%. Each rate the search tries
 * gets up to {@code --capacity-rounds} cold rounds (3 by default) and holds when most of them held
 * (see {@link #mostHeld}).
 */
final class KafkaE2e {
    /**
     * The live job's default, what production runs. Each checkpoint writes every event waiting for
     * the watermark (rate x bound), so a shorter interval costs CPU in proportion: at 2 s the job
     * needed 10-40% more CPU per event, and its grants came ~1 s later at 62,500/s (BENCHMARKS.md).
     */
    static final Duration CHECKPOINT_INTERVAL = GmvOptions.CHECKPOINT_INTERVAL.defaultValue();

    /**
     * How often the producer sends a watermark heartbeat to every input partition, at the latest
     * event time it has sent: a partition of a quiet topic then moves on with the others, so the
     * job runs with the live default partition idleness (30 s). With 2 s instead and no heartbeats,
     * a round the job fell behind in could see partitions with data go idle and their events arrive
     * late: 716,000 late rows in one round at 112,500/s, against ~76,700 in others.
     */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);

    /** How much later the last orders' p99 may be than the first half's, for a held rate. */
    static final long BACKLOG_SLACK_MS = 1_000;

    /** The lowest rate the capacity search tries. */
    static final double MIN_RATE = 1_000;

    /** The pipelines under test. */
    enum Peer {
        GMV("kafka-e2e"),
        KAFKA_STREAMS("kafka-streams-e2e");

        final String caseName;

        Peer(String caseName) {
            this.caseName = caseName;
        }
    }

    /** One round at one offered rate. */
    record Once(
            Bench.Round round,
            double offered,
            double achieved,
            boolean held,
            double catchUpSeconds,
            long[] latencies) {
        long p50() {
            return pct(sorted(latencies), 50);
        }

        long p99() {
            return pct(sorted(latencies), 99);
        }
    }

    record Result(List<Once> rounds, double capacity) {
        int held() {
            return (int) rounds.stream().filter(Once::held).count();
        }

        /** Medians over rounds of each round's figure. */
        double achieved() {
            return median(rounds.stream().mapToLong(o -> Math.round(o.achieved())).toArray());
        }

        long p50() {
            return median(rounds.stream().mapToLong(Once::p50).toArray());
        }

        long p99() {
            return median(rounds.stream().mapToLong(Once::p99).toArray());
        }

        long p99Worst() {
            return rounds.stream().mapToLong(Once::p99).max().orElse(0);
        }

        long max() {
            return median(rounds.stream().mapToLong(o -> maxOf(o.latencies())).toArray());
        }

        long grantsMeasured() {
            return rounds.stream().mapToLong(o -> o.latencies().length).sum();
        }

        List<Bench.Round> benchRounds() {
            return rounds.stream().map(Once::round).toList();
        }
    }

    private final Bench.Settings s;
    private final Peer peer;
    private final Path work;
    private final PrintStream err;

    KafkaE2e(Bench.Settings s, Peer peer, Path work, PrintStream err) {
        this.s = s;
        this.peer = peer;
        this.work = work;
        this.err = err;
    }

    Result run() throws Exception {
        List<Once> rounds = rounds();
        double capacity = 0;
        if (s.e2eCapacity()) {
            capacity = capacity(s.e2eRate(), startsHeld(rounds), this::heldAt);
            err.printf(
                    Locale.ROOT,
                    "gmv bench: %-17s capacity %,.0f events/s%n",
                    peer.caseName,
                    capacity);
        }
        return new Result(rounds, capacity);
    }

    /** Whether {@code rate} held in most of its capacity rounds, all on the same lines. */
    private boolean heldAt(double rate) throws Exception {
        DemoProducer.Feed feed = feed(rate);
        int n = s.capacityRounds();
        return mostHeld(n, r -> once(feed, rate, "capacity " + r + "/" + n).held());
    }

    /** The rounds at the offered rate, on the same lines. */
    private List<Once> rounds() throws Exception {
        DemoProducer.Feed feed = feed(s.e2eRate());
        List<Once> rounds = new ArrayList<>();
        for (int r = 1; r <= s.rounds(); r++) {
            rounds.add(once(feed, s.e2eRate(), "round " + r + "/" + s.rounds()));
        }
        return rounds;
    }

    /**
     * Whether the capacity search starts upward: when most rounds at the offered rate held. One
     * round that missed by a hair (97.9% of the rate on a busy host) would otherwise send the
     * search down and report a capacity below a rate that held twice.
     */
    static boolean startsHeld(List<Once> rounds) {
        return rounds.stream().filter(Once::held).count() * 2 > rounds.size();
    }

    /** Runs the rounds of one rate; true when it held. */
    interface Probe {
        boolean held(double rate) throws Exception;
    }

    /** Runs round {@code r} (from 1) of a rate; true when it held. */
    interface Trial {
        boolean held(int r) throws Exception;
    }

    /**
     * Whether most of {@code n} (odd) rounds held, running only as many as it takes to know: two
     * that agree decide a best of three. One cold round near the bound is a coin toss (Kafka
     * Streams' p99 at 75,000/s was 1.1 s in one run and 3.3 s in two), and a search that takes one
     * toss per rate moved its capacity by a bisection step from run to run.
     */
    static boolean mostHeld(int n, Trial trial) throws Exception {
        if (n < 1 || n % 2 == 0) {
            throw new IllegalArgumentException("rounds per rate must be odd, got " + n);
        }
        int majority = n / 2 + 1;
        int held = 0;
        int r = 0;
        while (held < majority && r - held < majority) {
            r++;
            if (trial.held(r)) {
                held++;
            }
        }
        return held >= majority;
    }

    /**
     * The highest rate held, searched from {@code start} (held or not, as {@code startHeld} says):
     * up by x1.5 while held, or down by /1.5 until held, then bisected until the rate not held is
     * within 10% of the rate held. 0 when nothing from {@link #MIN_RATE} up holds.
     */
    static double capacity(double start, boolean startHeld, Probe probe) throws Exception {
        double lo = 0; // highest rate held
        double hi = Double.POSITIVE_INFINITY; // lowest rate not held
        double rate = start;
        boolean held = startHeld;
        while (true) {
            if (held) {
                lo = rate;
                if (hi < Double.POSITIVE_INFINITY) {
                    break;
                }
                rate *= 1.5;
            } else {
                hi = rate;
                if (lo > 0) {
                    break;
                }
                rate /= 1.5;
                if (rate < MIN_RATE) {
                    return 0;
                }
            }
            held = probe.held(rate);
        }
        while (hi - lo > 0.1 * lo) {
            double mid = Math.round((lo + hi) / 2 / 100) * 100.0;
            if (probe.held(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private DemoProducer.Feed feed(double rate) {
        long lines = Math.round(rate * s.e2eDuration().toMillis() / 1000.0);
        List<String> input = new ArrayList<>((int) lines);
        new EventGenerator(
                        new GeneratorOptions(
                                s.streamers(),
                                lines,
                                s.seed(),
                                CampaignWindow.of(s.plan()),
                                GeneratorOptions.DEFAULT_MALFORMED_FRACTION))
                .generate(input::add);
        return DemoProducer.Feed.of(input);
    }

    /** One cold round: a new broker, database and pipeline, fed {@code feed} at {@code rate}. */
    private Once once(DemoProducer.Feed feed, double rate, String what) throws Exception {
        Path dir = Files.createTempDirectory(work, "round-");
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
                LocalPostgres pg = LocalPostgres.start(dir.resolve("postgres"), 0)) {
            List<String> topics =
                    List.of(
                            "live-sessions",
                            "campaign-signups",
                            "order-events",
                            "incentive-grants");
            Preflight.ensureTopics(kafka.bootstrapServers(), 4, topics);
            pg.createDatabase("gmv");
            String jdbcUrl = pg.jdbcUrl("gmv");
            PostgresTables.installSchema(jdbcUrl, null, null, s.plan());
            String group = "gmv-bench";
            try (ChildJob job =
                            startPipeline(dir, kafka.bootstrapServers(), topics, group, jdbcUrl);
                    KafkaProgress progress =
                            new KafkaProgress(
                                    kafka.bootstrapServers(), topics.subList(0, 3), group);
                    DemoProducer producer =
                            new DemoProducer(kafka.bootstrapServers(), topics.subList(0, 3), rate)
                                    .heartbeatEvery(HEARTBEAT_INTERVAL)) {
                job.awaitReady(Duration.ofMinutes(3));
                // The feed was just generated: collected now, not in a pause of this JVM (the
                // producer's) mid-round. A 370 ms full collection while feeding stalled the
                // producer past its 100 ms lag, and the round missed 98% of the rate for it.
                System.gc();
                Cpu cpu0 = Cpu.now(job, kafka, pg);
                long t0 = System.nanoTime();
                producer.run(feed);
                long sentNanos = System.nanoTime();
                if (producer.failure() != null) {
                    throw new IllegalStateException(
                            "producing to Kafka failed: " + producer.failure(), producer.failure());
                }
                double achieved = producer.sent() / ((sentNanos - t0) / 1e9);
                long deadline = sentNanos + TimeUnit.MINUTES.toNanos(5);
                while (!progress.caughtUp()) {
                    job.requireAlive();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the pipeline did not catch up within 5 minutes");
                    }
                    Thread.sleep(100); // polling the committed offsets
                }
                long caughtUp = System.nanoTime();
                Cpu cpu = Cpu.now(job, kafka, pg).minus(cpu0);
                long[][] sentAndDelay;
                long lateRows;
                try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                    sentAndDelay = producer.instantGrantDelays(c);
                    lateRows = Dashboard.counts(c).late();
                }
                boolean held = held(rate, achieved, sentAndDelay, boundMs(s.maxOutOfOrderness()));
                double seconds = (caughtUp - t0) / 1e9;
                Once o =
                        new Once(
                                new Bench.Round(
                                        seconds, producer.sent() / seconds, cpu.job() / 1e9, 0),
                                rate,
                                achieved,
                                held,
                                (caughtUp - sentNanos) / 1e9,
                                sentAndDelay[1]);
                long[] l = sorted(o.latencies());
                long[] emitted = sorted(sentAndDelay[2]);
                err.printf(
                        Locale.ROOT,
                        "gmv bench: %-17s %s: offered %,.0f/s, achieved %,.0f/s, %s, caught up %.1f s after the last send; grant visible p50 %d ms, p99 %d ms, max %d ms (emitted p99 %d ms; %,d grants; %,d late rows); CPU s: pipeline %.1f, broker %.1f, database %.1f, producer %.1f%n",
                        peer.caseName,
                        what,
                        rate,
                        achieved,
                        held ? "held" : "NOT held",
                        o.catchUpSeconds(),
                        pct(l, 50),
                        pct(l, 99),
                        maxOf(l),
                        pct(emitted, 99),
                        l.length,
                        lateRows,
                        cpu.job() / 1e9,
                        cpu.broker() / 1e9,
                        cpu.db() / 1e9,
                        cpu.bench() / 1e9);
                return o;
            }
        } finally {
            Trees.deleteBestEffort(dir, 3);
        }
    }

    /**
     * CPU time used so far by the round's processes: the pipeline, the broker, the database (the
     * postmaster and its children) and this JVM (the producer).
     */
    record Cpu(long job, long broker, long db, long bench) {
        static Cpu now(ChildJob job, LocalKafka kafka, LocalPostgres pg) {
            return new Cpu(
                    job.cpuNanos(),
                    kafka.process().map(Cpu::nanos).orElse(0L),
                    pg.process()
                            .map(h -> nanos(h) + h.descendants().mapToLong(Cpu::nanos).sum())
                            .orElse(0L),
                    Bench.processCpuNanos());
        }

        Cpu minus(Cpu o) {
            return new Cpu(job - o.job, broker - o.broker, db - o.db, bench - o.bench);
        }

        private static long nanos(ProcessHandle h) {
            return h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    private ChildJob startPipeline(
            Path dir, String bootstrap, List<String> topics, String group, String jdbcUrl)
            throws IOException {
        Path job = dir.resolve("job");
        if (peer == Peer.KAFKA_STREAMS) {
            return ChildJob.start(
                    job,
                    kafkaStreamsClassPath(),
                    KafkaStreamsPeer.class,
                    new KafkaStreamsPeer.Settings(
                            s.plan(),
                            bootstrap,
                            topics.subList(0, 3),
                            group,
                            jdbcUrl,
                            job.resolve("state").toString(),
                            s.parallelism()));
        }
        LiveSettings.Builder live =
                LiveSettings.builder(s.plan())
                        .kafka(bootstrap, topics.subList(0, 3), topics.get(3), group)
                        .idleness(GmvOptions.IDLENESS.defaultValue(), false)
                        .jdbc(jdbcUrl, null, null)
                        .checkpoints(
                                CHECKPOINT_INTERVAL,
                                job.resolve("checkpoints").toUri().toString(),
                                job.resolve("savepoints").toUri().toString());
        live.parallelism = s.parallelism();
        live.maxOutOfOrderness = s.maxOutOfOrderness();
        live.stateBackend = s.e2eStateBackend();
        live.restartAttempts = 0;
        return ChildJob.start(job, null, LiveJobMain.class, live.build());
    }

    /**
     * This JVM's class path without Flink's FRocksDB, plus the RocksDB kafka-streams is built with
     * (both hold the same org.rocksdb classes), copied next to this module's classes by the build.
     */
    static String kafkaStreamsClassPath() throws IOException {
        Path target;
        try {
            target =
                    Path.of(
                                    KafkaE2e.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                            .getParent();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path lib = target.resolve("kafka-streams-lib");
        List<String> rocksdb;
        try (Stream<Path> jars = Files.list(lib)) {
            rocksdb = jars.map(Path::toString).filter(p -> p.endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new IOException("no " + lib + ": build the tools module first", e);
        }
        return Stream.concat(
                        Arrays.stream(
                                        System.getProperty("java.class.path")
                                                .split(File.pathSeparator))
                                .filter(p -> !p.contains("frocksdbjni")),
                        rocksdb.stream())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Whether a round held its rate: the producer reached 98% of it, the grants' p99 stayed within
     * the bound, and no backlog grew. The bound matters once the producer keeps its rate: a
     * pipeline that fell behind at the cold start and then ran exactly at the rate kept a queue of
     * constant length, so its last orders waited as long as its first (p99 12.6 s at 168,750/s),
     * and only the bound says that this is not instant.
     */
    static boolean held(double rate, double achieved, long[][] sentAndDelay, long boundMs) {
        return achieved >= 0.98 * rate
                && pct(sorted(sentAndDelay[1]), 99) <= boundMs
                && !backlogGrew(sentAndDelay);
    }

    /** The out-of-orderness bound + 1 s: how long a grant may be held back and still be instant. */
    static long boundMs(Duration maxOutOfOrderness) {
        return maxOutOfOrderness.toMillis() + 1_000;
    }

    /** True when the last tenth's p99 delay exceeds the first half's by more than the slack. */
    static boolean backlogGrew(long[][] sentAndDelay) {
        long[] delays = sentAndDelay[1];
        int n = delays.length;
        if (n < 20) {
            return false;
        }
        long[] early = sorted(Arrays.copyOfRange(delays, 0, n / 2));
        long[] late = sorted(Arrays.copyOfRange(delays, n - n / 10, n));
        return pct(late, 99) > pct(early, 99) + BACKLOG_SLACK_MS;
    }

    /** Nearest rank, as the chart draws it; 0 without samples. */
    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : Percentiles.nearestRank(sorted, p);
    }

    private static long[] sorted(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    private static long maxOf(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static long median(long[] v) {
        long[] c = sorted(v);
        return c.length == 0 ? 0 : c[c.length / 2];
    }
}
