package com.livegmv.tools.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The benchmark's discarding sink: notes when the end of input reached it and each writer's
 * watermark, counts the rows of each table, and optionally collects a distinct key per row (for
 * counting (campaign, streamer) pairs). The figures are JVM-wide statics, read by {@link Bench}:
 * the benchmark runs its jobs on a MiniCluster in its own JVM.
 */
final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Writers created since the last reset: a writer exists once its task is initialised. */
    static final java.util.concurrent.atomic.AtomicInteger WRITERS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** System.nanoTime() of the latest end of input any writer saw. */
    static final AtomicLong LAST_END_NANOS = new AtomicLong();

    /**
     * The latest watermark each writer saw: every operator upstream of it has processed that far.
     */
    static final Map<Object, Long> WATERMARKS = new ConcurrentHashMap<>();

    static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    /** Rows written per table since the last reset, added up when each writer closes. */
    static final Map<String, AtomicLong> ROWS = new ConcurrentHashMap<>();

    private final String table;
    private final SerializableKey<T> key;

    /** A key to collect per row, or null for none. */
    interface SerializableKey<T> extends Function<T, String>, java.io.Serializable {}

    CountingSink(String table, SerializableKey<T> key) {
        this.table = table;
        this.key = key;
    }

    /** True when {@code writers} writers have each seen a watermark of at least {@code t}. */
    static boolean allReached(int writers, long t) {
        if (WATERMARKS.size() < writers) {
            return false;
        }
        for (long w : WATERMARKS.values()) {
            if (w < t) {
                return false;
            }
        }
        return true;
    }

    static void resetCounters() {
        LAST_END_NANOS.set(0);
        KEYS.clear();
        WATERMARKS.clear();
        WRITERS.set(0);
        ROWS.clear();
    }

    static long rows(String table) {
        AtomicLong n = ROWS.get(table);
        return n == null ? 0 : n.get();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        WRITERS.incrementAndGet();
        return new SinkWriter<>() {
            private long rows;

            @Override
            public void write(T element, Context context) {
                rows++;
                if (key != null) {
                    KEYS.add(key.apply(element));
                }
            }

            @Override
            public void writeWatermark(Watermark watermark) {
                WATERMARKS.put(this, watermark.getTimestamp());
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    LAST_END_NANOS.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }

            @Override
            public void close() {
                ROWS.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(rows);
            }
        };
    }
}
