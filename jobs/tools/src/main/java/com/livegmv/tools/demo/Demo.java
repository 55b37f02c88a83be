package com.livegmv.tools.demo;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.FailureInjector;
import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.io.Trees;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.jobs.metrics.PrometheusEndpoint;
import com.livegmv.output.Money;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.embedded.ShutdownHook;
import com.livegmv.tools.feed.Checkpoints;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import com.livegmv.tools.feed.Percentiles;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code gmv demo}: the whole product on one machine. Starts (or connects to) Kafka and PostgreSQL,
 * serves the festival screen, runs the live job on a local MiniCluster with RocksDB, checkpoints,
 * the web UI and a Prometheus endpoint, feeds it a festival, shows progress, and at the end drains
 * the job (which moves event time to the end, so every campaign settles), prints the settlement
 * summary and the connection string, and optionally exports the tables as replay-format JSONL.
 */
public final class Demo {
    /**
     * What to run. {@code input} null means synthetic data from the generator; {@code workDir} null
     * means a new {@code gmv-demo-*} temporary directory, removed when the demo ends. The web UI,
     * the festival screen and the metrics listen on {@code bind}; Kafka and PostgreSQL, which only
     * the demo uses, on loopback.
     */
    public record Settings(
            CampaignPlan plan,
            Path campaignsFile,
            Path input,
            Path export,
            String externalKafka,
            String externalJdbc,
            int streamers,
            long events,
            double rate,
            long seed,
            int parallelism,
            Duration maxFutureSkew,
            int webPort,
            int screenPort,
            InetAddress bind,
            Path workDir,
            boolean waitForCtrlC,
            int injectFailures) {}

    private final Settings s;
    private final PrintStream out;
    private final PrintStream err;

    public Demo(Settings s, PrintStream out, PrintStream err) {
        this.s = s;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        long t0 = System.currentTimeMillis();
        // Generated (or read) and parsed while the broker and the database start, and before
        // the job does, so that the feed keeps its rate from the first second.
        step(
                s.input() == null
                        ? String.format(
                                "generating %,d synthetic events for %,d streamers",
                                s.events(), s.streamers())
                        : "reading " + s.input());
        CompletableFuture<DemoProducer.Feed> preparing =
                CompletableFuture.supplyAsync(() -> DemoProducer.Feed.of(source()));
        boolean temporary = s.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("gmv-demo-") : s.workDir();
        Files.createDirectories(work);
        step(
                "work directory "
                        + work
                        + (temporary ? " (removed when the demo ends; --work-dir keeps one)" : ""));
        List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
        // The broker and the database stop before their files go.
        Runnable end =
                () -> {
                    closeAll(resources);
                    if (temporary) {
                        removeWorkDir(work);
                    }
                };
        // Ctrl-C, or the JVM exiting on an error while PostgreSQL waits for Ctrl-C.
        AtomicBoolean interrupted = new AtomicBoolean();
        ShutdownHook cleanup =
                ShutdownHook.add(
                        "gmv-demo-cleanup",
                        () -> {
                            interrupted.set(true);
                            end.run();
                        });
        try {
            String bootstrap;
            List<String> topics;
            String runId = Long.toString(t0, 36);
            if (s.externalKafka() == null) {
                step("starting an embedded Kafka broker (KRaft)");
                LocalKafka kafka = LocalKafka.start(work.resolve("kafka"));
                resources.add(0, kafka);
                bootstrap = kafka.bootstrapServers();
                topics =
                        List.of(
                                "live-sessions",
                                "campaign-signups",
                                "order-events",
                                "incentive-grants");
            } else {
                bootstrap = s.externalKafka();
                // Fresh topics per run, so that old data in a shared cluster cannot leak in.
                topics =
                        List.of(
                                "gmv-demo-" + runId + "-live-sessions",
                                "gmv-demo-" + runId + "-campaign-signups",
                                "gmv-demo-" + runId + "-order-events",
                                "gmv-demo-" + runId + "-incentive-grants");
            }
            step(
                    "creating topics "
                            + String.join(", ", topics)
                            + " (4 partitions each) on "
                            + bootstrap);
            Preflight.ensureTopics(bootstrap, 4, topics);

            String jdbcUrl;
            if (s.externalJdbc() == null) {
                step("starting an embedded PostgreSQL");
                LocalPostgres pg = LocalPostgres.start(work.resolve("postgres"), 0);
                resources.add(0, pg);
                pg.createDatabase("gmv");
                jdbcUrl = pg.jdbcUrl("gmv");
            } else {
                jdbcUrl = s.externalJdbc();
            }
            step("creating the tables and views in " + jdbcUrl);
            for (String notice : PostgresTables.installSchema(jdbcUrl, null, null, s.plan())) {
                step("note: " + notice);
            }
            requireEmpty(jdbcUrl);
            FestivalScreen screen =
                    FestivalScreen.start(jdbcUrl, s.bind(), freePortFrom(s.screenPort()));
            resources.add(0, screen);
            out.println("festival screen: " + screen.url());

            LiveSettings.Builder settings =
                    LiveSettings.builder(s.plan())
                            .kafka(
                                    bootstrap,
                                    topics.subList(0, 3),
                                    topics.get(3),
                                    "gmv-demo-" + runId)
                            // Live feed: quiet partitions go idle after 2 s, for low latency.
                            // A file (--input): only partitions without any event go idle, after
                            // 10 s, so that no event of a slow-starting partition is late and
                            // the export equals replay. Either way the run ends with a heartbeat.
                            .idleness(
                                    s.input() == null
                                            ? Duration.ofSeconds(2)
                                            : Duration.ofSeconds(10),
                                    s.input() != null)
                            .jdbc(jdbcUrl, null, null)
                            .checkpoints(
                                    Duration.ofSeconds(2),
                                    work.resolve("checkpoints").toUri().toString(),
                                    work.resolve("savepoints").toUri().toString());
            settings.parallelism = s.parallelism();
            settings.maxFutureSkew = s.maxFutureSkew();
            settings.stateBackend = "rocksdb";
            settings.restartAttempts = 10;
            settings.injectFailures = s.injectFailures();
            LiveSettings live = settings.build();
            DemoProducer.Feed feed;
            try {
                feed = preparing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            Configuration conf = LiveJob.configuration(live);
            int web = freePortFrom(s.webPort());
            LocalCluster.listenOn(conf, s.bind());
            LocalCluster.managedMemory(conf);
            conf.set(RestOptions.PORT, web);
            int metrics = freePortFrom(GmvOptions.METRICS_PORT.defaultValue());
            PrometheusEndpoint.configure(conf, s.bind().getHostAddress(), metrics);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            LiveJob.build(env, live);
            JobClient job = env.executeAsync("gmv demo");
            step(
                    "job "
                            + job.getJobID()
                            + " starting on RocksDB; Flink web UI at "
                            + LocalCluster.url(s.bind(), web));
            step("Prometheus metrics: " + LocalCluster.url(s.bind(), metrics) + "/metrics");
            // The first completed checkpoint means every task runs: then the feed starts.
            while (!Checkpoints.anyCompleted(live.checkpointDir())) {
                failIfDown(job);
                TimeUnit.MILLISECONDS.sleep(50); // polling the checkpoint directory
            }

            DemoProducer producer =
                    new DemoProducer(
                            bootstrap, live.inputTopics(), s.input() == null ? s.rate() : 0);
            // Closed first, while the broker still takes what it has buffered.
            resources.add(0, producer);
            Thread feeder = new Thread(() -> producer.run(feed), "gmv-demo-producer");
            feeder.setDaemon(true);
            feeder.start();
            step(
                    s.input() == null
                            ? String.format("feeding %,d events at %,.0f/s", feed.size(), s.rate())
                            : String.format("feeding %,d events", feed.size()));

            String mainCampaign = s.plan().get(0).id();
            Dashboard dash =
                    new Dashboard(
                            out,
                            System.console() != null && s.export() == null,
                            mainCampaign,
                            screen.url());
            try (KafkaProgress progress =
                            new KafkaProgress(bootstrap, live.inputTopics(), live.groupId());
                    Connection db = DriverManager.getConnection(jdbcUrl)) {
                boolean heartbeatSent = false;
                while (true) {
                    failIfDown(job);
                    if (producer.failure() != null) {
                        throw new IllegalStateException(
                                "producing to Kafka failed: " + producer.failure(),
                                producer.failure());
                    }
                    long consumed = progress.committed();
                    dash.show(
                            producer.done() ? "catching up" : "streaming",
                            System.currentTimeMillis() - t0,
                            producer.sent(),
                            consumed,
                            db);
                    if (producer.done() && progress.caughtUp()) {
                        if (heartbeatSent) {
                            break;
                        }
                        // The input is in: move event time past every settlement with a
                        // heartbeat on each partition, so every campaign settles by event time.
                        producer.heartbeat(s.plan().lastSettleAt() + 3_600_000L);
                        heartbeatSent = true;
                    }
                    TimeUnit.SECONDS.sleep(1); // the refresh period of the view
                }
                step(
                        "input consumed and event time moved past every settlement; stopping the job with a final savepoint");
                String savepoint =
                        job.stopWithSavepoint(
                                        true,
                                        work.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(5, TimeUnit.MINUTES);
                step("job finished; final savepoint " + savepoint);
                if (s.injectFailures() > 0) {
                    step(
                            FailureInjector.INJECTED.get()
                                    + " of "
                                    + s.injectFailures()
                                    + " injected failures happened; each restarted from the last checkpoint");
                }
                long elapsed = System.currentTimeMillis() - t0;
                summary(db, producer, elapsed);
                for (int i = 0; i < s.plan().size(); i++) {
                    dash.campaign(s.plan().get(i).id());
                    out.println("  top streamers of " + s.plan().get(i).id());
                    out.print(dash.leaderLines(db));
                }
            }
            if (s.export() != null) {
                Map<String, Long> counts = TableExport.export(jdbcUrl, null, null, s.export());
                out.println("exported " + counts + " to " + s.export());
                return 0;
            }
            out.println();
            out.println("Query the tables:  psql '" + psqlUrl(jdbcUrl) + "'");
            out.println(
                    "  e.g.  SELECT campaign_id, status, streamers, gmv_yuan, reward_yuan FROM"
                            + " campaign_totals;");
            out.println("        SELECT * FROM campaign_tier_distribution;");
            out.println("  (docs/analysts.md has the tables, the views and more queries)");
            if (s.waitForCtrlC()) {
                out.println(
                        "PostgreSQL and the festival screen ("
                                + screen.url()
                                + ") stay up until Ctrl-C.");
                Thread.currentThread().join();
            }
            return 0;
        } catch (Exception e) {
            if (interrupted.get()) {
                // Ctrl-C: what failed was only the stack going away underneath.
                return 130;
            }
            throw e;
        } finally {
            if (!s.waitForCtrlC() || s.export() != null) {
                end.run();
                cleanup.remove();
            }
        }
    }

    /**
     * Best effort, twice: on Ctrl-C the job may still write a checkpoint file while the directory
     * goes. Whatever is left is said, not thrown: the demo is over either way.
     */
    private void removeWorkDir(Path work) {
        if (!Trees.deleteBestEffort(work, 2)) {
            err.println("gmv demo: could not remove all of " + work + "; delete it by hand");
        } else {
            err.println("gmv demo: removed " + work);
        }
    }

    private Consumer<Consumer<String>> source() {
        if (s.input() != null) {
            return sink -> {
                try (BufferedReader r =
                        Files.newBufferedReader(s.input(), StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) {
                            sink.accept(line);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
        EventGenerator gen =
                new EventGenerator(
                        new GeneratorOptions(
                                s.streamers(),
                                s.events(),
                                s.seed(),
                                CampaignWindow.of(s.plan()),
                                0.005));
        return sink -> gen.generate(sink);
    }

    private void summary(Connection db, DemoProducer producer, long elapsedMillis)
            throws SQLException {
        out.println();
        out.printf(
                "Settlement summary (%,d events in %.1f s: %,.0f events/s through Kafka)%n",
                producer.sent(),
                elapsedMillis / 1000.0,
                producer.sent() * 1000.0 / Math.max(1, elapsedMillis));
        try (Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT campaign_id, count(*), count(*) FILTER (WHERE eligible),"
                                        + " count(*) FILTER (WHERE final_tier >= 1 AND eligible),"
                                        + " sum(final_gmv_fen), sum(instant_reward_fen), sum(post_event_reward_fen), sum(clawback_fen)"
                                        + " FROM campaign_settlement GROUP BY campaign_id ORDER BY campaign_id")) {
            out.printf(
                    "  %-28s %9s %9s %9s %20s %14s %14s %12s%n",
                    "campaign",
                    "streamers",
                    "eligible",
                    "rewarded",
                    "GMV (yuan)",
                    "instant",
                    "post-event",
                    "clawback");
            Object[] row = new Object[8];
            while (rs.next()) {
                // The campaign, three counts, then four sums of fen shown in yuan.
                row[0] = rs.getString(1);
                for (int column = 2; column <= row.length; column++) {
                    long v = rs.getLong(column);
                    row[column - 1] = column <= 4 ? (Object) v : Money.yuan(v);
                }
                out.printf("  %-28s %,9d %,9d %,9d %20s %14s %14s %12s%n", row);
            }
        }
        long[] delays = producer.instantGrantDelays(db)[1];
        if (delays.length > 0) {
            Arrays.sort(delays);
            out.printf(
                    "  order sent to Kafka -> its instant grant visible in PostgreSQL: p50 %d ms, p99 %d ms, max %d ms (%,d grants)%n",
                    Percentiles.nearestRank(delays, 50),
                    Percentiles.nearestRank(delays, 99),
                    delays[delays.length - 1],
                    delays.length);
        }
    }

    private static void requireEmpty(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT (SELECT count(*) FROM incentive_grant) + (SELECT count(*) FROM streamer_progress)")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException(
                        "the database at "
                                + jdbcUrl
                                + " already holds gmv rows; the demo needs empty tables (use a new database)");
            }
        }
    }

    private static void failIfDown(JobClient job) throws Exception {
        JobStatus st = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (st.isGloballyTerminalState()) {
            String why = "";
            try {
                job.getJobExecutionResult().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                why = ": " + e.getMessage();
            }
            throw new IllegalStateException("the job stopped (" + st + ")" + why);
        }
    }

    private void step(String what) {
        err.println("gmv demo: " + what);
    }

    static String psqlUrl(String jdbcUrl) {
        return jdbcUrl.replaceFirst("^jdbc:", "");
    }

    static int freePortFrom(int first) {
        for (int p = first; p < first + 20; p++) {
            try (ServerSocket ss = new ServerSocket(p)) {
                return p;
            } catch (IOException busy) {
                // try the next one
            }
        }
        return first;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        synchronized (resources) {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // best effort on the way out
                }
            }
            resources.clear();
        }
    }
}
