package com.livegmv.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * A function that holds events back until the watermark passes them (the engine's ordering buffer)
 * reports how many it holds as the {@code gmv_events_waiting} gauge: it implements this interface
 * and calls {@link #register} from {@code open()}. The gauge exists only once a function does so;
 * no operator reports a placeholder.
 */
public interface WaitingEvents {
    /**
     * The events this parallel instance holds now, over all its keys. Read by the metrics reporter
     * from another thread: a plain field that the task thread updates is enough (a value a moment
     * old is fine). It must be right after a restore too, not only count from zero.
     */
    long waitingEvents();

    /** Registers {@code function}'s gauge in its operator's metric group. */
    static void register(MetricGroup operator, WaitingEvents function) {
        GmvMetric.EVENTS_WAITING.gauge(operator, function::waitingEvents);
    }
}
