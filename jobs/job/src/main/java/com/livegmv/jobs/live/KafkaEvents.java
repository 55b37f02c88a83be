package com.livegmv.jobs.live;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka source of the live job. Records are decoded inside the source so that watermarks follow
 * event time per partition. A new consumer group starts at the earliest offset; a restored job
 * resumes from its checkpoint.
 */
public final class KafkaEvents {
    private KafkaEvents() {}

    public static KafkaSource<ParsedRecord> source(LiveSettings s) {
        KafkaSourceBuilder<ParsedRecord> b =
                KafkaSource.<ParsedRecord>builder()
                        .setTopics(s.inputTopics())
                        .setGroupId(s.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new Decoder(new RecordDecoder(s.maxFutureSkew())))
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("isolation.level", "read_committed");
        // With a secured cluster's settings (security.protocol, sasl.*, ssl.*); the keys set
        // above are refused there.
        KafkaProperties.applyTo(s, b::setProperty);
        if (s.bounded()) {
            // Stop at the offsets that exist when the job starts: the input of a demo export.
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * Value bytes to a decoded record whose source is {@code topic:partition:offset}. Each
     * partition holds the max_future_skew guard (SPEC §2): an event too far ahead of the clock is
     * rejected, and a heartbeat that far ahead is ignored, since it would move the partition's
     * event time past every settlement.
     */
    static final class Decoder implements KafkaRecordDeserializationSchema<ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(KafkaEvents.class);

        private final RecordDecoder decoder;
        private transient Set<String> warned;
        private transient String lastTopic;
        private transient int lastPartition = -1;
        private transient String lastOrigin;

        Decoder(RecordDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
            if (record.partition() != lastPartition || !record.topic().equals(lastTopic)) {
                lastTopic = record.topic();
                lastPartition = record.partition();
                lastOrigin = lastTopic + ":" + lastPartition;
            }
            if (record.value() == null) {
                // A tombstone is not an event: it is a watermark heartbeat. Its record timestamp
                // moves this partition's event time on (see README, "Heartbeats"); nothing is
                // applied or rejected.
                String ahead = decoder.beyondSkew(record.timestamp());
                if (ahead != null) {
                    warnOnce(record, ahead);
                    return;
                }
                ParsedRecord heartbeat = new ParsedRecord();
                heartbeat.heartbeat = record.timestamp() >= 0 ? record.timestamp() : Long.MIN_VALUE;
                out.collect(heartbeat);
                return;
            }
            out.collect(decoder.decode(record.value(), lastOrigin, record.offset()));
        }

        /**
         * One warning per partition: a producer with a wrong clock would otherwise flood the log.
         */
        private void warnOnce(ConsumerRecord<byte[], byte[]> record, String ahead) {
            if (warned == null) {
                warned = new HashSet<>();
            }
            if (warned.add(lastOrigin)) {
                LOG.warn(
                        "Ignoring the watermark heartbeat at {}:{}: its timestamp {}. Heartbeats"
                                + " this far ahead on {} are ignored without another warning.",
                        lastOrigin,
                        record.offset(),
                        ahead,
                        lastOrigin);
            }
        }

        @Override
        public TypeInformation<ParsedRecord> getProducedType() {
            return TypeInformation.of(ParsedRecord.class);
        }
    }
}
