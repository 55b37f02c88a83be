package com.livegmv.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.metrics.GmvMetric;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.LateEvent;
import com.livegmv.output.LateHandling;
import java.util.List;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The counting pass-throughs after the engine: every row on unchanged, every row counted. */
class GrantMetricsTest {
    private final RecordingMetrics metrics = new RecordingMetrics();

    private static Grant grant(GrantKind kind, int tier, long rewardFen) {
        return new Grant("c1", "s1", kind, tier, rewardFen, 0, 0, "ORDER_PAID", "o1", 0);
    }

    private static LateEvent late(LateHandling handling) {
        LateEvent l = new LateEvent();
        l.handling = handling;
        return l;
    }

    /** Runs the rows through the operator at one timestamp: each comes out unchanged, with it. */
    private <T> void assertPassesOnUnchanged(
            OneInputStreamOperator<T, T> operator, List<T> rows, long timestamp) throws Exception {
        try (MockEnvironment env = metrics.environment();
                OneInputStreamOperatorTestHarness<T, T> h =
                        new OneInputStreamOperatorTestHarness<>(operator, env)) {
            h.open();
            for (T row : rows) {
                h.processElement(row, timestamp);
            }

            assertThat(h.extractOutputValues())
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(rows);
            assertThat(h.extractOutputStreamRecords())
                    .allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(timestamp));
        }
    }

    @Test
    void shouldCountGrantsAndRewardFenByKindAndPassEveryGrantOnUnchanged() throws Exception {
        List<Grant> grants =
                List.of(
                        grant(GrantKind.INSTANT, 1, 100_000),
                        grant(GrantKind.INSTANT, 2, 250_000),
                        grant(GrantKind.POST_EVENT, 3, 800_000),
                        grant(GrantKind.CLAWBACK, 2, -250_000));
        assertPassesOnUnchanged(new GrantMetrics(), grants, 7L);
        assertThat(metrics.counts(GmvMetric.GRANTS)).containsExactly(2L, 1L, 1L);
        // The clawback counts the amount taken back, positive: every series only grows.
        assertThat(metrics.counts(GmvMetric.REWARD_FEN))
                .containsExactly(350_000L, 800_000L, 250_000L);
    }

    @Test
    void shouldReportTheLagAsNaNBeforeTheFirstWatermarkThenWallClockMinusWatermark()
            throws Exception {
        try (MockEnvironment env = metrics.environment();
                OneInputStreamOperatorTestHarness<Grant, Grant> h =
                        new OneInputStreamOperatorTestHarness<>(new GrantMetrics(), env)) {
            h.open();
            assertThat((Double) metrics.gauge(GmvMetric.EVENT_TIME_LAG_MS)).isNaN();

            long watermark = System.currentTimeMillis() - 60_000;
            h.processWatermark(new Watermark(watermark));
            long before = System.currentTimeMillis();
            double lag = (Double) metrics.gauge(GmvMetric.EVENT_TIME_LAG_MS);
            long after = System.currentTimeMillis();
            assertThat(lag).isBetween((double) before - watermark, (double) after - watermark);
            assertThat(h.getOutput()).contains(new Watermark(watermark));

            // The end of a bounded input: all event time is complete.
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat((Double) metrics.gauge(GmvMetric.EVENT_TIME_LAG_MS)).isZero();
        }
    }

    @Test
    void shouldCountLateEventRowsByHandlingAndPassThemOn() throws Exception {
        List<LateEvent> rows =
                List.of(
                        late(LateHandling.UNAPPLIED_REFUND),
                        late(LateHandling.APPLIED),
                        late(LateHandling.UNAPPLIED_REFUND),
                        late(LateHandling.UNAPPLIED_REFUND));
        assertPassesOnUnchanged(new LateEventMetrics(), rows, 1L);
        assertThat(metrics.counts(GmvMetric.LATE_EVENTS)).containsExactly(1L, 0L, 3L);
    }
}
