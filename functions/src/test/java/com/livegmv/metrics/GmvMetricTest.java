package com.livegmv.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.events.EventType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.junit.jupiter.api.Test;

class GmvMetricTest {
    /** Metrics registered under {@link #group}, by identifier ("host.taskmanager.id.gmv...."). */
    private final Map<String, Metric> registered = new ConcurrentHashMap<>();

    private final MetricGroup group =
            TaskManagerMetricGroup.createTaskManagerMetricGroup(
                    TestingMetricRegistry.builder()
                            .setRegisterConsumer(
                                    (m, name, g) -> registered.put(g.getMetricIdentifier(name), m))
                            .build(),
                    "host",
                    ResourceID.generate());

    private Metric registeredAs(String suffix) {
        return registered.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(suffix + " not in " + registered.keySet()));
    }

    @Test
    void shouldRegisterOneCounterPerLabelValueIndexedByOrdinal() {
        Counter[] counters = GmvMetric.EVENTS_ACCEPTED.counters(group);
        counters[EventType.ORDER_REFUNDED.ordinal()].inc(3);

        assertThat(counters).hasSize(EventType.values().length);
        for (EventType t : EventType.values()) {
            assertThat(registeredAs(".gmv.type." + t.name() + ".events_accepted"))
                    .isSameAs(counters[t.ordinal()]);
        }
        assertThat(counters[EventType.ORDER_REFUNDED.ordinal()].getCount()).isEqualTo(3);
    }

    @Test
    void shouldNameEachMetricAsThePrometheusReporterShowsIt() {
        assertThat(GmvMetric.EVENTS_ACCEPTED.prometheusName())
                .isEqualTo("flink_taskmanager_job_task_operator_gmv_type_events_accepted");
        assertThat(GmvMetric.EVENT_TIME_LAG_MS.prometheusName())
                .isEqualTo("flink_taskmanager_job_task_operator_gmv_event_time_lag_ms");
    }

    @Test
    void shouldRefuseToMixCountersAndGauges() {
        assertThatThrownBy(() -> GmvMetric.EVENTS_WAITING.counters(group))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> GmvMetric.GRANTS.gauge(group, () -> 1L))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReportTheWaitingEventsOfTheFunctionThatRegistersThem() {
        long[] held = {0};
        WaitingEvents buffer = () -> held[0];
        WaitingEvents.register(group, buffer);

        Gauge<?> gauge = (Gauge<?>) registeredAs(".gmv.events_waiting");
        held[0] = 42;
        assertThat(gauge.getValue()).isEqualTo(42L);
        held[0] = 0;
        assertThat(gauge.getValue()).isEqualTo(0L);
    }
}
