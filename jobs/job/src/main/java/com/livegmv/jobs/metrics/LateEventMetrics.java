package com.livegmv.jobs.metrics;

import com.livegmv.metrics.GmvMetric;
import com.livegmv.output.LateEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts the engine's late_event rows by handling and passes them on unchanged, chained after the
 * engine, so the counters equal the rows the sink receives. Stateless.
 */
public final class LateEventMetrics extends AbstractStreamOperator<LateEvent>
        implements OneInputStreamOperator<LateEvent, LateEvent> {
    private static final long serialVersionUID = 1L;

    private transient Counter[] byHandling;

    @Override
    public void open() throws Exception {
        super.open();
        byHandling = GmvMetric.LATE_EVENTS.counters(getMetricGroup());
    }

    @Override
    public void processElement(StreamRecord<LateEvent> record) {
        byHandling[record.getValue().handling.ordinal()].inc();
        output.collect(record);
    }
}
