package com.livegmv.tools.bench;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.replay.DecodingReader;
import com.livegmv.jobs.replay.SpreadEnumerator;
import com.livegmv.jobs.replay.VersionOneSerializer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Reads {@link MemoryEvents} partitions, one per reader (as Kafka partitions keyed by streamer
 * would be), decoding each line with the same {@link RecordDecoder} as the Kafka job. Optionally
 * ends each partition with a watermark heartbeat and then stays open, so that a job can be observed
 * with every event applied and no campaign settled.
 */
public final class MemorySource implements Source<ParsedRecord, MemorySource.Split, Void> {
    private static final long serialVersionUID = 1L;

    /** System.nanoTime() of the first record any reader emitted; 0 before. */
    static final AtomicLong FIRST_EMIT_NANOS = new AtomicLong();

    /** Lines of finished partitions, since the last {@link #resetCounters}. */
    static final AtomicLong EMITTED = new AtomicLong();

    private final String dataId;
    private final int partitions;
    private final long heartbeat;
    private final boolean holdOpen;

    /**
     * @param heartbeat after its last line, each partition sends a heartbeat with this time
     *     (Long.MIN_VALUE: none)
     * @param holdOpen never finish (an unbounded source): the job runs until cancelled
     */
    public MemorySource(MemoryEvents data, long heartbeat, boolean holdOpen) {
        this.dataId = data.id();
        this.partitions = data.partitionCount();
        this.heartbeat = heartbeat;
        this.holdOpen = holdOpen;
    }

    /**
     * Readers emit nothing until this many {@link CountingSink} writers exist (0: no wait), so the
     * measured span starts when every downstream task is initialised, not while some are still
     * being deployed.
     */
    static volatile int awaitWriters;

    static void resetCounters() {
        FIRST_EMIT_NANOS.set(0);
        EMITTED.set(0);
    }

    private static boolean gateOpen() {
        return CountingSink.WRITERS.get() >= awaitWriters;
    }

    @Override
    public Boundedness getBoundedness() {
        return holdOpen ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<Split, Void> createEnumerator(SplitEnumeratorContext<Split> context) {
        List<Split> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new Split(p, 0));
        }
        return new Enumerator(context, all);
    }

    @Override
    public SplitEnumerator<Split, Void> restoreEnumerator(
            SplitEnumeratorContext<Split> context, Void checkpoint) {
        // Splits live in the readers' state once assigned; nothing is left to hand out.
        return new Enumerator(context, List.of());
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new VersionOneSerializer<>(
                (s, out) -> {
                    out.writeInt(s.partition());
                    out.writeInt(s.next());
                },
                in -> new Split(in.readInt(), in.readInt()));
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new VersionOneSerializer<>((nothing, out) -> {}, in -> null);
    }

    @Override
    public SourceReader<ParsedRecord, Split> createReader(SourceReaderContext context) {
        return new Reader(MemoryEvents.lookup(dataId), heartbeat, holdOpen);
    }

    /** Partition {@code partition}, from line {@code next} on. */
    public record Split(int partition, int next) implements SourceSplit {
        @Override
        public String splitId() {
            return "p" + partition;
        }
    }

    /** Partition p goes to reader p mod parallelism, all at once when the reader registers. */
    static final class Enumerator extends SpreadEnumerator<Split, Void> {
        Enumerator(SplitEnumeratorContext<Split> context, List<Split> splits) {
            super(context, splits, Split::partition);
        }

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }
    }

    /** Emits one line per call; its splits one after the other. */
    static final class Reader extends DecodingReader<Split> {
        private final MemoryEvents data;
        private final long heartbeat;
        private final boolean holdOpen;
        private final ArrayDeque<Split> queued = new ArrayDeque<>();
        private final CompletableFuture<Void> never = new CompletableFuture<>();
        private byte[][] lines;
        private String origin;
        private int partition = -1;
        private int next;
        private int startedAt;
        private boolean started;

        Reader(MemoryEvents data, long heartbeat, boolean holdOpen) {
            super(new RecordDecoder(GmvOptions.MAX_FUTURE_SKEW.defaultValue()));
            this.data = data;
            this.heartbeat = heartbeat;
            this.holdOpen = holdOpen;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<ParsedRecord> output) {
            if (!started) {
                if (!gateOpen()) {
                    return InputStatus.NOTHING_AVAILABLE;
                }
                started = true;
            }
            if (lines == null && !nextSplit()) {
                return noMoreSplits() && !holdOpen
                        ? InputStatus.END_OF_INPUT
                        : InputStatus.NOTHING_AVAILABLE;
            }
            if (next == 0 && FIRST_EMIT_NANOS.get() == 0) {
                FIRST_EMIT_NANOS.compareAndSet(0, System.nanoTime());
            }
            if (next < lines.length) {
                output.collect(decoder.decode(lines[next], origin, next + 1L));
                next++;
                return InputStatus.MORE_AVAILABLE;
            }
            if (heartbeat != Long.MIN_VALUE) {
                ParsedRecord hb = new ParsedRecord();
                hb.heartbeat = heartbeat;
                output.collect(hb);
            }
            EMITTED.addAndGet(lines.length - startedAt);
            lines = null;
            return queued.isEmpty() && noMoreSplits() && !holdOpen
                    ? InputStatus.END_OF_INPUT
                    : InputStatus.MORE_AVAILABLE;
        }

        private boolean nextSplit() {
            Split s = queued.poll();
            if (s == null) {
                return false;
            }
            partition = s.partition();
            next = s.next();
            startedAt = next;
            lines = data.partition(partition);
            origin = "memory:" + partition;
            return true;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            List<Split> state = new ArrayList<>(queued);
            if (lines != null) {
                state.add(0, new Split(partition, next));
            }
            return state;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (!started && !gateOpen()) {
                // Polls the writer count: a benchmark start-up wait, not synchronisation of data.
                return CompletableFuture.runAsync(
                        () -> {}, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
            }
            if (lines != null || !queued.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (noMoreSplits()) {
                return holdOpen ? never : CompletableFuture.completedFuture(null);
            }
            return nextWakeUp();
        }

        @Override
        public void addSplits(List<Split> splits) {
            queued.addAll(splits);
            wakeUp();
        }

        @Override
        public void close() {
            never.complete(null);
        }
    }
}
