package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * What the project's source readers of lines share: the decoder that turns each line into a record,
 * and the wake-up of a task that waits for splits to arrive or to be resumed, or for the word that
 * none will come. Flink calls a reader only from its task thread, so none of this is synchronised.
 */
public abstract class DecodingReader<S extends SourceSplit>
        implements SourceReader<ParsedRecord, S> {
    protected final RecordDecoder decoder;
    private CompletableFuture<Void> wakeUp = new CompletableFuture<>();
    private boolean noMoreSplits;

    protected DecodingReader(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void start() {}

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        wakeUp();
    }

    /** True once the enumerator has said that no more splits will come. */
    protected final boolean noMoreSplits() {
        return noMoreSplits;
    }

    /** Completes what {@link #nextWakeUp} has handed out: there may be something to read now. */
    protected final void wakeUp() {
        CompletableFuture<Void> waiting = wakeUp;
        wakeUp = new CompletableFuture<>();
        waiting.complete(null);
    }

    /** For {@link #isAvailable} when nothing can be read now: completed by the next wake-up. */
    protected final CompletableFuture<Void> nextWakeUp() {
        return wakeUp;
    }
}
