package com.livegmv.tools.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real KRaft broker: transactions, restarts and crashes behave. */
@Tag("slow")
class LocalKafkaITCase {

    private static final String TOPIC = "orders";
    private static final int COMMITTED = 1_000;

    @TempDir Path dir;

    @Test
    void shouldKeepCommittedTransactionalRecordsAcrossRestartAndCrash() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            assertThat(kafka.isRunning()).isTrue();
            kafka.createTopics(2, TOPIC);
            kafka.createTopics(2, TOPIC); // idempotent
            assertThat(partitionCount(kafka)).isEqualTo(2);

            produceTransactionally(kafka);
            assertThat(readCommitted(kafka)).hasSize(COMMITTED).containsAll(expectedValues());

            kafka.restart();
            assertThat(readCommitted(kafka)).hasSize(COMMITTED).containsAll(expectedValues());

            assertThat(kafka.isRunning()).isTrue();
            kafka.kill();
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(() -> describeCluster(kafka, Duration.ofSeconds(2)))
                    .isInstanceOf(Exception.class);

            // Acknowledged writes sit in the page cache, so they survive SIGKILL of the broker.
            kafka.restart();
            assertThat(readCommitted(kafka)).hasSize(COMMITTED).containsAll(expectedValues());
        }
    }

    /** 1,000 committed records in four transactions, then one aborted transaction of 100. */
    private static void produceTransactionally(LocalKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            for (int batch = 0; batch < 4; batch++) {
                producer.beginTransaction();
                for (int i = batch * 250; i < (batch + 1) * 250; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
                }
                producer.commitTransaction();
            }
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "aborted" + i, "aborted" + i));
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Reads the whole topic with read_committed until the end offsets are reached. */
    private static List<String> readCommitted(LocalKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            // With read_committed, endOffsets is the last stable offset: the end of what is
            // readable. Poll until every partition's position reaches it, or the deadline passes.
            var end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read deadline").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static Set<String> expectedValues() {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < COMMITTED; i++) {
            s.add("v" + i);
        }
        return s;
    }

    private static int partitionCount(LocalKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            return admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(TOPIC)
                    .partitions()
                    .size();
        }
    }

    private static void describeCluster(LocalKafka kafka, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        try (Admin admin = admin(kafka)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Admin admin(LocalKafka kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        return Admin.create(p);
    }
}
