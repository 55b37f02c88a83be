package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads its splits merged by event time: it always advances the split whose clock (the largest
 * event time it has emitted) is lowest, so its output is nearly in event-time order whatever the
 * number of files and splits, and the engine's buffer of events waiting for the watermark stays
 * small.
 *
 * <p>Each split emits through its own split output, so it has its own watermark (from the job's
 * bounded out-of-orderness generator: its largest event time minus the bound): the job's watermark
 * is the minimum over every split of every file, and no event within the bound of the events before
 * it in its own file is ever late. A split that has not emitted an event yet has the lowest
 * possible clock, so it is read first, up to its first event: it holds the watermark back only
 * until then, and never lets it pass that event. A restored split restarts its watermark at once
 * from its checkpointed clock.
 *
 * <p>Runs in the task thread (no fetcher thread): the position it checkpoints is exactly the
 * records it has emitted. Splits paused by watermark alignment are skipped until resumed.
 */
final class LineSplitReader extends DecodingReader<LineSplit> {
    /** Records per call of {@link #pollNext}, at most. */
    static final int BATCH = 256;

    /**
     * Streams of plain files kept open at once; a split put aside beyond that is closed and
     * reopened at its position when its turn comes. Enough for every file of a backfill to be read
     * side by side without reopening.
     */
    static final int MAX_OPEN = 64;

    private static final int BUFFER = 1 << 16;

    private final long boundMillis;
    private final Runnable whenRead;
    private boolean read;
    private final List<Cursor> added = new ArrayList<>();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private final PriorityQueue<Cursor> ready =
            new PriorityQueue<>(
                    Comparator.<Cursor>comparingLong(c -> c.clock)
                            .thenComparingInt(c -> c.split.ordinal()));
    private int open;

    /**
     * @param boundMillis the out-of-orderness bound: a split's watermark is its clock minus it
     * @param decoder turns a line into an event or a rejected record
     * @param whenRead called once, when the last split has been read
     */
    LineSplitReader(long boundMillis, RecordDecoder decoder, Runnable whenRead) {
        super(decoder);
        this.boundMillis = boundMillis;
        this.whenRead = whenRead;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ParsedRecord> output) throws Exception {
        if (!added.isEmpty()) {
            for (Cursor c : added) {
                c.output = output.createOutputForSplit(c.split.splitId());
                if (c.clock != LineSplit.NO_EVENT) {
                    // Restored: the generator has not seen this split's events yet.
                    c.output.emitWatermark(new Watermark(c.clock - boundMillis - 1));
                }
                if (!c.paused) {
                    ready.add(c);
                }
            }
            added.clear();
        }
        Cursor c = ready.poll();
        if (c == null) {
            return status();
        }
        // Read c until its clock passes the next lowest one; equal clocks keep the order of the
        // splits, so a split with no event yet is read before any other is continued.
        Cursor next = ready.peek();
        long limit = next == null ? Long.MAX_VALUE : next.clock;
        for (int n = 0; n < BATCH; n++) {
            ParsedRecord r = c.next(this);
            if (r == null) {
                finish(c, output);
                return status();
            }
            c.output.collect(r);
            if (r.event != null && r.event.eventTime > c.clock) {
                c.clock = r.event.eventTime;
                if (c.clock > limit) {
                    break;
                }
            }
        }
        if (!c.paused) {
            if (open > MAX_OPEN && !c.split.gzip() && (next != null && c.clock > next.clock)) {
                c.close(this);
            }
            ready.add(c);
        }
        return InputStatus.MORE_AVAILABLE;
    }

    private void finish(Cursor c, ReaderOutput<ParsedRecord> output) throws IOException {
        c.close(this);
        cursors.remove(c.split.splitId());
        output.releaseOutputForSplit(c.split.splitId());
    }

    private InputStatus status() {
        if (!ready.isEmpty() || !added.isEmpty()) {
            return InputStatus.MORE_AVAILABLE;
        }
        if (noMoreSplits() && cursors.isEmpty()) {
            if (!read) {
                read = true;
                whenRead.run();
            }
            return InputStatus.END_OF_INPUT;
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<LineSplit> snapshotState(long checkpointId) {
        List<LineSplit> state = new ArrayList<>(cursors.size());
        for (Cursor c : cursors.values()) {
            state.add(c.split.at(c.position, c.line, c.clock));
        }
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (!ready.isEmpty() || !added.isEmpty() || (noMoreSplits() && cursors.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        return nextWakeUp();
    }

    @Override
    public void addSplits(List<LineSplit> splits) {
        for (LineSplit s : splits) {
            Cursor c = new Cursor(s);
            cursors.put(s.splitId(), c);
            added.add(c);
        }
        wakeUp();
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        for (String id : splitsToPause) {
            Cursor c = cursors.get(id);
            if (c != null && !c.paused) {
                c.paused = true;
                ready.remove(c);
            }
        }
        for (String id : splitsToResume) {
            Cursor c = cursors.get(id);
            if (c != null && c.paused) {
                c.paused = false;
                if (!added.contains(c)) {
                    ready.add(c);
                }
            }
        }
        if (!ready.isEmpty()) {
            wakeUp();
        }
    }

    @Override
    public void close() throws IOException {
        for (Cursor c : cursors.values()) {
            c.close(this);
        }
    }

    /**
     * One split being read: its position, its lines as bytes (a line ends at {@code \n}; a {@code
     * \r} just before it is dropped, any other {@code \r} is part of the record, SPEC §2), and
     * where its records go.
     */
    static final class Cursor {
        final LineSplit split;
        long position;
        long line;
        long clock;
        boolean paused;
        SourceOutput<ParsedRecord> output;

        private InputStream in;
        private byte[] buf;
        private int pos, limit;
        private byte[] carry = new byte[256];

        // The line just read: lineBytes[lineOff, lineOff + lineLen), its end dropped.
        private byte[] lineBytes;
        private int lineOff, lineLen;

        Cursor(LineSplit split) {
            this.split = split;
            this.position = split.position();
            this.line = split.line();
            this.clock = split.clock();
        }

        /** The next record, blank lines skipped; null at the end of the split. */
        ParsedRecord next(LineSplitReader reader) throws IOException {
            while (split.gzip() || position < split.end()) {
                if (in == null) {
                    open(reader);
                }
                long consumed = readLine();
                if (consumed < 0) {
                    return null;
                }
                long number = line;
                position += consumed;
                line++;
                byte[] payload = Arrays.copyOfRange(lineBytes, lineOff, lineOff + lineLen);
                if (!RecordDecoder.isBlank(payload, payload.length)) {
                    return reader.decoder.decode(payload, split.name(), number);
                }
            }
            return null;
        }

        /** Reads a line; returns the bytes it took with its end, or -1 at the end of input. */
        private long readLine() throws IOException {
            int carried = 0;
            while (true) {
                if (pos == limit && !fill()) {
                    if (carried == 0) {
                        return -1;
                    }
                    // A last line without '\n': nothing is dropped, not even a '\r'.
                    lineBytes = carry;
                    lineOff = 0;
                    lineLen = carried;
                    return carried;
                }
                int start = pos;
                int nl = start;
                while (nl < limit && buf[nl] != '\n') {
                    nl++;
                }
                int chunk = nl - start;
                if (nl == limit) {
                    carried = append(carried, start, chunk);
                    pos = limit;
                    continue;
                }
                pos = nl + 1;
                if (carried == 0) {
                    lineBytes = buf;
                    lineOff = start;
                    lineLen = chunk;
                } else {
                    carried = append(carried, start, chunk);
                    lineBytes = carry;
                    lineOff = 0;
                    lineLen = carried;
                }
                long consumed = lineLen + 1L;
                if (lineLen > 0 && lineBytes[lineOff + lineLen - 1] == '\r') {
                    lineLen--;
                }
                return consumed;
            }
        }

        private int append(int carried, int from, int length) {
            if (carried + length > carry.length) {
                carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carried + length));
            }
            System.arraycopy(buf, from, carry, carried, length);
            return carried + length;
        }

        private boolean fill() throws IOException {
            int r = in.read(buf, 0, buf.length);
            if (r <= 0) {
                return false;
            }
            pos = 0;
            limit = r;
            return true;
        }

        private void open(LineSplitReader reader) throws IOException {
            Path path = new Path(URI.create(split.uri()));
            FSDataInputStream raw = path.getFileSystem().open(path);
            if (split.gzip()) {
                in = new GZIPInputStream(raw, BUFFER);
                in.skipNBytes(position);
            } else {
                raw.seek(position);
                in = raw;
            }
            buf = new byte[BUFFER];
            pos = 0;
            limit = 0;
            reader.open++;
        }

        void close(LineSplitReader reader) throws IOException {
            if (in != null) {
                in.close();
                in = null;
                buf = null;
                reader.open--;
            }
        }
    }
}
