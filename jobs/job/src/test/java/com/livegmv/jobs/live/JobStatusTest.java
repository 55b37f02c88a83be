package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.Event;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RejectedEvent;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The job_status operators: the counter counts valid events only and resumes from its snapshot,
 * also after a rescale; the writer waits for every counter and keeps the last real watermark and
 * the last checkpoint.
 */
class JobStatusTest {
    private static final int MAX_PARALLELISM = 128;

    private static ParsedRecord event() {
        ParsedRecord r = new ParsedRecord();
        r.event = new Event();
        return r;
    }

    private static ParsedRecord rejected() {
        ParsedRecord r = new ParsedRecord();
        r.rejected = new RejectedEvent();
        return r;
    }

    private static ParsedRecord heartbeat() {
        ParsedRecord r = new ParsedRecord();
        r.heartbeat = 1_000L;
        return r;
    }

    private static OneInputStreamOperatorTestHarness<ParsedRecord, JobStatus.Summary> counter(
            int parallelism, int subtask) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new JobStatus.EventCounter(), MAX_PARALLELISM, parallelism, subtask);
    }

    /** The summaries emitted so far, as "subtask/subtasks=events". */
    private static List<String> summaries(
            OneInputStreamOperatorTestHarness<ParsedRecord, JobStatus.Summary> h) {
        return h.extractOutputValues().stream()
                .map(s -> s.subtask + "/" + s.subtasks + "=" + s.eventsIn)
                .toList();
    }

    @Test
    void shouldCountValidEventsOnlyAndSayEverySecond() throws Exception {
        try (var h = counter(2, 1)) {
            h.open();
            h.processElement(event(), 1);
            h.processElement(rejected(), 1);
            h.processElement(heartbeat(), 1);
            h.processElement(event(), 2);
            assertThat(summaries(h)).isEmpty();
            h.setProcessingTime(JobStatus.SUMMARY_EVERY_MILLIS);
            assertThat(summaries(h)).containsExactly("1/2=2");
            h.processElement(event(), 3);
            h.setProcessingTime(2 * JobStatus.SUMMARY_EVERY_MILLIS);
            assertThat(summaries(h)).containsExactly("1/2=2", "1/2=3");
        }
    }

    @Test
    void shouldResumeTheCountFromItsSnapshotAndSumCountsAfterARescale() throws Exception {
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = counter(2, subtask)) {
                h.open();
                for (int i = 0; i <= subtask * 3; i++) {
                    h.processElement(event(), i); // subtask 0: 1 event, subtask 1: 4
                }
                snapshots[subtask] = h.snapshot(1, 1);
                h.processElement(event(), 9); // after the checkpoint: read again after a restore
            }
        }
        try (var h = counter(2, 1)) {
            h.initializeState(snapshots[1]);
            h.open();
            h.processElement(event(), 9);
            h.endInput();
            h.getOperator().finish();
            assertThat(summaries(h)).containsExactly("1/2=5");
        }
        OperatorSubtaskState one =
                AbstractStreamOperatorTestHarness.repartitionOperatorState(
                        AbstractStreamOperatorTestHarness.repackageState(snapshots),
                        MAX_PARALLELISM,
                        2,
                        1,
                        0);
        try (var h = counter(1, 0)) {
            h.initializeState(one);
            h.open();
            h.getOperator().finish();
            assertThat(summaries(h)).containsExactly("0/1=5");
        }
    }

    private static OneInputStreamOperatorTestHarness<JobStatus.Summary, JobStatus.Summary> writer()
            throws Exception {
        // Never connects here: writes happen on the writer's timer, which these tests never reach.
        return new OneInputStreamOperatorTestHarness<>(
                new JobStatus.Writer("group", "jdbc:postgresql://127.0.0.1:1/none", null, null));
    }

    @Test
    void shouldWriteOnlyOnceEveryCounterHasReportedAndSumTheirCounts() throws Exception {
        try (var h = writer()) {
            h.open();
            JobStatus.Writer w = (JobStatus.Writer) h.getOperator();
            assertThat(w.row("RUNNING")).isNull();
            h.processElement(new StreamRecord<>(new JobStatus.Summary(0, 2, 10)));
            assertThat(w.row("RUNNING")).as("subtask 1 not heard of yet").isNull();
            h.processElement(new StreamRecord<>(new JobStatus.Summary(1, 2, 5)));
            h.processElement(new StreamRecord<>(new JobStatus.Summary(0, 2, 12)));
            JobStatus.Writer.Row row = w.row("RUNNING");
            assertThat(row.eventsIn()).isEqualTo(17);
            assertThat(row.parallelism()).isEqualTo(2);
            assertThat(row.watermark()).isEqualTo(Long.MIN_VALUE);
            assertThat(row.checkpointId()).isEqualTo(-1);

            h.processWatermark(new Watermark(1_733_400_000_000L));
            h.notifyOfCompletedCheckpoint(7);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            row = w.row("RUNNING");
            assertThat(row.watermark())
                    .as("the end of event time is no time")
                    .isEqualTo(1_733_400_000_000L);
            assertThat(row.checkpointId()).isEqualTo(7);
            assertThat(row.checkpointAt()).isPositive();
        }
    }
}
