package com.livegmv.tools.feed;

import com.livegmv.events.Event;
import com.livegmv.events.EventParser;
import com.livegmv.events.EventType;
import com.livegmv.events.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Feeds event lines into the input topics the way upstream systems would: sessions to the first
 * topic, registrations and previews to the second, orders and refunds to the third, keyed by
 * streamer_id, at a fixed rate (0 = as fast as possible). Unparseable lines go to the order topic
 * unkeyed, to be rejected by the job. Remembers when each order was sent, so the delay until its
 * instant grant is visible can be measured.
 */
public final class DemoProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String sessions, signups, orders;
    private final double ratePerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Map<String, Long> orderSentAt = new ConcurrentHashMap<>();
    private volatile boolean done;

    public DemoProducer(String bootstrap, List<String> inputTopics, double ratePerSecond) {
        this(bootstrap, Map.of(), inputTopics, ratePerSecond);
    }

    /** With client properties for a secured cluster (security.protocol, sasl.*, ssl.*). */
    public DemoProducer(
            String bootstrap,
            Map<String, String> clientProperties,
            List<String> inputTopics,
            double ratePerSecond) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.sessions = inputTopics.get(0);
        this.signups = inputTopics.get(Math.min(1, inputTopics.size() - 1));
        this.orders = inputTopics.get(Math.min(2, inputTopics.size() - 1));
        this.ratePerSecond = ratePerSecond;
    }

    /** Produces every line the source gives, pacing to the rate; then flushes. */
    public void run(Consumer<Consumer<String>> source) {
        long start = System.nanoTime();
        try {
            source.accept(
                    line -> {
                        if (ratePerSecond > 0) {
                            long due = start + (long) (sent.get() * 1e9 / ratePerSecond);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait); // pacing, not synchronisation
                            }
                        }
                        send(line);
                    });
            producer.flush();
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            done = true;
        }
    }

    private void send(String line) {
        byte[] value = line.getBytes(StandardCharsets.UTF_8);
        String topic = orders;
        byte[] key = null;
        try {
            Event e = EventParser.parse(value, 0, value.length);
            key = e.streamerId.getBytes(StandardCharsets.UTF_8);
            topic =
                    e.type == EventType.LIVE_SESSION_STARTED
                            ? sessions
                            : e.type == EventType.REGISTRATION
                                            || e.type == EventType.PREVIEW_PUBLISHED
                                    ? signups
                                    : orders;
            if (e.type == EventType.ORDER_PAID) {
                orderSentAt.putIfAbsent(e.streamerId + "/" + e.key, System.currentTimeMillis());
            }
        } catch (InvalidEventException bad) {
            // Sent as it is: the job must reject it into rejected_event.
        }
        producer.send(
                new ProducerRecord<>(topic, key, value),
                (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
        sent.incrementAndGet();
    }

    /**
     * Sends a watermark heartbeat (a tombstone with this record timestamp) to every partition of
     * the input topics: no event older than {@code eventTime} will follow.
     */
    public void heartbeat(long eventTime) {
        for (String topic : java.util.Set.of(sessions, signups, orders)) {
            for (org.apache.kafka.common.PartitionInfo p : producer.partitionsFor(topic)) {
                producer.send(
                        new ProducerRecord<byte[], byte[]>(
                                topic, p.partition(), eventTime, (byte[]) null, (byte[]) null));
            }
        }
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public boolean done() {
        return done;
    }

    public Exception failure() {
        return failure.get();
    }

    /**
     * For every INSTANT grant an order this producer sent triggered: {send times, delays until the
     * grant row was inserted (its {@code inserted_at})}, in send order, epoch millis and ms.
     */
    public long[][] instantGrantDelays(Connection db) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT streamer_id, trigger_id, (extract(epoch FROM inserted_at) * 1000)::bigint FROM incentive_grant"
                                        + " WHERE kind = 'INSTANT' AND trigger_type = 'ORDER_PAID'")) {
            while (rs.next()) {
                Long sentAt = orderSentAt(rs.getString(1), rs.getString(2));
                if (sentAt != null) {
                    rows.add(new long[] {sentAt, rs.getLong(3) - sentAt});
                }
            }
        }
        rows.sort((a, b) -> Long.compare(a[0], b[0]));
        long[][] out = new long[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }

    /** When the order (streamer/order_id) was handed to Kafka, epoch millis, or null. */
    public Long orderSentAt(String streamer, String orderId) {
        return orderSentAt.get(streamer + "/" + orderId);
    }

    /** Bounded: on Ctrl-C the broker may already be gone, and what is unsent no longer matters. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
