package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.output.Progress;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LatestProgressTest {
    private static Progress row(String streamer, long gmv, boolean settled) {
        Progress p = new Progress();
        p.campaignId = "1212-2024";
        p.streamerId = streamer;
        p.gmvFen = gmv;
        p.settled = settled;
        return p;
    }

    private static List<String> drain(OneInputStreamOperatorTestHarness<Progress, Progress> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                Progress p = (Progress) r.getValue();
                out.add(p.streamerId + "=" + p.gmvFen + (p.settled ? "!" : ""));
            } else if (o instanceof Watermark w) {
                out.add("wm" + w.getTimestamp());
            }
        }
        h.getOutput().clear();
        return out;
    }

    private static OneInputStreamOperatorTestHarness<Progress, Progress> harness()
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new LatestProgress(1_000));
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    @Test
    void passesOnOnlyTheLatestRowPerStreamerOncePerInterval() throws Exception {
        try (var h = harness()) {
            h.processElement(row("s1", 100, false), 1);
            h.processElement(row("s2", 5, false), 1);
            h.setProcessingTime(400);
            h.processElement(row("s1", 250, false), 2);
            h.processWatermark(new Watermark(10));
            assertThat(drain(h)).as("a watermark passes nothing on").containsExactly("wm10");
            h.setProcessingTime(999);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(1_000);
            assertThat(drain(h)).containsExactly("s1=250", "s2=5");
            h.setProcessingTime(5_000);
            assertThat(drain(h)).as("no rows, nothing to pass on").isEmpty();
        }
    }

    @Test
    void theIntervalStartsWithTheFirstRowAfterAQuietSpell() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(10_000);
            h.processElement(row("s1", 7, false), 1);
            h.setProcessingTime(10_999);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(11_000);
            assertThat(drain(h)).containsExactly("s1=7");
        }
    }

    @Test
    void theSettledRowGoesOnAtOnceAndReplacesThePendingRowOfItsKey() throws Exception {
        try (var h = harness()) {
            h.processElement(row("s2", 7, false), 1);
            h.processElement(row("s1", 300, false), 1);
            h.processElement(row("s1", 300, true), 2);
            assertThat(drain(h)).containsExactly("s1=300!");
            h.setProcessingTime(1_000);
            assertThat(drain(h))
                    .as("no older row of s1 follows its settled row")
                    .containsExactly("s2=7");
        }
    }

    @Test
    void nothingIsBufferedAcrossACheckpointOrTheEnd() throws Exception {
        try (var h = harness()) {
            h.processElement(row("s1", 1, false), 1);
            h.prepareSnapshotPreBarrier(1);
            assertThat(drain(h)).containsExactly("s1=1");
            h.processElement(row("s3", 9, false), 2);
            h.getOneInputOperator().finish();
            assertThat(drain(h)).containsExactly("s3=9");
        }
    }
}
