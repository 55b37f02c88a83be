package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.tools.demo.TableExport;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job end to end through a real Kafka broker and a real PostgreSQL: the tables must equal
 * the replay outputs of the same input, also across a stop with a savepoint mid-stream, and the
 * grants topic (read_committed) must hold each grant exactly once.
 */
@Tag("slow")
class LiveJobITCase implements MiniClusterTest {
    @TempDir static Path tmp;
    static LiveStack stack;
    static LocalKafka kafka;
    static LocalPostgres pg;
    static CampaignPlan plan;
    static final AtomicInteger RUN = new AtomicInteger();

    @BeforeAll
    static void startStack() throws Exception {
        stack = LiveStack.start(tmp);
        kafka = stack.kafka;
        pg = stack.pg;
        plan = stack.plan;
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Fresh topics, database and directories for one run. */
    static LiveSettings fresh(CampaignPlan plan, boolean bounded) {
        return fresh(plan, bounded, 0);
    }

    /** With restarts, and idleness only for empty partitions, for jobs that will be drained. */
    static LiveSettings resilient() {
        return fresh(plan, false, 20).toBuilder().idleness(Duration.ofSeconds(5), true).build();
    }

    static LiveSettings fresh(CampaignPlan plan, boolean bounded, int restarts) {
        LiveSettings.Builder b = stack.fresh("t" + RUN.incrementAndGet(), plan);
        b.bounded = bounded;
        b.restartAttempts = restarts;
        return b.build();
    }

    static void produce(LiveSettings s, List<String> lines) {
        try (DemoProducer p = new DemoProducer(s.bootstrapServers(), s.inputTopics(), 0)) {
            p.run(DemoProducer.Feed.of(lines));
            assertThat(p.failure()).isNull();
        }
    }

    static JobClient start(LiveSettings s, String savepoint) throws Exception {
        Configuration conf = LiveJob.configuration(s);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        return env.executeAsync("live-it");
    }

    static void awaitCaughtUp(LiveSettings s, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (KafkaProgress progress =
                new KafkaProgress(s.bootstrapServers(), s.inputTopics(), s.groupId())) {
            while (!progress.caughtUp()) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("job still running")
                        .isFalse();
                assertThat(System.nanoTime())
                        .as("job caught up within 3 minutes")
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(200); // polling interval of a condition
            }
        }
    }

    static Path replay(List<String> lines, String name) throws Exception {
        return Replays.replayLines(plan, lines, tmp, name + "-replay");
    }

    static List<String> generated(int streamers, int events, long seed) {
        return stack.generated(streamers, events, seed);
    }

    static Map<String, List<String>> grantsOnTopic(LiveSettings s) {
        return GrantsTopicReader.read(s.bootstrapServers(), s.grantsTopic());
    }

    /**
     * The job's one job_status row after the end of its input or a drain: FINISHED, and the valid
     * events it read (the input lines less the rejected ones), counted once whatever restarts and
     * restores happened. A job that committed offsets to Kafka has completed a checkpoint and seen
     * a watermark; a short bounded one may have read everything before either.
     */
    static void assertJobFinished(LiveSettings s, int linesIn) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT job, state, events_in, (SELECT count(*) FROM rejected_event),"
                                        + " parallelism, watermark IS NOT NULL,"
                                        + " last_checkpoint_id IS NOT NULL FROM job_status")) {
            assertThat(rs.next()).as("a job_status row").isTrue();
            assertThat(rs.getString(1)).isEqualTo(s.groupId());
            assertThat(rs.getString(2)).isEqualTo("FINISHED");
            assertThat(rs.getLong(3)).as("events_in").isEqualTo(linesIn - rs.getLong(4));
            assertThat(rs.getInt(5)).isEqualTo(s.parallelism());
            if (!s.bounded()) {
                assertThat(rs.getBoolean(6)).as("watermark known").isTrue();
                assertThat(rs.getBoolean(7)).as("a checkpoint completed").isTrue();
            }
            assertThat(rs.next()).as("one row per job").isFalse();
        }
    }

    @Test
    void shouldFillTheTablesExactlyAsReplayDoes() throws Exception {
        List<String> lines = generated(2_000, 30_000, 11);
        LiveSettings s = fresh(plan, true);
        produce(s, lines);
        start(s, null).getJobExecutionResult().get(5, TimeUnit.MINUTES);
        assertJobFinished(s, lines.size());

        Path exported = tmp.resolve("export-bounded");
        TableExport.export(s.jdbcUrl(), null, null, exported);
        Map<String, List<String>> expected = Outputs.canonical(replay(lines, "bounded"));
        assertThat(expected.get("incentive_grant")).hasSizeGreaterThan(10);
        assertThat(Outputs.canonical(exported)).isEqualTo(expected);
    }

    @Test
    void shouldResumeFromASavepointWithNothingLostAndNothingDoubled() throws Exception {
        List<String> lines = generated(2_000, 30_000, 12);
        LiveSettings s = fresh(plan, false);
        produce(s, lines.subList(0, lines.size() / 2));
        JobClient first = start(s, null);
        awaitCaughtUp(s, first);
        String savepoint =
                first.stopWithSavepoint(false, s.savepointDir(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);

        produce(s, lines.subList(lines.size() / 2, lines.size()));
        JobClient second = start(s, savepoint);
        awaitCaughtUp(s, second);
        // Drain: event time moves to the end, so every campaign settles, as in `gmv demo`.
        second.stopWithSavepoint(true, s.savepointDir(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        second.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        // The count went on from the savepoint: the events of both halves, none twice.
        assertJobFinished(s, lines.size());

        Path exported = tmp.resolve("export-resumed");
        TableExport.export(s.jdbcUrl(), null, null, exported);
        Map<String, List<String>> expected = Outputs.canonical(replay(lines, "resumed"));
        assertThat(Outputs.canonical(exported)).isEqualTo(expected);

        Map<String, List<String>> onTopic = grantsOnTopic(s);
        assertThat(onTopic.values())
                .allSatisfy(v -> assertThat(v).as("each grant once on the topic").hasSize(1));
        assertThat(onTopic.keySet()).hasSize(expected.get("incentive_grant").size());
        assertThat(Outputs.byKey(exported, "incentive_grant").keySet()).isEqualTo(onTopic.keySet());
    }

    /** Waits until the job has read part of its input and completed a checkpoint after it. */
    static void awaitProgress(LiveSettings s, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (KafkaProgress progress =
                new KafkaProgress(s.bootstrapServers(), s.inputTopics(), s.groupId())) {
            while (progress.committed() == 0) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("job still running")
                        .isFalse();
                assertThat(System.nanoTime()).as("progress within 2 minutes").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(100); // polling interval of a condition
            }
        }
    }

    /** Drains the job, then checks the tables against replay and the grants topic. */
    static void drainAndCompare(LiveSettings s, JobClient job, List<String> lines, String name)
            throws Exception {
        awaitCaughtUp(s, job);
        job.stopWithSavepoint(true, s.savepointDir(), SavepointFormatType.CANONICAL)
                .get(3, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertJobFinished(s, lines.size());
        Path exported = tmp.resolve("export-" + name);
        TableExport.export(s.jdbcUrl(), null, null, exported);
        Map<String, List<String>> expected = Outputs.canonical(replay(lines, name));
        assertThat(Outputs.canonical(exported)).isEqualTo(expected);
        Map<String, List<String>> onTopic = grantsOnTopic(s);
        assertThat(onTopic.values())
                .allSatisfy(v -> assertThat(v).as("each grant once on the topic").hasSize(1));
        assertThat(onTopic.keySet()).isEqualTo(Outputs.byKey(exported, "incentive_grant").keySet());
    }

    @Test
    void shouldRecoverExactlyWhenTheBrokerRestartsMidStream() throws Exception {
        List<String> lines = generated(2_000, 30_000, 13);
        LiveSettings s = resilient();
        produce(s, lines.subList(0, lines.size() / 2));
        JobClient job = start(s, null);
        awaitProgress(s, job);
        kafka.restart();
        // Producers need a leader for every partition again before the second half goes in.
        List<String> all = new ArrayList<>(s.inputTopics());
        all.add(s.grantsTopic());
        kafka.createTopics(3, all.toArray(new String[0]));
        produce(s, lines.subList(lines.size() / 2, lines.size()));
        drainAndCompare(s, job, lines, "broker-restart");
    }

    @Test
    void shouldRecoverExactlyWhenPostgresIsDownForThirtySeconds() throws Exception {
        List<String> lines = generated(2_000, 30_000, 14);
        LiveSettings s = resilient();
        produce(s, lines);
        JobClient job = start(s, null);
        awaitProgress(s, job);
        pg.stop();
        TimeUnit.SECONDS.sleep(30); // the outage itself, not a wait for a condition
        pg.restart();
        drainAndCompare(s, job, lines, "postgres-outage");
    }

    @Test
    void shouldSettleOnAHeartbeatAfterARestoreWhilePartitionsAreQuiet() throws Exception {
        List<String> lines = generated(2_000, 30_000, 15);
        LiveSettings s = resilient().toBuilder().idleness(Duration.ofSeconds(2), true).build();
        produce(s, lines);
        JobClient first = start(s, null);
        awaitCaughtUp(s, first);
        String savepoint =
                first.stopWithSavepoint(false, s.savepointDir(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        JobClient second = start(s, savepoint);
        // The scenario: after the restore no event comes for longer than the idleness (2 s), so
        // every partition is idle and a drain alone would settle nothing (FLINK-40499).
        TimeUnit.SECONDS.sleep(6);
        try (DemoProducer p = new DemoProducer(s.bootstrapServers(), s.inputTopics(), 0)) {
            p.heartbeat(plan.lastSettleAt() + 3_600_000L);
        }
        drainAndCompare(s, second, lines, "heartbeat");
    }

    @Test
    void shouldRefuseToStartWhenATopicIsMissing() {
        LiveSettings s = fresh(plan, false);
        LiveSettings.Builder b = s.toBuilder();
        b.inputTopics = List.of(s.inputTopics().get(0), "no-such-topic");
        LiveSettings missing = b.build();
        assertThatThrownBy(() -> Preflight.check(missing, null))
                .isInstanceOf(Preflight.NotReady.class)
                .hasMessageContaining("no topic no-such-topic");
    }

    @Test
    void shouldRefuseToStartWhenTheDatabaseIsUnreachable() {
        LiveSettings s = fresh(plan, false);
        String dead = "jdbc:postgresql://127.0.0.1:" + LocalKafka.freePort() + "/gmv";
        String deadWithParameters = dead + "?user=postgres&connectTimeout=3";
        LiveSettings.Builder b = s.toBuilder();
        b.jdbcUrl = deadWithParameters;
        LiveSettings unreachable = b.build();
        assertThatThrownBy(() -> Preflight.check(unreachable, null))
                .isInstanceOf(Preflight.NotReady.class)
                .hasMessageContaining("cannot prepare the tables in PostgreSQL at " + dead)
                // Parameters may hold a password: never shown.
                .hasMessageNotContaining("connectTimeout");
    }

    @Test
    void shouldSayKafkaIsUnresolvable() {
        assertThatThrownBy(
                        () ->
                                Preflight.checkTopics(
                                        "no-such-host.invalid:9092", Map.of(), List.of("x")))
                .isInstanceOf(Preflight.NotReady.class)
                .hasMessageContaining("cannot reach Kafka at no-such-host.invalid:9092");
    }

    @Test
    void shouldSayKafkaIsUnreachable() {
        assertThatThrownBy(
                        () ->
                                Preflight.checkTopics(
                                        "127.0.0.1:" + LocalKafka.freePort(),
                                        Map.of(),
                                        List.of("x")))
                .isInstanceOf(Preflight.NotReady.class)
                .hasMessageContaining("cannot reach Kafka");
    }
}
