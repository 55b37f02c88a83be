package com.livegmv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * A partition is idle only after the idleness period of input activity without ever delivering an
 * event: counted on the source's activity clock, which stands still while the task is
 * back-pressured (a restored job catching up), not on the wall clock.
 */
class IdleWhileEmptyTest {
    private static final long IDLE_MS = 5_000;

    private final ManualClock activity = new ManualClock();
    private final Output out = new Output();
    private final GmvTopology.IdleWhileEmpty generator =
            new GmvTopology.IdleWhileEmpty(
                    new BoundedOutOfOrdernessWatermarks<>(Duration.ofSeconds(2)),
                    IDLE_MS,
                    activity);

    @Test
    void shouldGoIdleAfterTheIdlenessOfActivityWithoutAnEvent() {
        emitEvery(100, IDLE_MS - 100);
        assertThat(out.idle).as("idle before the period").isFalse();

        emitEvery(100, 200);
        assertThat(out.idle).as("idle after the period").isTrue();
    }

    @Test
    void shouldNotGoIdleWhileTheActivityClockStandsStill() throws Exception {
        generator.onPeriodicEmit(out);
        // Back-pressured: the activity clock is paused however long the wall clock runs.
        for (int i = 0; i < 1_000; i++) {
            generator.onPeriodicEmit(out);
        }
        assertThat(out.idle).isFalse();

        emitEvery(100, IDLE_MS);
        assertThat(out.idle).as("idle once the clock has run the period").isTrue();
    }

    @Test
    void shouldNeverGoIdleOnceAnEventCame() {
        emitEvery(100, 1_000);
        generator.onEvent(order(), 1_700_000_000_000L, out);
        out.watermarks.clear();
        emitEvery(100, 10 * IDLE_MS);

        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).isNotEmpty().allMatch(w -> w == 1_700_000_000_000L - 2_001);
    }

    /** Periodic emits every {@code stepMs} of activity for {@code spanMs}. */
    private void emitEvery(long stepMs, long spanMs) {
        for (long t = 0; t < spanMs; t += stepMs) {
            generator.onPeriodicEmit(out);
            activity.advanceTime(stepMs, TimeUnit.MILLISECONDS);
        }
        generator.onPeriodicEmit(out);
    }

    private static ParsedRecord order() {
        byte[] line =
                ("{\"type\":\"ORDER_PAID\",\"event_time\":\"2023-11-14T22:13:20Z\","
                                + "\"order_id\":\"o1\",\"streamer_id\":\"s1\",\"session_id\":\"l1\","
                                + "\"merchant_id\":\"m1\",\"amount_fen\":100,\"currency\":\"CNY\"}")
                        .getBytes(StandardCharsets.UTF_8);
        ParsedRecord r = new RecordDecoder(Duration.ofHours(1)).decode(line, "t:0", 0);
        assertThat(r.event).as("a valid order").isNotNull();
        return r;
    }

    private static final class Output implements WatermarkOutput {
        boolean idle;
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            idle = false;
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
