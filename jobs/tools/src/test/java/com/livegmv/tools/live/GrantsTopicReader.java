package com.livegmv.tools.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the grants topic the way a payout system must: read_committed, from the beginning. */
public final class GrantsTopicReader {
    private GrantsTopicReader() {}

    /** Every committed record, by key (grant_id); until five polls in a row find nothing. */
    public static Map<String, List<String>> read(String bootstrap, String topic) {
        return read(bootstrap, Map.of(), topic);
    }

    /** The same, with client properties for a secured cluster. */
    public static Map<String, List<String>> read(
            String bootstrap, Map<String, String> clientProperties, String topic) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<String>> byId = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var records = c.poll(Duration.ofSeconds(1));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    byId.computeIfAbsent(
                                    new String(r.key(), StandardCharsets.UTF_8),
                                    k -> new ArrayList<>())
                            .add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return byId;
    }
}
