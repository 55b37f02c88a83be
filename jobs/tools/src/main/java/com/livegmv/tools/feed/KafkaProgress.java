package com.livegmv.tools.feed;

import com.livegmv.jobs.live.KafkaProperties;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * How far the job has read: the consumer group's committed offsets (committed with each checkpoint)
 * against the end of every input partition.
 */
public final class KafkaProgress implements AutoCloseable {
    private final Admin admin;
    private final List<String> topics;
    private final String groupId;

    public KafkaProgress(String bootstrap, List<String> topics, String groupId) {
        this(bootstrap, Map.of(), topics, groupId);
    }

    /** With client properties for a secured cluster (security.protocol, sasl.*, ssl.*). */
    public KafkaProgress(
            String bootstrap,
            Map<String, String> clientProperties,
            List<String> topics,
            String groupId) {
        this.admin =
                Admin.create(KafkaProperties.admin(bootstrap, clientProperties, 5_000, 10_000));
        this.topics = topics;
        this.groupId = groupId;
    }

    /** Records appended to the input topics so far. */
    public long endOffsets() throws Exception {
        return sum(ends().values());
    }

    private Map<TopicPartition, Long> ends() throws Exception {
        Map<String, TopicDescription> d =
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(latest(d.values())).all().get(10, TimeUnit.SECONDS).entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    /** Every partition of {@code topics}, to be asked for its latest offset. */
    public static Map<TopicPartition, OffsetSpec> latest(Collection<TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (TopicDescription t : topics) {
            for (TopicPartitionInfo p : t.partitions()) {
                spec.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
            }
        }
        return spec;
    }

    /** Records the job has committed as read, summed over the input partitions. */
    public long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> c =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
        long n = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : c.entrySet()) {
            if (topics.contains(e.getKey().topic()) && e.getValue() != null) {
                n += e.getValue().offset();
            }
        }
        return n;
    }

    /** True when every input partition's committed offset has reached its end. */
    public boolean caughtUp() throws Exception {
        Map<TopicPartition, Long> ends = ends();
        Map<TopicPartition, OffsetAndMetadata> c =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            OffsetAndMetadata o = c.get(e.getKey());
            if (o == null || o.offset() < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long sum(Collection<Long> values) {
        long n = 0;
        for (long v : values) {
            n += v;
        }
        return n;
    }

    @Override
    public void close() {
        admin.close();
    }
}
