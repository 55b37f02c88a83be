package com.livegmv.jobs.live;

import com.livegmv.output.Grant;
import com.livegmv.output.Tables;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Grants for payout systems: one Kafka record per grant, key {@code grant_id}, value the SPEC §9
 * JSON row. EXACTLY_ONCE: records become visible to {@code read_committed} consumers when the
 * checkpoint that covers them completes, and never twice.
 */
public final class GrantsTopic {
    private GrantsTopic() {}

    public static KafkaSink<Grant> sink(LiveSettings s) {
        KafkaSinkBuilder<Grant> b =
                KafkaSink.<Grant>builder()
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(s.groupId() + "-grants")
                        // Must exceed the longest checkpoint, and stay under the broker's maximum
                        // (15 min by default; a client property may lower it for a stricter
                        // broker).
                        .setProperty("transaction.timeout.ms", "600000")
                        .setRecordSerializer(new Serializer(s.grantsTopic()));
        KafkaProperties.applyTo(s, b::setProperty);
        return b.build();
    }

    static final class Serializer implements KafkaRecordSerializationSchema<Grant> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Grant g, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic,
                    g.grantId().getBytes(StandardCharsets.UTF_8),
                    Tables.INCENTIVE_GRANT.toJson(g).getBytes(StandardCharsets.UTF_8));
        }
    }
}
