package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.IntMaximum;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the records read and rejected per input file, as accumulators the client reads while the
 * job runs (progress) and at the end (the summary, and the warning about a mostly rejected file).
 * The counts are checkpointed with the reader's position, so after a restart they continue from the
 * checkpoint instead of from zero: exact however often the job restarts.
 */
final class InputTally extends ProcessFunction<ParsedRecord, ParsedRecord>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** The task attempt: how many times the job has restarted. */
    static final String ATTEMPT = "replay.attempt";

    static String records(int input) {
        return "replay.records." + input;
    }

    static String rejected(int input) {
        return "replay.rejected." + input;
    }

    private final List<String> names;

    private transient Map<String, Integer> index;
    private transient long[] counts; // records of input i at 2i, rejected at 2i + 1
    private transient LongCounter[] counters;
    private transient ListState<long[]> state;
    private transient String lastOrigin;
    private transient int lastInput;

    /**
     * @param names the input files as named in the records' sources, in flag order
     */
    InputTally(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = new long[2 * names.size()];
        state =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "input-tally",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        for (long[] restored : state.get()) {
            for (int i = 0; i < counts.length && i < restored.length; i++) {
                counts[i] += restored[i];
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        counters = new LongCounter[counts.length];
        for (int i = 0; i < names.size(); i++) {
            counters[2 * i] = getRuntimeContext().getLongCounter(records(i));
            counters[2 * i + 1] = getRuntimeContext().getLongCounter(rejected(i));
        }
        for (int i = 0; i < counts.length; i++) {
            counters[i].add(counts[i]);
        }
        getRuntimeContext()
                .addAccumulator(
                        ATTEMPT,
                        new IntMaximum(getRuntimeContext().getTaskInfo().getAttemptNumber()));
    }

    @Override
    public void processElement(ParsedRecord r, Context ctx, Collector<ParsedRecord> out) {
        int at;
        if (r.event != null) {
            at = 2 * input(r.event.origin);
        } else if (r.rejected != null) {
            String source = r.rejected.source;
            at = 2 * input(source.substring(0, source.lastIndexOf(':'))) + 1;
            count(at - 1);
        } else {
            out.collect(r);
            return;
        }
        count(at);
        out.collect(r);
    }

    private void count(int at) {
        counts[at]++;
        counters[at].add(1L);
    }

    /** Consecutive records mostly come from the same split, so the same origin instance. */
    private int input(String origin) {
        if (origin != lastOrigin) {
            lastInput = index.get(origin);
            lastOrigin = origin;
        }
        return lastInput;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(List.of(counts.clone()));
    }
}
