package com.livegmv.jobs.live;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

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
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopics(s.inputTopics())
                        .setGroupId(s.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new Decoder())
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("isolation.level", "read_committed");
        if (s.bounded()) {
            // Stop at the offsets that exist when the job starts: the input of a demo export.
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** Value bytes to a decoded record whose source is {@code topic:partition:offset}. */
    static final class Decoder implements KafkaRecordDeserializationSchema<ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private transient String lastTopic;
        private transient int lastPartition = -1;
        private transient String lastOrigin;

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
                ParsedRecord heartbeat = new ParsedRecord();
                heartbeat.heartbeat = record.timestamp() >= 0 ? record.timestamp() : Long.MIN_VALUE;
                out.collect(heartbeat);
                return;
            }
            out.collect(RecordDecoder.decode(record.value(), lastOrigin, record.offset()));
        }

        @Override
        public TypeInformation<ParsedRecord> getProducedType() {
            return TypeInformation.of(ParsedRecord.class);
        }
    }
}
