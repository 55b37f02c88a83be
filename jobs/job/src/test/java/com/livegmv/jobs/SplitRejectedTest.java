package com.livegmv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.Event;
import com.livegmv.events.EventType;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RejectReason;
import com.livegmv.events.RejectedEvent;
import com.livegmv.jobs.metrics.RecordingMetrics;
import com.livegmv.metrics.GmvMetric;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The split of rejected records counts accepted events by type and rejections by reason. */
class SplitRejectedTest {
    private static ParsedRecord event(EventType type, String key) {
        ParsedRecord r = new ParsedRecord();
        r.event = new Event();
        r.event.type = type;
        r.event.streamerId = "s1";
        r.event.key = key;
        return r;
    }

    private static ParsedRecord rejected(RejectReason reason) {
        ParsedRecord r = new ParsedRecord();
        r.rejected = new RejectedEvent("f:1", "{", reason, "bad", 0);
        return r;
    }

    @Test
    void shouldCountAcceptedEventsByTypeAndRejectedRecordsByReason() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (MockEnvironment env = metrics.environment();
                OneInputStreamOperatorTestHarness<ParsedRecord, Event> h =
                        new OneInputStreamOperatorTestHarness<>(
                                new ProcessOperator<>(new GmvTopology.SplitRejected()), env)) {
            h.open();
            h.processElement(event(EventType.ORDER_PAID, "o1"), 1);
            h.processElement(rejected(RejectReason.MALFORMED_JSON), 0);
            h.processElement(event(EventType.ORDER_PAID, "o2"), 2);
            h.processElement(event(EventType.REGISTRATION, "c1"), 3);
            h.processElement(new ParsedRecord(), 0); // a blank line: neither
            h.processElement(rejected(RejectReason.MALFORMED_JSON), 0);
            h.processElement(rejected(RejectReason.UNSUPPORTED_CURRENCY), 0);

            assertThat(h.extractOutputValues())
                    .extracting(e -> e.key)
                    .containsExactly("o1", "o2", "c1");
            assertThat(h.getSideOutput(GmvTopology.REJECTED)).hasSize(3);
        }
        // LIVE_SESSION_STARTED, REGISTRATION, PREVIEW_PUBLISHED, ORDER_PAID, ORDER_REFUNDED
        assertThat(metrics.counts(GmvMetric.EVENTS_ACCEPTED)).containsExactly(0L, 1L, 0L, 2L, 0L);
        assertThat(metrics.count(GmvMetric.EVENTS_REJECTED, RejectReason.MALFORMED_JSON))
                .isEqualTo(2);
        assertThat(metrics.count(GmvMetric.EVENTS_REJECTED, RejectReason.UNSUPPORTED_CURRENCY))
                .isEqualTo(1);
        assertThat(metrics.count(GmvMetric.EVENTS_REJECTED, RejectReason.MISSING_FIELD)).isZero();
    }
}
