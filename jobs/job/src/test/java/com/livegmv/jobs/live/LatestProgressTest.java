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

    @Test
    void passesOnOnlyTheLatestRowPerStreamerAtEachWatermark() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new LatestProgress())) {
            h.open();
            h.processElement(row("s1", 100, false), 1);
            h.processElement(row("s2", 5, false), 1);
            h.processElement(row("s1", 250, false), 2);
            assertThat(drain(h)).isEmpty();
            h.processWatermark(new Watermark(10));
            assertThat(drain(h)).containsExactly("s1=250", "s2=5", "wm10");
            h.processWatermark(new Watermark(20));
            assertThat(drain(h)).containsExactly("wm20");
        }
    }

    @Test
    void theSettledRowIsNeverOvertakenOrHeldBack() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new LatestProgress())) {
            h.open();
            h.processElement(row("s2", 7, false), 1);
            h.processElement(row("s1", 300, false), 1);
            h.processElement(row("s1", 300, true), 2);
            assertThat(drain(h)).containsExactly("s2=7", "s1=300!");
        }
    }

    @Test
    void nothingIsBufferedAcrossACheckpointOrTheEnd() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new LatestProgress())) {
            h.open();
            h.processElement(row("s1", 1, false), 1);
            h.prepareSnapshotPreBarrier(1);
            assertThat(drain(h)).containsExactly("s1=1");
            h.processElement(row("s3", 9, false), 2);
            h.getOneInputOperator().finish();
            assertThat(drain(h)).containsExactly("s3=9");
        }
    }
}
