package com.livegmv.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.tools.demo.TableExport;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import com.livegmv.tools.live.GrantsTopicReader;
import com.livegmv.tools.live.LiveStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof behind "runs on a Flink cluster": the shaded job jar, submitted over the REST API to a
 * standalone session cluster of separate JVMs (one JobManager, two TaskManagers, Flink's own jars
 * only), survives the SIGKILL of a TaskManager in mid-stream and, once drained, has written exactly
 * what a replay of the same input writes; the grants topic holds every grant exactly once.
 *
 * <p>Runs under Failsafe (after {@code package}: the job module has built {@code
 * jobs/job/target/gmv-job.jar}).
 */
@Tag("slow")
class StandaloneClusterIT {
    private static final Path JOB_JAR = Path.of("../job/target/gmv-job.jar");
    private static final int STREAMERS = 3_000;
    private static final int EVENTS = 60_000;
    private static final double RATE = 4_000;

    /** Lines produced before the job starts (at full speed); the rest at RATE while it runs. */
    private static final int SEED = 3_000;

    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    static FlinkProcessCluster cluster;
    static LiveStack stack;
    static LocalKafka kafka;
    static LocalPostgres pg;
    static CampaignPlan plan;

    @BeforeAll
    static void startStack() throws Exception {
        assertThat(JOB_JAR)
                .as("the shaded job jar (built in `package`; run this test with `mvn verify`)")
                .isRegularFile();
        System.out.println("StandaloneClusterIT: working directory " + tmp);
        // The JobManager and TaskManagers boot while Kafka and PostgreSQL start.
        cluster = FlinkProcessCluster.startJobManager(tmp.resolve("flink"), flinkConfig());
        cluster.startTaskManager();
        cluster.startTaskManager();
        stack = LiveStack.start(tmp);
        kafka = stack.kafka;
        pg = stack.pg;
        plan = stack.plan;
        cluster.awaitRestApi();
        cluster.awaitTaskManagers(Set.of("tm-1", "tm-2"), Duration.ofSeconds(90));
    }

    /** The cluster's config.yaml. */
    static Map<String, String> flinkConfig() {
        Path dir = tmp.resolve("flink");
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", String.valueOf(LocalKafka.freePort()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.memory.process.size", "800m");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", String.valueOf(LocalKafka.freePort()));
        c.put("web.tmpdir", dir.resolve("web").toString());
        c.put("blob.storage.directory", dir.resolve("blobs").toString());
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", "2");
        // Task heap and managed memory (RocksDB) explicit; Flink derives the rest (~1.2 GB/TM).
        c.put("taskmanager.memory.task.heap.size", "256m");
        c.put("taskmanager.memory.managed.size", "128m");
        // Spread the job's slots over both TaskManagers, so that losing either one hits the job.
        c.put("taskmanager.load-balance.mode", "SLOTS");
        c.put("parallelism.default", "2");
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.dir", tmp.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                tmp.resolve("savepoints").toUri().toString());
        // A killed TaskManager is declared lost within 10 s at the latest (sooner when its
        // heartbeat RPCs fail twice in a row: heartbeat.rpc-failure-threshold).
        c.put("heartbeat.interval", "1000");
        c.put("heartbeat.timeout", "10000");
        // No restart-strategy here: the job sets its own (exponential delay, --restart-attempts).
        return c;
    }

    @AfterAll
    static void stopStack() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void shouldSurviveALostTaskManagerAndEndExactlyAsReplay() throws Exception {
        long testStart = System.nanoTime();
        List<String> lines = stack.generated(STREAMERS, EVENTS, 21);
        List<String> inputTopics = List.of("cl-sessions", "cl-signups", "cl-orders");
        String grantsTopic = "cl-grants";
        String groupId = "gmv-cluster-it";
        kafka.createTopics(3, "cl-sessions", "cl-signups", "cl-orders", grantsTopic);
        pg.createDatabase("gmv_cluster");
        String jdbcUrl = pg.jdbcUrl("gmv_cluster");
        PostgresTables.installSchema(jdbcUrl, null, null, plan);

        // Nothing of ours on the cluster's class path: the job's code comes from the jar.
        assertThat(cluster.classPath())
                .isNotEmpty()
                .noneMatch(e -> e.contains("gmv-") || e.contains("/target/"))
                .noneMatch(e -> e.contains("kafka") || e.contains("postgresql"))
                .anyMatch(e -> e.contains("flink-runtime-2"))
                .anyMatch(e -> e.contains("frocksdbjni"));

        // ---- the head of the input first: every partition holds events when the job starts ------
        // With --idle-only-empty-partitions, a partition that has delivered no event within
        // --partition-idleness of the job's start goes idle. Were the topics still empty then,
        // every partition would be idle when events begin, the first partitions read would move
        // the watermark alone, and the first events of the others would be late (late_event
        // rows that replay has not). So the job starts on topics that all hold events, as a job
        // deployed into a running stream does; the rest comes live, at RATE.
        produce(inputTopics, lines.subList(0, SEED), 0);
        assertThat(emptyPartitions(inputTopics)).as("input partitions without events").isEmpty();

        // ---- submit the shaded jar over the REST API --------------------------------------------
        String jarId = cluster.uploadJar(JOB_JAR);
        List<String> args =
                List.of(
                        "run",
                        "--campaigns",
                        LiveStack.CAMPAIGNS.toAbsolutePath().normalize().toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--input-topics",
                        String.join(",", inputTopics),
                        "--grants-topic",
                        grantsTopic,
                        "--group-id",
                        groupId,
                        "--jdbc-url",
                        jdbcUrl,
                        "--parallelism",
                        "2",
                        "--checkpoint-interval",
                        "1s",
                        "--checkpoint-dir",
                        tmp.resolve("job-checkpoints").toUri().toString(),
                        "--savepoint-dir",
                        tmp.resolve("job-savepoints").toUri().toString(),
                        "--partition-idleness",
                        "5s",
                        "--idle-only-empty-partitions",
                        "true",
                        "--restart-attempts",
                        "20");
        long submitStart = System.nanoTime();
        String jobId = cluster.runJar(jarId, args);
        awaitAllTasksRunning(jobId, Duration.ofSeconds(90));
        long submitMillis = millisSince(submitStart);
        assertThat(Files.readString(cluster.directory().resolve("jobmanager.out")))
                .as("main() ran in the JobManager")
                .contains("gmv run: " + plan.size() + " campaign(s)");

        // ---- feed it, and kill a TaskManager that runs part of it -------------------------------
        List<String> live = lines.subList(SEED, lines.size());
        try (DemoProducer producer = new DemoProducer(kafka.bootstrapServers(), inputTopics, RATE);
                KafkaProgress progress =
                        new KafkaProgress(kafka.bootstrapServers(), inputTopics, groupId);
                Connection db = DriverManager.getConnection(jdbcUrl)) {
            DemoProducer.Feed feed = DemoProducer.Feed.of(live);
            Thread feeder = new Thread(() -> producer.run(feed), "cluster-it-producer");
            feeder.setDaemon(true);
            feeder.start();
            cluster.awaitCondition(
                    "the job to commit a third of the input with a completed checkpoint",
                    Duration.ofMinutes(2),
                    () -> {
                        checkNotTerminal(jobId);
                        return call(progress::committed) > EVENTS / 3
                                && completedCheckpoints(jobId) >= 1;
                    });
            long committedAtKill = call(progress::committed);
            long checkpointsAtKill = completedCheckpoints(jobId);
            assertThat(committedAtKill)
                    .as("records committed when the TaskManager dies")
                    .isLessThan(EVENTS);
            String victim = busyTaskManager();
            Set<String> survivors = new TreeSet<>(cluster.registeredTaskManagers());
            survivors.remove(victim);

            long killedAt = System.currentTimeMillis();
            cluster.killTaskManager(victim);
            String replacement = cluster.startTaskManager();
            survivors.add(replacement);

            // Recovery: every task of the job redeployed after the kill, then the first row that
            // only the restarted job can have written. (The first row after the kill may still
            // come from a surviving task of the old attempt, before it is cancelled: reported,
            // but not what recovery means.)
            long[] anyRow = {-1};
            long[] redeployed = {-1};
            long[] firstOutput = {-1};
            cluster.awaitCondition(
                    "the first output of the restarted job",
                    RECOVERY_BOUND,
                    () -> {
                        JsonNode job = checkNotTerminal(jobId);
                        if (anyRow[0] < 0) {
                            anyRow[0] = call(() -> firstRowAfter(db, killedAt));
                        }
                        if (redeployed[0] < 0) {
                            redeployed[0] = allTasksRunningSince(job, killedAt);
                        }
                        if (redeployed[0] > 0) {
                            firstOutput[0] = call(() -> firstRowAfter(db, redeployed[0]));
                        }
                        return firstOutput[0] > 0;
                    });
            long recoveryMillis = firstOutput[0] - killedAt;
            List<JsonNode> failures = failuresSince(jobId, killedAt);
            JsonNode restored = cluster.get("/jobs/" + jobId + "/checkpoints").path("latest");
            System.out.printf(
                    "StandaloneClusterIT: killed %s (SIGKILL) after %,d committed records and %d"
                            + " checkpoints. Failure noticed +%d ms (%s); %d failover(s); first"
                            + " row after the kill +%d ms; all tasks redeployed +%d ms; first"
                            + " output of the restarted job +%d ms; restored checkpoint %s%n",
                    victim,
                    committedAtKill,
                    checkpointsAtKill,
                    failures.isEmpty() ? -1 : failures.get(0).path("timestamp").asLong() - killedAt,
                    failures.isEmpty() ? "?" : failures.get(0).path("exceptionName").asText(),
                    failures.size(),
                    anyRow[0] - killedAt,
                    redeployed[0] - killedAt,
                    recoveryMillis,
                    restored.path("restored").path("id").asText("?"));
            System.out.println("RECOVERY_MS=" + recoveryMillis);
            assertThat(failures).as("the job noticed the lost TaskManager").isNotEmpty();
            assertThat(restored.path("restored").isObject())
                    .as("the job restored state from a checkpoint: " + restored)
                    .isTrue();
            assertThat(Duration.ofMillis(recoveryMillis))
                    .as("recovery time after losing a TaskManager")
                    .isLessThan(RECOVERY_BOUND);
            // The JobManager noticed the loss and the replacement joined.
            cluster.awaitTaskManagers(survivors, Duration.ofSeconds(60));

            // ---- all input in and read; drain ---------------------------------------------------
            feeder.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(feeder.isAlive()).as("producer finished").isFalse();
            assertThat(producer.failure()).isNull();
            assertThat(producer.sent()).isEqualTo(EVENTS - SEED);
            cluster.awaitCondition(
                    "the job to catch up with the input",
                    Duration.ofMinutes(3),
                    () -> {
                        checkNotTerminal(jobId);
                        return call(progress::caughtUp);
                    });
        }
        String savepoint = drain(jobId);

        // ---- the tables equal a replay; the topic holds every grant once ------------------------
        Path exported = tmp.resolve("export");
        Map<String, Long> counts = TableExport.export(jdbcUrl, null, null, exported);
        Path replayed = replay(lines);
        Map<String, List<String>> expected = Outputs.canonical(replayed);
        assertThat(expected.get("incentive_grant")).hasSizeGreaterThan(10);
        assertThat(Outputs.canonical(exported)).isEqualTo(expected);

        Map<String, List<String>> onTopic = grantsOnTopic(grantsTopic);
        assertThat(onTopic.values())
                .allSatisfy(v -> assertThat(v).as("each grant once on the topic").hasSize(1));
        assertThat(onTopic.keySet()).isEqualTo(Outputs.byKey(exported, "incentive_grant").keySet());
        System.out.printf(
                "StandaloneClusterIT: %,d events; submitted and running in %d ms; drained to %s;"
                        + " tables %s equal replay; %,d grants on %s, each once; %d s in all%n",
                EVENTS,
                submitMillis,
                savepoint,
                counts,
                onTopic.size(),
                grantsTopic,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - testStart));
    }

    // ---- the job over REST ----------------------------------------------------------------------

    /** Waits until the job and every task of it is RUNNING. */
    static void awaitAllTasksRunning(String jobId, Duration timeout) {
        cluster.awaitCondition(
                "every task of job " + jobId + " running",
                timeout,
                () -> allTasksRunningSince(checkNotTerminal(jobId), 0) > 0);
    }

    /**
     * If the job and every task of it is RUNNING, each deployed after {@code after} (epoch millis),
     * the earliest deployment time of the current tasks; else -1.
     */
    static long allTasksRunningSince(JsonNode job, long after) {
        if (!job.path("state").asText().equals("RUNNING") || job.path("vertices").isEmpty()) {
            return -1;
        }
        long earliest = Long.MAX_VALUE;
        for (JsonNode v : job.path("vertices")) {
            long start = v.path("start-time").asLong(-1);
            if (!v.path("status").asText().equals("RUNNING") || start <= after) {
                return -1;
            }
            earliest = Math.min(earliest, start);
        }
        return earliest;
    }

    /** The job's details; fails if it has ended (it must run until drained). */
    static JsonNode checkNotTerminal(String jobId) {
        JsonNode job = cluster.get("/jobs/" + jobId);
        String state = job.path("state").asText();
        if (Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED").contains(state)) {
            throw new IllegalStateException(
                    "job "
                            + jobId
                            + " is "
                            + state
                            + ": "
                            + cluster.get("/jobs/" + jobId + "/exceptions")
                                    .path("root-exception")
                                    .asText()
                            + cluster.logTails());
        }
        return job;
    }

    static long completedCheckpoints(String jobId) {
        return cluster.get("/jobs/" + jobId + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /** A TaskManager with a slot in use (the job's slots are spread over both). */
    static String busyTaskManager() {
        for (JsonNode tm : cluster.get("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                return tm.path("id").asText();
            }
        }
        throw new IllegalStateException(
                "no TaskManager runs a task: " + cluster.get("/taskmanagers"));
    }

    /** The entries of the job's exception history since {@code since}, oldest first. */
    static List<JsonNode> failuresSince(String jobId, long since) {
        List<JsonNode> l = new ArrayList<>();
        cluster.get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .forEach(
                        e -> {
                            if (e.path("timestamp").asLong() >= since) {
                                l.add(e);
                            }
                        });
        l.sort(java.util.Comparator.comparingLong(e -> e.path("timestamp").asLong()));
        return l;
    }

    /** Stop with a savepoint and drain (every campaign settles); returns the savepoint path. */
    static String drain(String jobId) {
        JsonNode trigger =
                cluster.post(
                        "/jobs/" + jobId + "/stop",
                        Map.of(
                                "drain",
                                true,
                                "targetDirectory",
                                tmp.resolve("drain-savepoint").toUri().toString()));
        String requestId = trigger.path("request-id").asText();
        JsonNode[] done = {null};
        cluster.awaitCondition(
                "the drain savepoint of job " + jobId,
                Duration.ofMinutes(2),
                () -> {
                    JsonNode s = cluster.get("/jobs/" + jobId + "/savepoints/" + requestId);
                    if (!s.path("status").path("id").asText().equals("COMPLETED")) {
                        return false;
                    }
                    done[0] = s.path("operation");
                    return true;
                });
        if (done[0].has("failure-cause")) {
            throw new IllegalStateException(
                    "stop --drain failed: " + done[0].path("failure-cause") + cluster.logTails());
        }
        cluster.awaitCondition(
                "job " + jobId + " FINISHED",
                Duration.ofMinutes(1),
                () -> cluster.get("/jobs/" + jobId).path("state").asText().equals("FINISHED"));
        return done[0].path("location").asText();
    }

    // ---- data -----------------------------------------------------------------------------------

    static Path replay(List<String> lines) throws Exception {
        return Replays.replayLines(plan, lines, tmp, "replay");
    }

    /**
     * Epoch millis of the earliest grant or progress row written after {@code after}, or -1. A
     * progress row rewritten since shows its latest time, so this is an upper bound of the first.
     */
    static long firstRowAfter(Connection db, long after) throws SQLException {
        OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochMilli(after), ZoneOffset.UTC);
        try (PreparedStatement q =
                db.prepareStatement(
                        "SELECT min(t) FROM ("
                                + " SELECT updated_at AS t FROM streamer_progress WHERE updated_at > ?"
                                + " UNION ALL"
                                + " SELECT inserted_at FROM incentive_grant WHERE inserted_at > ?) x")) {
            q.setObject(1, t);
            q.setObject(2, t);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
                return first == null ? -1 : first.toInstant().toEpochMilli();
            }
        }
    }

    static void produce(List<String> topics, List<String> lines, double rate) {
        try (DemoProducer p = new DemoProducer(kafka.bootstrapServers(), topics, rate)) {
            p.run(DemoProducer.Feed.of(lines));
            assertThat(p.failure()).isNull();
        }
    }

    /** The partitions of these topics that hold no record yet. */
    static List<TopicPartition> emptyPartitions(List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .forEach(
                            t ->
                                    t.partitions()
                                            .forEach(
                                                    i ->
                                                            latest.put(
                                                                    new TopicPartition(
                                                                            t.name(),
                                                                            i.partition()),
                                                                    OffsetSpec.latest())));
            List<TopicPartition> empty = new ArrayList<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(
                            (tp, info) -> {
                                if (info.offset() == 0) {
                                    empty.add(tp);
                                }
                            });
            return empty;
        }
    }

    /** Every record of the grants topic, read_committed, by key. */
    static Map<String, List<String>> grantsOnTopic(String topic) {
        return GrantsTopicReader.read(kafka.bootstrapServers(), topic);
    }

    static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
