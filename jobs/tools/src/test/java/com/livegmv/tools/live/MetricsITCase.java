package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.engine.IncentiveEngine;
import com.livegmv.events.Event;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.metrics.PrometheusEndpoint;
import com.livegmv.metrics.GmvMetric;
import com.livegmv.metrics.WaitingEvents;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import com.livegmv.tools.cli.GmvDashboard;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gmv metrics as Prometheus scrapes them from a local run: the live job on the MiniCluster that
 * {@code StreamExecutionEnvironment.getExecutionEnvironment(conf)} starts (as {@code gmv run} does;
 * hence no shared MiniCluster extension here), with the endpoint configured through that
 * configuration. Once the tables are complete, every counter equals the rows of its table.
 */
@Tag("slow")
class MetricsITCase {
    @TempDir static Path tmp;

    /** Closed by JUnit once every test has run. */
    @AutoClose static LiveStack stack;

    static CampaignPlan plan;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LiveStack.start(tmp);
        plan = stack.plan;
    }

    @Test
    void shouldServeCountersEqualToTheRowsOfTheTables() throws Exception {
        List<String> lines = stack.generated(2_000, 30_000, 21);
        LiveSettings s = stack.fresh("m1", plan).build();
        try (DemoProducer p = new DemoProducer(s.bootstrapServers(), s.inputTopics(), 0)) {
            p.run(DemoProducer.Feed.of(lines));
            assertThat(p.failure()).isNull();
        }
        Map<String, Integer> expectedRows = rowCounts(replay(lines));
        assertThat(expectedRows.get("incentive_grant")).isPositive();
        assertThat(expectedRows.get("rejected_event")).isPositive();
        assertThat(expectedRows.get("late_event")).isPositive();

        Configuration conf = LiveJob.configuration(s);
        int port = LocalKafka.freePort();
        PrometheusEndpoint.configure(conf, PrometheusEndpoint.LOOPBACK, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        JobClient job = env.executeAsync("metrics-it");
        try {
            awaitCaughtUp(s, job);
            // Event time past every settlement, so every grant and settlement row comes out.
            long heartbeat = plan.lastSettleAt() + 3_600_000L;
            try (DemoProducer p = new DemoProducer(s.bootstrapServers(), s.inputTopics(), 0)) {
                p.heartbeat(heartbeat);
            }
            awaitRows(s, job, expectedRows);

            long before = System.currentTimeMillis();
            Scrape scrape = Scrape.of("http://127.0.0.1:" + port + "/metrics");
            long after = System.currentTimeMillis();

            List<Event> valid = validEvents(lines, s);
            assertCountersEqualTables(scrape, s, valid);
            // The engine's output watermark: at least the heartbeat's, at most the newest event
            // time's, each minus the out-of-orderness bound and 1 ms.
            long bound = s.maxOutOfOrderness().toMillis() + 1;
            long newest =
                    Math.max(
                            heartbeat,
                            valid.stream().mapToLong(e -> e.eventTime).max().orElseThrow());
            assertThat(scrape.named(GmvMetric.EVENT_TIME_LAG_MS.prometheusName()))
                    .hasSize(s.parallelism())
                    .allSatisfy(
                            l ->
                                    assertThat(l.value())
                                            .isBetween(
                                                    (double) before - (newest - bound),
                                                    (double) after - (heartbeat - bound)));
            boolean waiting = WaitingEvents.class.isAssignableFrom(IncentiveEngine.class);
            for (GmvMetric m : GmvMetric.values()) {
                assertThat(scrape.names().contains(m.prometheusName()))
                        .as("%s in the scrape", m.prometheusName())
                        .isEqualTo(m != GmvMetric.EVENTS_WAITING || waiting);
            }
            // Every metric the Grafana dashboard of docker/ queries, Flink's own included.
            for (String name : GmvDashboard.load().metricNames()) {
                if (waiting || !name.equals(GmvMetric.EVENTS_WAITING.prometheusName())) {
                    assertThat(scrape.names()).as("queried by the dashboard").contains(name);
                }
            }
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static void assertCountersEqualTables(Scrape scrape, LiveSettings s, List<Event> valid)
            throws Exception {
        Map<String, Long> validByType = new TreeMap<>();
        valid.forEach(e -> validByType.merge(e.type.name(), 1L, Long::sum));
        assertThat(nonZero(scrape.sumBy(GmvMetric.EVENTS_ACCEPTED.prometheusName(), "type")))
                .isEqualTo(validByType);

        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            assertThat(nonZero(scrape.sumBy(GmvMetric.EVENTS_REJECTED.prometheusName(), "reason")))
                    .isEqualTo(query(db, "SELECT reason, count(*) FROM rejected_event GROUP BY 1"));
            assertThat(nonZero(scrape.sumBy(GmvMetric.GRANTS.prometheusName(), "kind")))
                    .isEqualTo(query(db, "SELECT kind, count(*) FROM incentive_grant GROUP BY 1"))
                    .containsKeys("INSTANT", "POST_EVENT");
            assertThat(nonZero(scrape.sumBy(GmvMetric.REWARD_FEN.prometheusName(), "kind")))
                    .isEqualTo(
                            query(
                                    db,
                                    "SELECT kind, sum(abs(reward_fen)) FROM incentive_grant"
                                            + " GROUP BY 1"));
            assertThat(nonZero(scrape.sumBy(GmvMetric.LATE_EVENTS.prometheusName(), "handling")))
                    .isEqualTo(query(db, "SELECT handling, count(*) FROM late_event GROUP BY 1"));
        }
    }

    /** The input's valid events, as the job's decoder reads them. */
    private static List<Event> validEvents(List<String> lines, LiveSettings s) {
        RecordDecoder decoder = new RecordDecoder(s.maxFutureSkew());
        List<Event> valid = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ParsedRecord r = decoder.decode(lines.get(i).getBytes(StandardCharsets.UTF_8), "t", i);
            if (r.event != null) {
                valid.add(r.event);
            }
        }
        return valid;
    }

    /** Every counter is registered for every label value; the tables only hold the non-zero. */
    private static Map<String, Long> nonZero(Map<String, Long> sums) {
        Map<String, Long> out = new TreeMap<>(sums);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static Map<String, Long> query(Connection db, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Path replay(List<String> lines) throws Exception {
        return Replays.replayLines(plan, lines, tmp, "replay");
    }

    private static Map<String, Integer> rowCounts(Path replayOut) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Table<?> t : Tables.ALL) {
            counts.put(t.name(), Outputs.rows(replayOut, t.name()).size());
        }
        return counts;
    }

    private static void awaitCaughtUp(LiveSettings s, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (KafkaProgress progress =
                new KafkaProgress(s.bootstrapServers(), s.inputTopics(), s.groupId())) {
            while (!progress.caughtUp()) {
                assertRunning(job, deadline, "caught up");
                TimeUnit.MILLISECONDS.sleep(200); // polling interval of a condition
            }
        }
    }

    /** Until every table holds as many rows as replay wrote: the live job has written them all. */
    private static void awaitRows(LiveSettings s, JobClient job, Map<String, Integer> expected)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            while (!rowCounts(db).equals(expected)) {
                assertRunning(
                        job, deadline, "tables complete: " + rowCounts(db) + " of " + expected);
                TimeUnit.MILLISECONDS.sleep(200); // polling interval of a condition
            }
        }
    }

    private static Map<String, Integer> rowCounts(Connection db) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Table<?> t : Tables.ALL) {
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.name())) {
                rs.next();
                counts.put(t.name(), rs.getInt(1));
            }
        }
        return counts;
    }

    private static void assertRunning(JobClient job, long deadline, String what) throws Exception {
        assertThat(job.getJobStatus().get().isGloballyTerminalState())
                .as("job still running")
                .isFalse();
        assertThat(System.nanoTime()).as(what).isLessThan(deadline);
    }
}
