package com.livegmv.engine;

import com.livegmv.events.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events that wait for the watermark, on the heap: at most the out-of-orderness bound (or one
 * watermark interval, when reading faster than real time) of events. They enter state only at a
 * checkpoint.
 *
 * <p>A binary min-heap by (event time, arrival), so that a watermark touches only the events it
 * releases: live, a watermark comes every few tens of milliseconds while the bound holds seconds of
 * events, and a scan of every waiting event per watermark grew with the square of the rate. The
 * arrival number orders the events that {@link Event#PROCESSING_ORDER} ties (a redelivered order id
 * at the same instant) as they arrived.
 */
final class PendingEvents {
    /** One streamer's due events, in SPEC §4 order. */
    interface Batch {
        void apply(String streamer, List<Event> events) throws Exception;
    }

    private long[] times = new long[1024];
    private long[] arrivals = new long[1024];
    private Event[] events = new Event[1024];
    private int size;
    private long arrived;

    /** One drain's due events by streamer, in the order the streamers fell due; reused. */
    private final Map<String, ArrayList<Event>> due = new LinkedHashMap<>();

    void add(Event e) {
        if (size == events.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            arrivals = Arrays.copyOf(arrivals, n);
            events = Arrays.copyOf(events, n);
        }
        long t = e.eventTime;
        long a = arrived++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(t, a, times[parent], arrivals[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, t, a, e);
    }

    /** How many events wait. */
    int size() {
        return size;
    }

    /** Every waiting event, for a checkpoint, in arrival order (what orders ties). */
    List<Event> all() {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            first = Math.min(first, arrivals[i]);
        }
        // The arrival (from the first) in the high bits, the index in the low ones.
        int bits = 32 - Integer.numberOfLeadingZeros(size);
        long mask = (1L << bits) - 1;
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = (arrivals[i] - first) << bits | i;
        }
        Arrays.sort(order);
        List<Event> all = new ArrayList<>(size);
        for (long o : order) {
            all.add(events[(int) (o & mask)]);
        }
        return all;
    }

    /**
     * Hands each streamer's events with a time at or before {@code last} to {@code batch}, sorted
     * in SPEC §4 order, and forgets them.
     */
    void drain(long last, Batch batch) throws Exception {
        while (size > 0 && times[0] <= last) {
            Event e = poll();
            due.computeIfAbsent(e.streamerId, k -> new ArrayList<>(4)).add(e);
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, ArrayList<Event>> streamer : due.entrySet()) {
                ArrayList<Event> mine = streamer.getValue();
                if (sameTimes(mine)) {
                    mine.sort(Event.PROCESSING_ORDER); // stable: ties keep arrival order
                }
                batch.apply(streamer.getKey(), mine);
            }
        } finally {
            due.clear();
        }
    }

    /**
     * True when two of the events, taken out by time, share a time: only then can SPEC §4's order
     * (time, then type, then id) differ from the order they came out in.
     */
    private static boolean sameTimes(ArrayList<Event> byTime) {
        for (int i = 1; i < byTime.size(); i++) {
            if (byTime.get(i).eventTime == byTime.get(i - 1).eventTime) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the first event by (time, arrival). */
    private Event poll() {
        Event first = events[0];
        int n = --size;
        long t = times[n];
        long a = arrivals[n];
        Event e = events[n];
        events[n] = null;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n
                    && less(times[child + 1], arrivals[child + 1], times[child], arrivals[child])) {
                child++;
            }
            if (!less(times[child], arrivals[child], t, a)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (n > 0) {
            set(i, t, a, e);
        }
        return first;
    }

    private static boolean less(long t, long a, long t2, long a2) {
        return t < t2 || (t == t2 && a < a2);
    }

    private void move(int from, int to) {
        set(to, times[from], arrivals[from], events[from]);
    }

    private void set(int i, long t, long a, Event e) {
        times[i] = t;
        arrivals[i] = a;
        events[i] = e;
    }
}
