package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.GmvTopology;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The replay job's source: JSON Lines files cut into {@link LineSplit}s by the {@link
 * SplitPlanner}, all assigned when the readers register (split {@code k} to reader {@code k mod
 * parallelism}, so each reader gets splits spread over every file and over the whole time range),
 * read by {@link LineSplitReader}s in event-time order with a watermark per split.
 */
public final class ReplaySource implements Source<ParsedRecord, LineSplit, List<LineSplit>> {
    private static final long serialVersionUID = 1L;

    private final List<LineSplit> splits;
    private final long boundMillis;
    private final RecordDecoder decoder;

    /**
     * @param maxOutOfOrderness the watermark bound: a split's watermark is the largest event time
     *     it has emitted minus this
     * @param decoder turns a line into an event or a rejected record (the future-skew guard)
     */
    public ReplaySource(List<LineSplit> splits, Duration maxOutOfOrderness, RecordDecoder decoder) {
        this.splits = List.copyOf(splits);
        this.boundMillis = maxOutOfOrderness.toMillis();
        this.decoder = decoder;
    }

    /**
     * The job's watermarks with a bounded out-of-orderness, generated per split; with {@code
     * maxDrift}, splits whose watermark is more than that ahead of the slowest reader's pause.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(
            Duration maxOutOfOrderness, Duration maxDrift) {
        WatermarkStrategy<ParsedRecord> s = GmvTopology.watermarks(maxOutOfOrderness, null, false);
        return maxDrift == null
                ? s
                : s.withWatermarkAlignment("gmv-replay", maxDrift, Duration.ofMillis(100));
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ParsedRecord, LineSplit> createReader(SourceReaderContext context) {
        return new LineSplitReader(
                boundMillis, decoder, () -> context.sendSourceEventToCoordinator(new InputRead()));
    }

    @Override
    public SplitEnumerator<LineSplit, List<LineSplit>> createEnumerator(
            SplitEnumeratorContext<LineSplit> context) {
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<LineSplit, List<LineSplit>> restoreEnumerator(
            SplitEnumeratorContext<LineSplit> context, List<LineSplit> unassigned) {
        return new Enumerator(context, unassigned);
    }

    @Override
    public SimpleVersionedSerializer<LineSplit> getSplitSerializer() {
        return LineSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<LineSplit>> getEnumeratorCheckpointSerializer() {
        return new UnassignedSerializer();
    }

    /** A reader's word to the enumerator: it has read all its splits. */
    static final class InputRead implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Hands each reader its share when it registers ({@link SpreadEnumerator}); its state is what
     * is not handed out yet.
     *
     * <p>Reports the input as a backlog until every reader has read all its splits, so that
     * checkpoints follow {@code execution.checkpointing.interval-during-backlog} while the files
     * are read and the regular, short interval once they are: the final checkpoint, which commits
     * the output files, then comes soon after the end of the input.
     */
    static final class Enumerator extends SpreadEnumerator<LineSplit, List<LineSplit>> {
        private final Set<Integer> done = new HashSet<>();

        Enumerator(SplitEnumeratorContext<LineSplit> context, List<LineSplit> unassigned) {
            super(context, unassigned, LineSplit::ordinal);
        }

        @Override
        public void start() {
            context.setIsProcessingBacklog(true);
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            if (event instanceof InputRead && done.add(subtaskId)) {
                if (done.size() == context.currentParallelism()) {
                    context.setIsProcessingBacklog(false);
                }
            }
        }

        @Override
        public List<LineSplit> snapshotState(long checkpointId) {
            return unassigned();
        }
    }

    /** Version 1: a count, then each split as {@link LineSplit.Serializer} writes it. */
    static final class UnassignedSerializer implements SimpleVersionedSerializer<List<LineSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<LineSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64 + 128 * splits.size());
            out.writeInt(splits.size());
            for (LineSplit s : splits) {
                LineSplit.Serializer.write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<LineSplit> deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("unknown replay enumerator state version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<LineSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(LineSplit.Serializer.read(in));
            }
            return splits;
        }
    }
}
