package com.livegmv.metrics;

import com.livegmv.events.EventType;
import com.livegmv.events.RejectReason;
import com.livegmv.output.GrantKind;
import com.livegmv.output.LateHandling;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's business metrics: one place for the names the operators register, the Grafana dashboard
 * queries and the docs list. Each lives in the {@code gmv} group of the operator that reports it. A
 * metric broken down by an enum (a label) is one counter per constant, in a key/value group, which
 * the Prometheus reporter turns into the key in the name and a label: {@code
 * flink_taskmanager_job_task_operator_gmv_type_events_accepted{type="ORDER_PAID"}}.
 *
 * <p>Counters live in memory: they count since the operator last started, so a restart from a
 * checkpoint resets them and counts the replayed records again. Prometheus' {@code rate} and {@code
 * increase} treat such a reset as one.
 */
public enum GmvMetric {
    /** Valid events read, by type. */
    EVENTS_ACCEPTED("events_accepted", "type", EventType.class),
    /** Records rejected (rows of rejected_event), by reason. */
    EVENTS_REJECTED("events_rejected", "reason", RejectReason.class),
    /** Rows of incentive_grant emitted, by kind. */
    GRANTS("grants", "kind", GrantKind.class),
    /**
     * The sum of |reward_fen| of the grants emitted, by kind: a CLAWBACK's negative reward counts
     * as the positive amount taken back, so that every series only grows (a falling one would read
     * as a reset to Prometheus).
     */
    REWARD_FEN("reward_fen", "kind", GrantKind.class),
    /** Rows of late_event emitted, by handling. */
    LATE_EVENTS("late_events", "handling", LateHandling.class),
    /**
     * Wall clock minus the watermark of the engine's output, in ms: how far event time lags real
     * time. NaN before the first watermark (unknown, not zero); 0 once a bounded input has ended.
     */
    EVENT_TIME_LAG_MS("event_time_lag_ms", null, null),
    /** Events the engine holds until the watermark passes them (see {@link WaitingEvents}). */
    EVENTS_WAITING("events_waiting", null, null);

    public static final String GROUP = "gmv";

    /** What Flink's Prometheus reporter puts before the group: an operator's logical scope. */
    public static final String OPERATOR_SCOPE = "flink_taskmanager_job_task_operator_";

    /** The name within the group. */
    public final String name;

    /** The label (and key group) it is broken down by, or null. */
    public final String label;

    private final Class<? extends Enum<?>> values;

    GmvMetric(String name, String label, Class<? extends Enum<?>> values) {
        this.name = name;
        this.label = label;
        this.values = values;
    }

    /** The name a Prometheus scrape shows. */
    public String prometheusName() {
        return OPERATOR_SCOPE + GROUP + "_" + (label == null ? "" : label + "_") + name;
    }

    /** The label's values, in ordinal order; empty for a metric without a label. */
    public String[] labelValues() {
        if (values == null) {
            return new String[0];
        }
        Enum<?>[] constants = values.getEnumConstants();
        String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = constants[i].name();
        }
        return names;
    }

    /**
     * Registers one counter per label value in {@code operator}'s group, indexed by the enum's
     * ordinal: the hot path increments {@code counters[e.ordinal()]}, with no lookup by name.
     */
    public Counter[] counters(MetricGroup operator) {
        if (label == null) {
            throw new IllegalStateException(name + " has no label; register it as a gauge");
        }
        String[] v = labelValues();
        Counter[] counters = new Counter[v.length];
        MetricGroup gmv = operator.addGroup(GROUP);
        for (int i = 0; i < v.length; i++) {
            counters[i] = gmv.addGroup(label, v[i]).counter(name);
        }
        return counters;
    }

    /** Registers this (label-free) metric as a gauge in {@code operator}'s group. */
    public void gauge(MetricGroup operator, Gauge<?> gauge) {
        if (label != null) {
            throw new IllegalStateException(name + " has a label; register it as counters");
        }
        operator.addGroup(GROUP).gauge(name, gauge);
    }
}
