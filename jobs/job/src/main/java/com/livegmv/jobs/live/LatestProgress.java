package com.livegmv.jobs.live;

import com.livegmv.output.Progress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Between the engine and the {@code streamer_progress} upsert: keeps only the latest progress row
 * per (campaign, streamer) until the next watermark (every 200 ms of processing time), a checkpoint
 * barrier or the end of input, then passes those on. The table holds only the latest row, so the
 * skipped ones would have been overwritten anyway; a streamer selling 1,000 orders a second costs
 * the database a few upserts a second instead of 1,000.
 *
 * <p>Nothing is kept across a checkpoint (the buffer is flushed before every barrier), so it has no
 * state; after a restore the engine re-emits what the replayed events change. Rows of one key keep
 * their order: each key comes from one engine subtask, chained to this operator.
 */
public final class LatestProgress extends AbstractStreamOperator<Progress>
        implements OneInputStreamOperator<Progress, Progress> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, Progress> latest;
    private transient StreamRecord<Progress> reuse;

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
            // The final row: flush what came before it, so it is never overtaken.
            latest.remove(key(p));
            flush();
            output.collect(reuse.replace(p));
            return;
        }
        latest.put(key(p), p);
    }

    private static String key(Progress p) {
        return p.campaignId + '\u0000' + p.streamerId;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
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
