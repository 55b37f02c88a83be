package com.livegmv.tools.feed;

import com.livegmv.events.Event;
import com.livegmv.events.EventParser;
import com.livegmv.events.EventType;
import com.livegmv.events.InvalidEventException;
import com.livegmv.tools.db.Query;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Feeds event lines into the input topics the way upstream systems would: sessions to the first
 * topic, registrations and previews to the second, orders and refunds to the third, keyed by
 * streamer_id, at a fixed rate (0 = as fast as possible). Unparseable lines go to the order topic
 * unkeyed, to be rejected by the job. Remembers when each order was sent, so the delay until its
 * instant grant is visible can be measured.
 *
 * <p>The lines are parsed and routed ahead of time ({@link Feed}), so that sending costs only the
 * Kafka client and the rate holds from the first second. The pace is a {@link Pacer}: after a stall
 * (a busy machine) the producer sends at most {@link #MAX_LAG_NANOS} of its schedule at once, so
 * there are no catch-up bursts; a producer that cannot keep the rate shows it as an achieved rate
 * below the offered one.
 */
public final class DemoProducer implements AutoCloseable {
    /** How far behind its schedule the producer may be before it drops the deficit. */
    static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * The shortest pause between sends: ahead of its schedule, the producer waits at least this
     * long, then sends what fell due meanwhile. Waking once per record (every 10 us at 100,000/s)
     * cost the sending thread ~20% more CPU; a millisecond's records at once is still smooth.
     */
    static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String[] topics;
    private final double ratePerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile Feed fed;
    private volatile boolean done;
    private long heartbeatNanos;

    /** Keeps the first send that failed, for {@link #failure()}. */
    private final Callback onSent =
            (md, ex) -> {
                if (ex != null) {
                    failure.compareAndSet(null, ex);
                }
            };

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
        // Fewer, larger requests: at 100,000/s, 20 ms rather than 5 ms took ~15% off the broker's
        // CPU and the producer's, for at most 20 ms more latency.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        // No compression: the broker and the consumers share this machine, where compressing
        // costs CPU in the producer, the broker (it decompresses to validate) and the consumer,
        // and saves nothing.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        this.producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics =
                new String[] {
                    inputTopics.get(0),
                    inputTopics.get(Math.min(1, inputTopics.size() - 1)),
                    inputTopics.get(Math.min(2, inputTopics.size() - 1))
                };
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Lines parsed and routed once, before any is sent: for each, its topic (0 sessions, 1 signups,
     * 2 orders), key, value and, for an order, {@code streamer/order_id}.
     */
    public static final class Feed {
        private static final byte SESSIONS = 0, SIGNUPS = 1, ORDERS = 2;

        private final byte[] topic;
        private final byte[][] key;
        private final byte[][] value;
        private final String[] order;
        private final long[] sentAt;

        /** Each line's event time; {@link Long#MIN_VALUE} for a line that does not parse. */
        private final long[] time;

        private Feed(List<String> lines) {
            int n = lines.size();
            time = new long[n];
            Arrays.fill(time, Long.MIN_VALUE);
            topic = new byte[n];
            key = new byte[n][];
            value = new byte[n][];
            order = new String[n];
            sentAt = new long[n];
            Map<String, byte[]> keys = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byte[] v = lines.get(i).getBytes(StandardCharsets.UTF_8);
                value[i] = v;
                topic[i] = ORDERS;
                try {
                    Event e = EventParser.parse(v, 0, v.length);
                    time[i] = e.eventTime;
                    key[i] =
                            keys.computeIfAbsent(
                                    e.streamerId, s -> s.getBytes(StandardCharsets.UTF_8));
                    topic[i] =
                            e.type == EventType.LIVE_SESSION_STARTED
                                    ? SESSIONS
                                    : e.type == EventType.REGISTRATION
                                                    || e.type == EventType.PREVIEW_PUBLISHED
                                            ? SIGNUPS
                                            : ORDERS;
                    if (e.type == EventType.ORDER_PAID) {
                        order[i] = e.streamerId + "/" + e.key;
                    }
                } catch (InvalidEventException bad) {
                    // Sent as it is, unkeyed: the job must reject it into rejected_event.
                }
            }
        }

        public static Feed of(List<String> lines) {
            return new Feed(lines);
        }

        /** Every line the source gives, in order. */
        public static Feed of(Consumer<Consumer<String>> source) {
            List<String> lines = new ArrayList<>();
            source.accept(lines::add);
            return new Feed(lines);
        }

        public int size() {
            return value.length;
        }

        /** Bytes of all values. */
        public long bytes() {
            long n = 0;
            for (byte[] v : value) {
                n += v.length;
            }
            return n;
        }
    }

    /**
     * Sends a watermark heartbeat to every partition every {@code interval} while a feed runs (0:
     * never), as an upstream system that keeps its partitions' event time moving would: at the
     * latest event time sent so far, so that a partition without events of its own (a quiet signups
     * partition) moves on with the others instead of holding the watermark back until it is
     * declared idle.
     */
    public DemoProducer heartbeatEvery(Duration interval) {
        heartbeatNanos = interval.toNanos();
        return this;
    }

    /** Sends every line of the feed, pacing to the rate; then flushes. */
    public void run(Feed feed) {
        fed = feed;
        Arrays.fill(feed.sentAt, 0);
        Pacer pacer = new Pacer(ratePerSecond, MAX_LAG_NANOS);
        long start = System.nanoTime();
        pacer.start(start);
        long nextBeat = start + heartbeatNanos;
        long latest = Long.MIN_VALUE;
        try {
            for (int i = 0; i < feed.size(); i++) {
                long now = System.nanoTime();
                if (heartbeatNanos > 0 && now >= nextBeat && latest != Long.MIN_VALUE) {
                    sendHeartbeats(latest);
                    nextBeat = now + heartbeatNanos;
                }
                long wait = pacer.waitNanos(i, now);
                if (wait > 0) {
                    // pacing, not synchronisation
                    LockSupport.parkNanos(Math.max(wait, MIN_PAUSE_NANOS));
                }
                send(feed, i);
                latest = Math.max(latest, feed.time[i]);
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            done = true;
        }
    }

    private void send(Feed feed, int i) {
        if (feed.order[i] != null) {
            feed.sentAt[i] = System.currentTimeMillis();
        }
        producer.send(
                new ProducerRecord<>(topics[feed.topic[i]], feed.key[i], feed.value[i]), onSent);
        sent.incrementAndGet();
    }

    /**
     * Sends a watermark heartbeat (a tombstone with this record timestamp) to every partition of
     * the input topics: no event older than {@code eventTime} will follow.
     */
    public void heartbeat(long eventTime) {
        sendHeartbeats(eventTime);
        producer.flush();
    }

    private void sendHeartbeats(long eventTime) {
        for (String topic : Set.of(topics)) {
            for (PartitionInfo p : producer.partitionsFor(topic)) {
                producer.send(
                        new ProducerRecord<byte[], byte[]>(
                                topic, p.partition(), eventTime, (byte[]) null, (byte[]) null),
                        onSent);
            }
        }
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
     * For every INSTANT grant an order of the last feed triggered: {send times, delays until the
     * grant row was inserted (its {@code inserted_at}), delays until the engine emitted it (its
     * {@code emitted_at})}, in send order, epoch millis and ms. A re-delivered order counts from
     * its first send.
     */
    public long[][] instantGrantDelays(Connection db) throws SQLException {
        Feed feed = fed;
        Map<String, Long> sentAt = new HashMap<>();
        for (int i = 0; feed != null && i < feed.size(); i++) {
            if (feed.order[i] != null && feed.sentAt[i] != 0) {
                sentAt.putIfAbsent(feed.order[i], feed.sentAt[i]);
            }
        }
        List<long[]> rows = new ArrayList<>();
        Query.forEachRow(
                db,
                "SELECT streamer_id || '/' || trigger_id, (extract(epoch FROM inserted_at) * 1000)::bigint,"
                        + " (extract(epoch FROM emitted_at) * 1000)::bigint FROM incentive_grant"
                        + " WHERE kind = 'INSTANT' AND trigger_type = 'ORDER_PAID'",
                rs -> {
                    Long at = sentAt.get(rs.getString(1));
                    if (at != null) {
                        rows.add(new long[] {at, rs.getLong(2) - at, rs.getLong(3) - at});
                    }
                });
        rows.sort((a, b) -> Long.compare(a[0], b[0]));
        long[][] out = new long[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                out[k][i] = rows.get(i)[k];
            }
        }
        return out;
    }

    /** Bounded: on Ctrl-C the broker may already be gone, and what is unsent no longer matters. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
