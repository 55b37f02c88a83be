package com.livegmv.jobs.savepoint;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.replay.DecodingReader;
import com.livegmv.jobs.replay.SpreadEnumerator;
import com.livegmv.jobs.replay.VersionOneSerializer;
import java.io.DataInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A test-only source of the lines of one small file, decoded like every input: one split whose
 * state is the next line to read, so a savepoint taken mid-file resumes there. It can stop before a
 * given line and stay open (an unbounded source with nothing to say), for a savepoint to be taken
 * at that point; otherwise it ends after the last line.
 */
public final class LinesSource implements Source<ParsedRecord, LinesSource.Split, Boolean> {
    /** The fixture's events are of 2024: the default max_future_skew never rejects them. */
    private static final RecordDecoder DECODER =
            new RecordDecoder(GmvOptions.MAX_FUTURE_SKEW.defaultValue());

    private static final long serialVersionUID = 1L;

    /** Set when a reader reached its pause line. */
    static final AtomicBoolean PAUSED = new AtomicBoolean();

    private final String file;
    private final int pauseBefore;

    /**
     * @param pauseBefore the 1-based line to stop before, or 0 to read to the end
     */
    public LinesSource(Path file, int pauseBefore) {
        this.file = file.toAbsolutePath().toString();
        this.pauseBefore = pauseBefore;
    }

    @Override
    public Boundedness getBoundedness() {
        return pauseBefore > 0 ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<Split, Boolean> createEnumerator(SplitEnumeratorContext<Split> ctx) {
        return new Enumerator(ctx, false);
    }

    @Override
    public SplitEnumerator<Split, Boolean> restoreEnumerator(
            SplitEnumeratorContext<Split> ctx, Boolean assigned) {
        return new Enumerator(ctx, assigned);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new VersionOneSerializer<>(
                (s, out) -> out.writeInt(s.next()), in -> new Split(in.readInt()));
    }

    /** Whether the split has been assigned: one byte, 1 or 0. */
    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new VersionOneSerializer<>(
                (assigned, out) -> out.writeBoolean(assigned), DataInput::readBoolean);
    }

    @Override
    public SourceReader<ParsedRecord, Split> createReader(SourceReaderContext context) {
        return new Reader(Path.of(file), pauseBefore);
    }

    /** The file, from line {@code next} (1-based) on. */
    public record Split(int next) implements SourceSplit {
        @Override
        public String splitId() {
            return "lines";
        }
    }

    /** Hands the one split to reader 0; once assigned, it lives in the reader's state. */
    static final class Enumerator extends SpreadEnumerator<Split, Boolean> {
        Enumerator(SplitEnumeratorContext<Split> ctx, boolean assigned) {
            super(ctx, assigned ? List.of() : List.of(new Split(1)), s -> 0);
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return unassigned().isEmpty();
        }
    }

    static final class Reader extends DecodingReader<Split> {
        private final Path file;
        private final int pauseBefore;
        private final CompletableFuture<Void> never = new CompletableFuture<>();
        private List<String> lines;
        private int next;

        Reader(Path file, int pauseBefore) {
            super(DECODER);
            this.file = file;
            this.pauseBefore = pauseBefore;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<ParsedRecord> output) {
            if (lines == null) {
                return noMoreSplits() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
            }
            if (next == pauseBefore) {
                PAUSED.set(true);
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (next > lines.size()) {
                return InputStatus.END_OF_INPUT;
            }
            byte[] line = lines.get(next - 1).getBytes(StandardCharsets.UTF_8);
            output.collect(decoder.decode(line, file.getFileName().toString(), next));
            next++;
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return lines == null ? List.of() : List.of(new Split(next));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (lines != null) {
                return next == pauseBefore ? never : CompletableFuture.completedFuture(null);
            }
            return noMoreSplits() ? CompletableFuture.completedFuture(null) : nextWakeUp();
        }

        @Override
        public void addSplits(List<Split> splits) {
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            next = splits.get(0).next();
            wakeUp();
        }

        @Override
        public void close() {
            never.complete(null);
        }
    }
}
