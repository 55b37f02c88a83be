package com.livegmv.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.Tier;
import com.livegmv.events.Event;
import com.livegmv.events.EventType;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RejectReason;
import com.livegmv.events.RejectedEvent;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class SqlCumulateTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long MINUTE = 60_000L;

    /** 2024-12-05T00:00 in Shanghai. */
    private static final long T0 =
            LocalDateTime.parse("2024-12-05T00:00").atZone(SHANGHAI).toInstant().toEpochMilli();

    /** Event window [T0, T0 + 10 min): aligned to the epoch minute. */
    private static final Campaign A = campaign("a", T0, T0 + 10 * MINUTE);

    /** Event window [T0 + 5:30, T0 + 12:00): not minute-aligned, 6.5 min, so a 7-min window. */
    private static final Campaign B = campaign("b", T0 + 5 * MINUTE + 30_000, T0 + 12 * MINUTE);

    @Test
    void cumulativeGmvPerCampaignAndStreamer() throws Exception {
        List<ParsedRecord> input =
                List.of(
                        order("s1", T0 - MINUTE, 1000, false), // before both campaigns
                        order("s1", T0 + 10_000, 100, false),
                        registration("s1", T0 + 20_000), // not an order
                        order("s2", T0 + MINUTE, 50, false),
                        rejected(),
                        order("s2", T0 + 2 * MINUTE, 999, true), // risky: never counts
                        order("s1", T0 + 3 * MINUTE + 20_000, 200, false),
                        heartbeat(T0 + 4 * MINUTE),
                        order("s1", T0 + 7 * MINUTE + 45_000, 300, false), // in a and b
                        refund("s2", T0 + 8 * MINUTE + 1_000, 20), // in a and b
                        order("s2", T0 + 7 * MINUTE + 59_000, 5, false), // 2 s out of order
                        order("s3", T0 + 11 * MINUTE, 70, false)); // after a, in b

        List<Row> rows = run(input, new CampaignPlan(List.of(A, B)));

        // campaign -> streamer -> window end (minutes after the window start) -> [gmv, events]
        Map<String, Map<String, Map<Long, List<Long>>>> got = new TreeMap<>();
        for (Row r : rows) {
            long start = epochMillis(r.getFieldAs("window_start"));
            long end = epochMillis(r.getFieldAs("window_end"));
            String campaign = r.getFieldAs("campaign_id");
            assertThat(start).isEqualTo(campaign.equals("a") ? A.eventStart() : B.eventStart());
            Object previous =
                    got.computeIfAbsent(campaign, k -> new TreeMap<>())
                            .computeIfAbsent(r.getFieldAs("streamer_id"), k -> new TreeMap<>())
                            .put(
                                    (end - start) / MINUTE,
                                    List.of(r.<Long>getFieldAs("gmv_fen"), r.getFieldAs("events")));
            assertThat(previous).as("one row per window: %s", r).isNull();
        }

        assertThat(got.keySet()).containsExactly("a", "b");
        assertThat(got.get("a").keySet()).containsExactly("s1", "s2");
        assertThat(got.get("b").keySet()).containsExactly("s1", "s2", "s3");

        // One row per step from the streamer's first minute to the end of the window.
        assertThat(got.get("a").get("s1"))
                .containsExactlyEntriesOf(
                        cumulative(10, at(1, 100, 1), at(4, 300, 2), at(8, 600, 3)));
        assertThat(got.get("a").get("s2"))
                .containsExactlyEntriesOf(cumulative(10, at(2, 50, 1), at(8, 55, 2), at(9, 35, 3)));
        // b starts at 5:30: 7:45, 7:59 and 8:01 are in its 3rd minute, 11:00 in its 6th.
        assertThat(got.get("b").get("s1")).containsExactlyEntriesOf(cumulative(7, at(3, 300, 1)));
        assertThat(got.get("b").get("s2")).containsExactlyEntriesOf(cumulative(7, at(3, -15, 2)));
        assertThat(got.get("b").get("s3")).containsExactlyEntriesOf(cumulative(7, at(6, 70, 1)));
    }

    @Test
    void buildRunsInTheCallersJob() throws Exception {
        StreamExecutionEnvironment env = environment();
        SqlCumulate.build(
                env,
                source(env, List.of(order("s1", T0 + 10_000, 100, false))),
                new CampaignPlan(List.of(A, B)));
        // No uid missing (pipeline.auto-generate-uids is false), one job, the blackhole sink in it.
        assertThat(env.getStreamGraph(false).getStreamNodes())
                .anySatisfy(n -> assertThat(n.getOperatorName()).containsIgnoringCase("sink"));
        assertThat(env.execute("sql-cumulate").isJobExecutionResult()).isTrue();
    }

    @Test
    void intervalLiterals() {
        assertThat(SqlCumulate.interval(MINUTE))
                .isEqualTo("INTERVAL '0 00:01:00.000' DAY(6) TO SECOND(3)");
        assertThat(SqlCumulate.interval(8 * 86_400_000L + 3_723_004L))
                .isEqualTo("INTERVAL '8 01:02:03.004' DAY(6) TO SECOND(3)");
    }

    /**
     * The expected rows of one streamer: from its first window end up to {@code last}, each holding
     * the value of the latest change at or before it.
     */
    @SafeVarargs
    private static Map<Long, List<Long>> cumulative(
            long last, Map.Entry<Long, List<Long>>... changes) {
        TreeMap<Long, List<Long>> sorted = new TreeMap<>(Map.ofEntries(changes));
        Map<Long, List<Long>> expected = new TreeMap<>();
        for (long end = sorted.firstKey(); end <= last; end++) {
            expected.put(end, sorted.floorEntry(end).getValue());
        }
        return expected;
    }

    /** A change at a window end (minutes after the window start): the GMV and events from then. */
    private static Map.Entry<Long, List<Long>> at(long minute, long gmv, long events) {
        return Map.entry(minute, List.of(gmv, events));
    }

    private static List<Row> run(List<ParsedRecord> input, CampaignPlan plan) throws Exception {
        StreamExecutionEnvironment env = environment();
        StreamTableEnvironment tEnv = SqlCumulate.tableEnvironment(env);
        List<Row> rows = new ArrayList<>();
        try (var it = SqlCumulate.cumulative(tEnv, source(env, input), plan).executeAndCollect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The settings every GMV job runs with: no generated uids, no Kryo, object reuse. */
    static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment(
                JobSetup.base(1, Duration.ofMinutes(10)));
    }

    /** The records with timestamps and watermarks, as the replay and Kafka sources assign them. */
    static DataStream<ParsedRecord> source(
            StreamExecutionEnvironment env, List<ParsedRecord> input) {
        return env.fromData(input, TypeInformation.of(ParsedRecord.class))
                .uid("test-source")
                .assignTimestampsAndWatermarks(
                        GmvTopology.watermarks(Duration.ofSeconds(2), null, false))
                .uid("test-watermarks");
    }

    private static long epochMillis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Campaign campaign(String id, long eventStart, long eventEnd) {
        return campaign(id, eventStart, eventEnd, List.of(new Tier(1, 1000, 10, 30)));
    }

    static Campaign campaign(String id, long eventStart, long eventEnd, List<Tier> tiers) {
        return new Campaign(
                id,
                id,
                SHANGHAI,
                eventStart - 86_400_000L,
                eventStart,
                eventStart,
                eventEnd,
                Duration.ofDays(1).toMillis(),
                "SHOPPING",
                false,
                false,
                tiers);
    }

    static ParsedRecord order(String streamer, long time, long amount, boolean risky) {
        Event e = event(EventType.ORDER_PAID, streamer, time, "o-" + streamer + "-" + time);
        e.amountFen = amount;
        e.risky = risky;
        return record(e);
    }

    static ParsedRecord refund(String streamer, long time, long amount) {
        Event e = event(EventType.ORDER_REFUNDED, streamer, time, "r-" + streamer + "-" + time);
        e.amountFen = amount;
        e.orderId = "some-order";
        return record(e);
    }

    static ParsedRecord registration(String streamer, long time) {
        return record(event(EventType.REGISTRATION, streamer, time, "a"));
    }

    private static Event event(EventType type, String streamer, long time, String key) {
        Event e = new Event();
        e.type = type;
        e.streamerId = streamer;
        e.eventTime = time;
        e.key = key;
        e.origin = "test";
        return e;
    }

    private static ParsedRecord record(Event e) {
        ParsedRecord r = new ParsedRecord();
        r.event = e;
        return r;
    }

    static ParsedRecord rejected() {
        ParsedRecord r = new ParsedRecord();
        r.rejected =
                new RejectedEvent(
                        "test:1",
                        "{",
                        RejectReason.values()[0],
                        "bad",
                        Instant.parse("2024-12-05T00:00:00Z").toEpochMilli());
        return r;
    }

    static ParsedRecord heartbeat(long time) {
        ParsedRecord r = new ParsedRecord();
        r.heartbeat = time;
        return r;
    }
}
