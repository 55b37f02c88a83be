package com.livegmv.jobs.metrics;

import com.livegmv.metrics.GmvMetric;
import com.livegmv.output.Grant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts the engine's grants (rows and reward fen, by kind) and passes them on unchanged, chained
 * after the engine: the counters equal the rows the sinks receive by construction. It also reports
 * the event-time lag of the engine's output, which only an operator sees watermarks to measure.
 * Stateless: nothing to restore, nothing to clean up.
 */
public final class GrantMetrics extends AbstractStreamOperator<Grant>
        implements OneInputStreamOperator<Grant, Grant> {
    private static final long serialVersionUID = 1L;

    private transient Counter[] grants;
    private transient Counter[] rewardFen;

    /** The engine's output watermark; written by the task thread, read by the reporter's. */
    private transient volatile long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        grants = GmvMetric.GRANTS.counters(getMetricGroup());
        rewardFen = GmvMetric.REWARD_FEN.counters(getMetricGroup());
        GmvMetric.EVENT_TIME_LAG_MS.gauge(
                getMetricGroup(),
                (Gauge<Double>) () -> lagMillis(watermark, System.currentTimeMillis()));
    }

    @Override
    public void processElement(StreamRecord<Grant> record) {
        Grant g = record.getValue();
        int kind = g.kind.ordinal();
        grants[kind].inc();
        rewardFen[kind].inc(Math.abs(g.rewardFen));
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    /**
     * Wall clock minus watermark. Before the first watermark the lag is unknown: NaN, which
     * Prometheus and Grafana show as no value (0 would claim the job is current). At the end of a
     * bounded input the watermark is Long.MAX_VALUE: every event time is complete, lag 0. Negative
     * when event time runs ahead of this machine's clock (up to max_future_skew).
     */
    static double lagMillis(long watermark, long now) {
        if (watermark == Long.MIN_VALUE) {
            return Double.NaN;
        }
        if (watermark == Long.MAX_VALUE) {
            return 0;
        }
        return now - watermark;
    }
}
