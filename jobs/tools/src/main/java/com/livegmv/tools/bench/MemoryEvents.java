package com.livegmv.tools.bench;

import com.livegmv.events.Event;
import com.livegmv.events.EventParser;
import com.livegmv.events.InvalidEventException;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Generated event lines held in memory, split into partitions by streamer the way the input topics
 * are keyed, so every case of {@code gmv bench} reads the same bytes and the cost of reading a file
 * or Kafka stays out of the engine figures. Each partition keeps the generator's near event-time
 * order.
 *
 * <p>A {@link MemorySource} finds the data through {@link #lookup} by id: the benchmark runs its
 * jobs on a MiniCluster in the same JVM.
 */
public final class MemoryEvents {
    private static final Map<String, MemoryEvents> REGISTRY = new ConcurrentHashMap<>();

    private final String id;
    private final byte[][][] partitions;
    private final long bytes;
    private final long lines;

    private MemoryEvents(String id, byte[][][] partitions) {
        this.id = id;
        this.partitions = partitions;
        long b = 0;
        long n = 0;
        for (byte[][] p : partitions) {
            n += p.length;
            for (byte[] line : p) {
                b += line.length;
            }
        }
        this.bytes = b;
        this.lines = n;
    }

    /**
     * Generates the lines and registers them under {@code id}.
     *
     * @param keep which lines to keep, by event time (malformed lines are always kept); the rest
     *     are generated (so the kept ones are the same as in the full data set) and dropped
     */
    public static MemoryEvents generate(
            String id, GeneratorOptions options, int partitionCount, LongPredicate keep) {
        List<List<byte[]>> parts = new ArrayList<>();
        for (int i = 0; i < partitionCount; i++) {
            parts.add(new ArrayList<>());
        }
        long[] malformed = {0};
        new EventGenerator(options)
                .generate(
                        line -> {
                            byte[] b = line.getBytes(StandardCharsets.UTF_8);
                            int p;
                            try {
                                Event e = EventParser.parse(b, 0, b.length);
                                if (!keep.test(e.eventTime)) {
                                    return;
                                }
                                p = Math.floorMod(e.streamerId.hashCode(), partitionCount);
                            } catch (InvalidEventException bad) {
                                p = (int) (malformed[0]++ % partitionCount);
                            }
                            parts.get(p).add(b);
                        });
        byte[][][] arrays = new byte[partitionCount][][];
        for (int i = 0; i < partitionCount; i++) {
            arrays[i] = parts.get(i).toArray(new byte[0][]);
            parts.set(i, null);
        }
        MemoryEvents m = new MemoryEvents(id, arrays);
        REGISTRY.put(id, m);
        return m;
    }

    static MemoryEvents lookup(String id) {
        MemoryEvents m = REGISTRY.get(id);
        if (m == null) {
            throw new IllegalStateException(
                    "no in-memory events registered as '"
                            + id
                            + "': the bench source runs only in the JVM that generated them");
        }
        return m;
    }

    /** Drops the lines, so the memory can be reclaimed. */
    public void release() {
        REGISTRY.remove(id);
    }

    public String id() {
        return id;
    }

    public int partitionCount() {
        return partitions.length;
    }

    byte[][] partition(int i) {
        return partitions[i];
    }

    /** All lines, well-formed or not. */
    public long lines() {
        return lines;
    }

    public long bytes() {
        return bytes;
    }
}
