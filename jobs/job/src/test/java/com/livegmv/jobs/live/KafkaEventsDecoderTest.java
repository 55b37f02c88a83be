package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source's decoder holds the SPEC §2 max_future_skew guard on every partition: events too
 * far ahead of the clock are rejected, and heartbeats too far ahead are ignored (they would move
 * the partition's event time past every settlement), with one warning per partition.
 */
class KafkaEventsDecoderTest {
    private static final long NOW = Instant.parse("2024-12-06T12:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private final KafkaEvents.Decoder decoder =
            new KafkaEvents.Decoder(new RecordDecoder(Duration.ofHours(1), () -> NOW));
    private final List<String> warnings = new ArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureWarnings() {
        capture =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        if (event.getLoggerName().equals(KafkaEvents.class.getName())) {
                            warnings.add(event.getMessage().getFormattedMessage());
                        }
                    }
                };
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        ctx.updateLoggers();
        capture.stop();
    }

    private static ConsumerRecord<byte[], byte[]> record(
            int partition, long offset, long timestamp, String value) {
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(
                "order-events",
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                -1,
                v == null ? -1 : v.length,
                null,
                v,
                new RecordHeaders(),
                Optional.empty());
    }

    private List<ParsedRecord> decode(ConsumerRecord<byte[], byte[]> r) {
        List<ParsedRecord> out = new ArrayList<>();
        decoder.deserialize(
                r,
                new Collector<>() {
                    @Override
                    public void collect(ParsedRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    private static String order(String eventTime) {
        return "{\"type\":\"ORDER_PAID\",\"event_time\":\""
                + eventTime
                + "\",\"streamer_id\":\"s1\",\"order_id\":\"o1\",\"amount_fen\":100,"
                + "\"currency\":\"CNY\"}";
    }

    @Test
    void shouldRejectAnEventTooFarAheadOfTheClockNamingTopicPartitionAndOffset() {
        List<ParsedRecord> out = decode(record(3, 42, NOW, order("2204-12-05T20:00:00+08:00")));

        assertThat(out).hasSize(1);
        assertThat(out.get(0).event).isNull();
        assertThat(out.get(0).rejected.source).isEqualTo("order-events:3:42");
        assertThat(out.get(0).rejected.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(out.get(0).rejected.detail).contains("max_future_skew is 1h");
        assertThat(out.get(0).timestamp()).as("moves no watermark").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldDecodeAnEventWithinTheSkew() {
        List<ParsedRecord> out =
                decode(record(0, 1, NOW, order(Instant.ofEpochMilli(NOW + HOUR).toString())));

        assertThat(out).singleElement().satisfies(r -> assertThat(r.event).isNotNull());
    }

    @Test
    void shouldPassAHeartbeatWithinTheSkewOnAsAWatermark() {
        List<ParsedRecord> out = decode(record(0, 7, NOW + HOUR, null));

        assertThat(out)
                .singleElement()
                .satisfies(r -> assertThat(r.heartbeat).isEqualTo(NOW + HOUR));
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldIgnoreAHeartbeatBeyondTheSkewWarningOncePerPartition() {
        assertThat(decode(record(0, 7, NOW + HOUR + 1, null))).isEmpty();
        assertThat(decode(record(0, 8, NOW + 100 * HOUR, null))).isEmpty();
        assertThat(decode(record(1, 3, NOW + 2 * HOUR, null))).isEmpty();
        // A good heartbeat after them still moves event time on.
        assertThat(decode(record(0, 9, NOW, null))).hasSize(1);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("order-events:0:7").contains("max_future_skew is 1h");
        assertThat(warnings.get(1)).contains("order-events:1:3");
    }
}
