package com.livegmv.jobs.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands each reader, when it registers, every split whose ordinal modulo the parallelism is the
 * reader's index, then tells it that no more will come: the assignment is fixed by the ordinals, so
 * the same input is read by the same readers in every run. A split handed back (its reader failed
 * before a checkpoint) goes again to that reader. What the enumerator checkpoints is the subclass's
 * choice.
 */
public abstract class SpreadEnumerator<S extends SourceSplit, C> implements SplitEnumerator<S, C> {
    protected final SplitEnumeratorContext<S> context;
    private final List<S> unassigned;
    private final ToIntFunction<S> ordinal;

    protected SpreadEnumerator(
            SplitEnumeratorContext<S> context, List<S> unassigned, ToIntFunction<S> ordinal) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
        this.ordinal = ordinal;
    }

    /** The splits not handed out yet. */
    protected List<S> unassigned() {
        return List.copyOf(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            addReader(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        int readers = context.currentParallelism();
        List<S> mine = new ArrayList<>();
        unassigned.removeIf(
                s -> {
                    if (ordinal.applyAsInt(s) % readers == subtaskId) {
                        mine.add(s);
                        return true;
                    }
                    return false;
                });
        for (S s : mine) {
            context.assignSplit(s, subtaskId);
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void close() {}
}
