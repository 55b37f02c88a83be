package com.livegmv.tools.bench;

import static com.livegmv.tools.bench.SqlCumulateTest.order;
import static com.livegmv.tools.bench.SqlCumulateTest.refund;
import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.Tier;
import com.livegmv.events.Event;
import com.livegmv.events.EventType;
import com.livegmv.events.ParsedRecord;
import com.livegmv.jobs.JobSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

class SqlGroupByTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_733_328_000_000L; // 2024-12-04T16:00Z

    private static final Campaign A =
            SqlCumulateTest.campaign(
                    "a",
                    T0,
                    T0 + 10 * MINUTE,
                    List.of(new Tier(1, 5_000, 10, 30), new Tier(2, 20_000, 50, 90)));

    /** Overlaps a. */
    private static final Campaign B =
            SqlCumulateTest.campaign(
                    "b",
                    T0 + 5 * MINUTE + 30_000,
                    T0 + 14 * MINUTE,
                    List.of(
                            new Tier(1, 2_000, 1, 1),
                            new Tier(2, 9_000, 1, 1),
                            new Tier(3, 30_000, 1, 1)));

    @Test
    void sumsOrdersMinusRefundsPerCampaignAndStreamerInsideEachWindowWithItsTier()
            throws Exception {
        Random random = new Random(11);
        List<ParsedRecord> input = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String streamer = "s" + random.nextInt(6);
            long time = T0 - MINUTE + i * 1_500L + random.nextInt(1_000);
            long amount = 1 + random.nextInt(900);
            int kind = random.nextInt(10);
            input.add(
                    kind < 7
                            ? order(streamer, time, amount, kind == 0)
                            : kind < 9
                                    ? refund(streamer, time, amount)
                                    : SqlCumulateTest.registration(streamer, time));
        }
        input.add(SqlCumulateTest.rejected());
        CampaignPlan plan = new CampaignPlan(List.of(A, B));

        assertThat(run(input, plan)).isEqualTo(expected(input, plan)).hasSizeGreaterThan(8);
    }

    /** campaign / streamer -> [gmv, tier], by the rules in the class comment of SqlGroupBy. */
    private static Map<String, List<Long>> expected(List<ParsedRecord> input, CampaignPlan plan) {
        Map<String, Long> gmv = new TreeMap<>();
        for (ParsedRecord r : input) {
            Event e = r.event;
            if (e == null) {
                continue;
            }
            long signed;
            if (e.type == EventType.ORDER_PAID && !e.risky) {
                signed = e.amountFen;
            } else if (e.type == EventType.ORDER_REFUNDED) {
                signed = -e.amountFen;
            } else {
                continue;
            }
            for (Campaign c : plan.campaigns()) {
                if (e.eventTime >= c.eventStart() && e.eventTime < c.eventEnd()) {
                    gmv.merge(c.id() + "/" + e.streamerId, signed, Long::sum);
                }
            }
        }
        Map<String, List<Long>> rows = new TreeMap<>();
        gmv.forEach(
                (key, sum) -> {
                    Campaign c = key.startsWith("a/") ? A : B;
                    long tier = c.ladder().levelFor(sum);
                    rows.put(key, List.of(sum, tier));
                });
        return rows;
    }

    /** The query's final result: its changelog applied to a map. */
    private static Map<String, List<Long>> run(List<ParsedRecord> input, CampaignPlan plan)
            throws Exception {
        Configuration conf = JobSetup.base(1, Duration.ofMinutes(10));
        JobSetup.stateBackend(conf, "rocksdb");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = SqlCumulate.tableEnvironment(env);
        Map<String, List<Long>> rows = new TreeMap<>();
        try (var it =
                tEnv.toChangelogStream(
                                SqlGroupBy.table(tEnv, SqlCumulateTest.source(env, input), plan))
                        .executeAndCollect()) {
            it.forEachRemaining(
                    r -> {
                        String key =
                                r.getFieldAs("campaign_id") + "/" + r.getFieldAs("streamer_id");
                        if (r.getKind() == RowKind.INSERT || r.getKind() == RowKind.UPDATE_AFTER) {
                            rows.put(
                                    key,
                                    List.of(
                                            r.<Long>getFieldAs("gmv_fen"),
                                            (long) r.<Integer>getFieldAs("tier")));
                        } else {
                            rows.remove(key);
                        }
                    });
        }
        return rows;
    }
}
