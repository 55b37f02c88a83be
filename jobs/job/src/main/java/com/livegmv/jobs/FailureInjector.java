package com.livegmv.jobs;

import com.livegmv.events.Event;
import com.livegmv.events.Times;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code --inject-failures N}: fails the job on purpose at N points spread evenly over the campaign
 * plan's event time, each after at least one checkpoint has completed, so that every restart
 * resumes from a checkpoint. Failure k (1-based) happens only in attempt k-1 of the task: after N
 * restarts it lets everything through. Outputs must equal a clean run's.
 */
public final class FailureInjector extends ProcessFunction<Event, Event>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    /** Failures injected in this JVM (local runs print it; a cluster logs each one). */
    public static final AtomicInteger INJECTED = new AtomicInteger();

    /** The pause per record while past a point and waiting for a checkpoint. */
    private static final long CATCH_UP_NANOS = 1_000_000;

    private final long[] points;
    private transient int attempt;
    private transient boolean checkpointed;

    public FailureInjector(int failures, long fromEventTime, long toEventTime) {
        points = new long[failures];
        // Over the first 70% of the range, so that after the last failure there is still
        // enough input for a checkpoint to complete and the next point to be reached.
        long span = (toEventTime - fromEventTime) / 10 * 7;
        for (int k = 1; k <= failures; k++) {
            points[k - 1] = fromEventTime + span / (failures + 1) * k;
        }
    }

    @Override
    public void open(OpenContext openContext) {
        attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        checkpointed = false;
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        if (!checkpointed && attempt < points.length && e.eventTime >= points[attempt]) {
            // Past the point before a checkpoint of this attempt completed (a fast replay): slow
            // down until one does, or the failure asked for would silently not happen. The task
            // takes a checkpoint only between records, so this cannot wait for it in place.
            LockSupport.parkNanos(CATCH_UP_NANOS);
        }
        if (checkpointed && attempt < points.length && e.eventTime >= points[attempt]) {
            INJECTED.incrementAndGet();
            String what =
                    "injected failure "
                            + (attempt + 1)
                            + "/"
                            + points.length
                            + " at event time "
                            + Times.format(e.eventTime)
                            + " (--inject-failures; the job restarts from its last checkpoint)";
            System.err.println("gmv: " + what);
            throw new InjectedFailure(what);
        }
        out.collect(e);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }

    /** The exception of an injected failure, recognisable in logs. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
