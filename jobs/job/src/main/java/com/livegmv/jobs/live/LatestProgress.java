package com.livegmv.jobs.live;

import com.livegmv.output.Progress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Between the engine and the {@code streamer_progress} upsert: keeps only the latest progress row
 * per (campaign, streamer) and passes them on once per interval of processing time, so PostgreSQL
 * sees at most one upsert per key per interval however fast a streamer sells. The table holds only
 * the latest row, so the skipped ones would have been overwritten anyway.
 *
 * <p>Nothing is kept across a checkpoint (the buffer is flushed before every barrier, and at the
 * end of input), so it has no state; after a restore the engine re-emits what the replayed events
 * change. A settled row, the key's last, goes on at once and replaces the key's pending row, so no
 * older row of that key can follow it. Rows of one key keep their order: each key comes from one
 * engine subtask, chained to this operator.
 */
public final class LatestProgress extends AbstractStreamOperator<Progress>
        implements OneInputStreamOperator<Progress, Progress>, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private transient Map<String, Progress> latest;
    private transient StreamRecord<Progress> reuse;
    private transient boolean timerSet;

    public LatestProgress(long intervalMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("the interval must be at least 1 ms");
        }
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        latest = new LinkedHashMap<>();
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<Progress> element) {
        Progress p = element.getValue();
        if (p.settled) {
            latest.remove(key(p));
            output.collect(reuse.replace(p));
            return;
        }
        if (!timerSet) {
            // The first row since the last timer starts the interval: no timer runs while idle.
            timerSet = true;
            getProcessingTimeService()
                    .registerTimer(
                            getProcessingTimeService().getCurrentProcessingTime() + intervalMillis,
                            this);
        }
        // The engine emits a new row object each time, so keeping the reference is safe.
        latest.put(key(p), p);
    }

    private static String key(Progress p) {
        return p.campaignId + '\u0000' + p.streamerId;
    }

    @Override
    public void onProcessingTime(long time) {
        timerSet = false;
        flush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (latest.isEmpty()) {
            return;
        }
        for (Progress p : latest.values()) {
            output.collect(reuse.replace(p));
        }
        latest.clear();
    }
}
