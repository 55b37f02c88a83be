package com.livegmv.tools.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.EventParser;
import com.livegmv.tools.embedded.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer's heartbeats, on a real broker. */
@Tag("slow")
class DemoProducerITCase {
    private static final List<String> TOPICS = List.of("sessions", "signups", "orders");
    private static final Instant T0 = Instant.parse("2024-11-11T00:00:00Z");
    private static final int LINES = 600;

    @TempDir Path dir;

    /**
     * Orders only, so that the sessions and signups partitions get nothing but heartbeats: every
     * partition gets them, each at least as late as every event before it in its partition, never
     * later than the latest event sent, and never going back.
     */
    @Test
    void shouldSendHeartbeatsAtTheLatestEventTimeToEveryPartition() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            // Mostly rising times, every tenth line 5 s behind: the heartbeat follows the latest.
            long ms = i * 1_000L - (i % 10 == 9 ? 5_000 : 0);
            lines.add(
                    ("{\"type\":\"ORDER_PAID\",\"event_time\":\"%s\",\"order_id\":\"o%d\","
                                    + "\"streamer_id\":\"s%d\",\"session_id\":null,"
                                    + "\"merchant_id\":\"m1\",\"amount_fen\":100,"
                                    + "\"currency\":\"CNY\"}")
                            .formatted(T0.plusMillis(ms), i, i % 7));
        }
        // The latest time sent: line 598's (line 599 is one of the late ones).
        long latest = T0.toEpochMilli() + (LINES - 2) * 1_000L;

        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read;
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            kafka.createTopics(2, TOPICS.toArray(String[]::new));
            try (DemoProducer p =
                    new DemoProducer(kafka.bootstrapServers(), TOPICS, 2_000)
                            .heartbeatEvery(Duration.ofMillis(20))) {
                p.run(DemoProducer.Feed.of(lines));
                assertThat(p.failure()).isNull();
                assertThat(p.sent()).isEqualTo(LINES);
            }
            read = readAll(kafka.bootstrapServers());
        }

        assertThat(read).hasSize(6);
        int events = 0;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> partition :
                read.entrySet()) {
            long newestEvent = Long.MIN_VALUE;
            long previousBeat = Long.MIN_VALUE;
            int beats = 0;
            for (ConsumerRecord<byte[], byte[]> r : partition.getValue()) {
                if (r.value() != null) {
                    events++;
                    newestEvent =
                            Math.max(
                                    newestEvent,
                                    EventParser.parse(r.value(), 0, r.value().length).eventTime);
                    continue;
                }
                beats++;
                assertThat(r.timestamp())
                        .as("a heartbeat on %s", partition.getKey())
                        .isGreaterThanOrEqualTo(newestEvent)
                        .isGreaterThanOrEqualTo(previousBeat)
                        .isLessThanOrEqualTo(latest);
                previousBeat = r.timestamp();
            }
            assertThat(beats).as("heartbeats on %s", partition.getKey()).isGreaterThan(2);
        }
        assertThat(events).isEqualTo(LINES);
    }

    private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> readAll(
            String bootstrap) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "it");
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.copyOf(TOPICS));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int n = 0;
            // Until every line and a quiet poll after it: the heartbeats come with the lines.
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofSeconds(2));
                if (records.isEmpty() && n >= LINES) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    read.computeIfAbsent(
                                    new TopicPartition(r.topic(), r.partition()),
                                    k -> new ArrayList<>())
                            .add(r);
                    if (r.value() != null) {
                        n++;
                    }
                }
            }
        }
        return read;
    }
}
