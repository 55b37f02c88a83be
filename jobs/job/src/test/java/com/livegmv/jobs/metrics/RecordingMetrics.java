package com.livegmv.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.metrics.GmvMetric;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * A test environment for operator harnesses whose metric group records every metric registered in
 * it, by identifier (the scope components and the name, joined with '.'), so that a test reads the
 * gmv metrics an operator registered as a reporter would see them.
 */
public final class RecordingMetrics {
    private final Map<String, Metric> byIdentifier = new ConcurrentHashMap<>();

    /** A mock task environment whose operators register their metrics here; close it after use. */
    public MockEnvironment environment() {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setRegisterConsumer(
                                (metric, name, group) ->
                                        byIdentifier.put(group.getMetricIdentifier(name), metric))
                        .build();
        return new MockEnvironmentBuilder()
                .setMetricGroup(
                        TaskManagerMetricGroup.createTaskManagerMetricGroup(
                                        registry, "localhost", ResourceID.generate())
                                .addJob(new JobID(), "job")
                                .addTask(ExecutionAttemptID.randomId(), "task"))
                .build();
    }

    /** The count of a labelled gmv metric for one label value. */
    public long count(GmvMetric metric, Enum<?> value) {
        return count(metric, value.name());
    }

    /** Every label value's count, in ordinal order. */
    public List<Long> counts(GmvMetric metric) {
        return Stream.of(metric.labelValues()).map(v -> count(metric, v)).toList();
    }

    private long count(GmvMetric metric, String value) {
        String id = GmvMetric.GROUP + "." + metric.label + "." + value + "." + metric.name;
        return ((Counter) only(id)).getCount();
    }

    /** The value of a gmv gauge. */
    public Object gauge(GmvMetric metric) {
        return ((Gauge<?>) only(GmvMetric.GROUP + "." + metric.name)).getValue();
    }

    private Metric only(String suffix) {
        List<Metric> found =
                byIdentifier.entrySet().stream()
                        .filter(e -> e.getKey().endsWith("." + suffix))
                        .map(Map.Entry::getValue)
                        .toList();
        assertThat(found)
                .as("one metric named ...%s in %s", suffix, byIdentifier.keySet())
                .hasSize(1);
        return found.get(0);
    }
}
