package com.livegmv.tools.bench;

import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import com.livegmv.tools.feed.Percentiles;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The kafka-e2e case: generated lines -> embedded Kafka (KRaft) at a fixed offered rate -> the live
 * job (RocksDB, checkpoints every 2 s) -> embedded PostgreSQL. Measures, for every INSTANT grant an
 * order triggered, the delay from handing the order to the Kafka producer to the grant row being
 * committed in PostgreSQL ({@code inserted_at}, the database's clock_timestamp(); both clocks are
 * this machine's).
 *
 * <p>The rate is held when the producer reached 98% of it and the job kept pace: no backlog built
 * up, so the grants of the last tenth of the orders (by send time) are visible about as fast as
 * those of the first half (p99 at most {@link #BACKLOG_SLACK_MS} more). A job that falls behind
 * builds a queue that grows for as long as the feed lasts, and that shows there. Also printed: how
 * long after the last send the committed offsets reached the end (they are committed when a
 * checkpoint completes, so that includes up to two checkpoint intervals).
 */
final class KafkaE2e {
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    /** How much later the last orders' p99 may be than the first half's, for a held rate. */
    static final long BACKLOG_SLACK_MS = 1_000;

    record Result(
            List<Bench.Round> rounds,
            double achieved,
            boolean held,
            long p50,
            long p99,
            long max,
            long[] latencies) {}

    private final Bench.Settings s;
    private final Path work;
    private final PrintStream err;

    KafkaE2e(Bench.Settings s, Path work, PrintStream err) {
        this.s = s;
        this.work = work;
        this.err = err;
    }

    Result run() throws Exception {
        long lines = Math.round(s.e2eRate() * s.e2eDuration().toMillis() / 1000.0);
        List<String> input = new ArrayList<>((int) lines);
        new EventGenerator(
                        new GeneratorOptions(
                                s.streamers(),
                                lines,
                                s.seed(),
                                CampaignWindow.of(s.plan()),
                                GeneratorOptions.DEFAULT_MALFORMED_FRACTION))
                .generate(input::add);
        err.printf(
                Locale.ROOT,
                "gmv bench: kafka-e2e: %,d lines at %,.0f/s; starting Kafka and PostgreSQL%n",
                lines,
                s.e2eRate());
        List<Bench.Round> rounds = new ArrayList<>();
        List<long[]> samples = new ArrayList<>();
        double[] achieved = new double[s.rounds()];
        boolean held = true;
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"));
                LocalPostgres pg = LocalPostgres.start(work.resolve("postgres"), 0)) {
            for (int r = 1; r <= s.rounds(); r++) {
                Once o = once(kafka, pg, input, r);
                rounds.add(o.round);
                samples.add(o.latencies);
                achieved[r - 1] = o.achieved;
                held &= o.held;
                long[] l = o.latencies.clone();
                Arrays.sort(l);
                err.printf(
                        Locale.ROOT,
                        "gmv bench: kafka-e2e       round %d/%d: offered %,.0f/s, achieved %,.0f/s, %s, caught up %.1f s after the last send; grant visible p50 %d ms, p99 %d ms, max %d ms (%,d grants)%n",
                        r,
                        s.rounds(),
                        s.e2eRate(),
                        o.achieved,
                        o.held ? "held" : "NOT held",
                        o.catchUpSeconds,
                        pct(l, 50),
                        pct(l, 99),
                        l.length == 0 ? 0 : l[l.length - 1],
                        l.length);
            }
        }
        // Medians over rounds of each round's percentiles; the chart shows every sample.
        long[] p50 = new long[samples.size()];
        long[] p99 = new long[samples.size()];
        long[] max = new long[samples.size()];
        int total = 0;
        for (int i = 0; i < samples.size(); i++) {
            long[] l = samples.get(i).clone();
            Arrays.sort(l);
            p50[i] = pct(l, 50);
            p99[i] = pct(l, 99);
            max[i] = l.length == 0 ? 0 : l[l.length - 1];
            total += l.length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] l : samples) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(achieved);
        return new Result(
                rounds,
                achieved[achieved.length / 2],
                held,
                medianOf(p50),
                medianOf(p99),
                medianOf(max),
                all);
    }

    private record Once(
            Bench.Round round,
            double achieved,
            boolean held,
            double catchUpSeconds,
            long[] latencies) {}

    private Once once(LocalKafka kafka, LocalPostgres pg, List<String> input, int round)
            throws Exception {
        String prefix = "bench-r" + round + "-";
        List<String> topics =
                List.of(
                        prefix + "live-sessions",
                        prefix + "campaign-signups",
                        prefix + "order-events",
                        prefix + "incentive-grants");
        Preflight.ensureTopics(kafka.bootstrapServers(), 4, topics);
        String db = "gmv_bench_r" + round;
        pg.createDatabase(db);
        String jdbcUrl = pg.jdbcUrl(db);
        PostgresTables.installSchema(jdbcUrl, null, null, s.plan());
        LiveSettings live =
                LiveSettings.builder(s.plan())
                        .kafka(
                                kafka.bootstrapServers(),
                                topics.subList(0, 3),
                                topics.get(3),
                                prefix + "job")
                        .idleness(Duration.ofSeconds(2), false)
                        .jdbc(jdbcUrl, null, null)
                        .parallelism(s.parallelism())
                        .maxOutOfOrderness(s.maxOutOfOrderness())
                        .checkpoints(
                                CHECKPOINT_INTERVAL,
                                work.resolve("checkpoints-" + round).toUri().toString(),
                                work.resolve("savepoints-" + round).toUri().toString())
                        .stateBackend(s.e2eStateBackend())
                        .restartAttempts(0)
                        .build();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(LiveJob.configuration(live));
        LiveJob.build(env, live);
        JobClient job = env.executeAsync("gmv bench kafka-e2e round " + round);
        try (KafkaProgress progress =
                        new KafkaProgress(
                                kafka.bootstrapServers(), live.inputTopics(), live.groupId());
                DemoProducer producer =
                        new DemoProducer(
                                kafka.bootstrapServers(), live.inputTopics(), s.e2eRate())) {
            waitRunning(job);
            System.gc();
            Bench.resetPeakHeap();
            long cpu0 = Bench.processCpuNanos();
            long t0 = System.nanoTime();
            producer.run(sink -> input.forEach(sink));
            long sentNanos = System.nanoTime();
            if (producer.failure() != null) {
                throw new IllegalStateException(
                        "producing to Kafka failed: " + producer.failure(), producer.failure());
            }
            double achieved = producer.sent() / ((sentNanos - t0) / 1e9);
            long deadline = sentNanos + TimeUnit.MINUTES.toNanos(5);
            while (!progress.caughtUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not catch up within 5 minutes");
                }
                if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                }
                Thread.sleep(100); // polling the committed offsets
            }
            long caughtUp = System.nanoTime();
            long cpu1 = Bench.processCpuNanos();
            double catchUp = (caughtUp - sentNanos) / 1e9;
            long[][] sentAndDelay;
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                sentAndDelay = producer.instantGrantDelays(c);
            }
            boolean held = achieved >= 0.98 * s.e2eRate() && !backlogGrew(sentAndDelay);
            double seconds = (caughtUp - t0) / 1e9;
            Bench.Round r =
                    new Bench.Round(
                            seconds,
                            producer.sent() / seconds,
                            (cpu1 - cpu0) / 1e9,
                            Bench.peakHeap());
            return new Once(r, achieved, held, catchUp, sentAndDelay[1]);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** True when the last tenth's p99 delay exceeds the first half's by more than the slack. */
    static boolean backlogGrew(long[][] sentAndDelay) {
        long[] delays = sentAndDelay[1];
        int n = delays.length;
        if (n < 20) {
            return false;
        }
        long[] early = Arrays.copyOfRange(delays, 0, n / 2);
        long[] late = Arrays.copyOfRange(delays, n - n / 10, n);
        Arrays.sort(early);
        Arrays.sort(late);
        return pct(late, 99) > pct(early, 99) + BACKLOG_SLACK_MS;
    }

    private static void waitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start within 2 minutes");
            }
            Thread.sleep(50); // polling the job status
        }
    }

    /** Nearest rank, as the chart draws it; 0 without samples. */
    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : Percentiles.nearestRank(sorted, p);
    }

    private static long medianOf(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? 0 : c[c.length / 2];
    }
}
