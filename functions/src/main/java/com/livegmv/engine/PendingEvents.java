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
 * <p>Events are added to an arrival-ordered buffer. A drain first seals that buffer into a run
 * sorted by (event time, arrival), then takes from the front of every run the events the watermark
 * releases. So each event is sorted once, with the others of its watermark interval, in a few
 * sequential arrays, and a watermark touches only the events it releases plus the head of each run.
 * (A binary heap over every waiting event, the design before this, paid a cache miss per level on
 * each removal: about twenty when a backlog of a million events waits, which made a job that fell
 * behind slower still.) Runs are few: live, about the bound over the watermark interval (10 at 2 s
 * and 200 ms). Past {@link #MAX_RUNS}, the runs are merged into one.
 *
 * <p>Each streamer's due events are handed over in SPEC §4 order, with events that order ties (a
 * redelivered order id at the same instant) in arrival order: the runs' due events are merged by
 * (time, run), and a run sealed later holds later arrivals, so they come out by (time, arrival).
 * Only a streamer with two due events at the same time is sorted, stably, by SPEC §4's order.
 */
final class PendingEvents {
    /** One streamer's due events, in SPEC §4 order. */
    interface Batch {
        void apply(String streamer, List<Event> events) throws Exception;
    }

    /** More runs than this are merged into one at the end of a drain. */
    static final int MAX_RUNS = 64;

    /** Events added since the last drain, in arrival order. */
    private Event[] added = new Event[1024];

    private int addedSize;

    /** Sealed runs, oldest first. */
    private final ArrayList<Run> runs = new ArrayList<>();

    private int size;

    /** One drain's due events by streamer, in the order the streamers fell due; reused. */
    private final Map<String, Due> due = new LinkedHashMap<>();

    /** The runs a drain merges, a min-heap by (head time, run); reused. */
    private Run[] heads = new Run[8];

    /** How many runs were sealed: each run's number orders it among the others. */
    private long sealed;

    void add(Event e) {
        if (addedSize == added.length) {
            added = Arrays.copyOf(added, addedSize * 2);
        }
        added[addedSize++] = e;
        size++;
    }

    /** How many events wait. */
    int size() {
        return size;
    }

    /** How many sealed runs hold waiting events (for tests). */
    int runs() {
        return runs.size();
    }

    /** Every waiting event, for a checkpoint, in arrival order (what orders ties). */
    List<Event> all() {
        List<Event> all = new ArrayList<>(size);
        for (Run r : runs) {
            r.addWaitingInArrivalOrder(all);
        }
        all.addAll(Arrays.asList(added).subList(0, addedSize));
        return all;
    }

    /**
     * Hands each streamer's events with a time at or before {@code last} to {@code batch}, sorted
     * in SPEC §4 order, and forgets them.
     */
    void drain(long last, Batch batch) throws Exception {
        if (addedSize > 0) {
            runs.add(Run.sorted(Arrays.copyOf(added, addedSize), sealed++));
            Arrays.fill(added, 0, addedSize, null);
            addedSize = 0;
        }
        collectDue(last);
        runs.removeIf(Run::isEmpty);
        if (runs.size() > MAX_RUNS) {
            List<Event> waiting = new ArrayList<>(size);
            for (Run r : runs) {
                r.addWaitingInArrivalOrder(waiting);
            }
            runs.clear();
            runs.add(Run.sorted(waiting.toArray(new Event[0]), sealed++));
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, Due> streamer : due.entrySet()) {
                Due mine = streamer.getValue();
                if (mine.ties) {
                    mine.sort(Event.PROCESSING_ORDER); // stable: ties keep arrival order
                }
                batch.apply(streamer.getKey(), mine);
            }
        } finally {
            due.clear();
        }
    }

    /**
     * Takes the due events of every run, merged by (time, run): the runs' order is their events'
     * arrival order, so the events come out by (time, arrival), and each streamer's in order.
     */
    private void collectDue(long last) {
        if (heads.length < runs.size()) {
            heads = new Run[Math.max(runs.size(), 2 * heads.length)];
        }
        int k = 0;
        for (Run r : runs) {
            if (r.hasDue(last)) {
                heads[k++] = r;
            }
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(i, k);
        }
        while (k > 0) {
            Run r = heads[0];
            collect(r.take());
            if (!r.hasDue(last)) {
                heads[0] = heads[--k];
            }
            siftDown(0, k);
        }
        Arrays.fill(heads, null);
    }

    /** Restores the min-heap order of {@code heads[0..k)} by (head time, run) below {@code i}. */
    private void siftDown(int i, int k) {
        Run r = heads[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= k) {
                break;
            }
            if (child + 1 < k && heads[child + 1].before(heads[child])) {
                child++;
            }
            if (!heads[child].before(r)) {
                break;
            }
            heads[i] = heads[child];
            i = child;
        }
        heads[i] = r;
    }

    private void collect(Event e) {
        size--;
        Due d = due.get(e.streamerId);
        if (d == null) {
            d = new Due();
            due.put(e.streamerId, d);
        } else if (d.lastTime == e.eventTime) {
            d.ties = true;
        }
        d.lastTime = e.eventTime;
        d.add(e);
    }

    /** One streamer's due events, collected by (time, arrival). */
    private static final class Due extends ArrayList<Event> {
        private static final long serialVersionUID = 1L;

        long lastTime;

        /**
         * Two of the events share a time: only then can SPEC §4's order (time, then type, then id)
         * differ from the order they were collected in.
         */
        boolean ties;

        Due() {
            super(4);
        }
    }

    /** Events sealed together, sorted by (time, arrival); taken from the front. */
    private static final class Run {
        /** The events in arrival order; null once taken. */
        private final Event[] events;

        /** Sorted: the i-th event by (time, arrival) is {@code events[arrivals[i]]} at times[i]. */
        private final long[] times;

        private final int[] arrivals;

        /** Orders runs: a run sealed later holds events that arrived later. */
        private final long number;

        /** The first event not yet taken, in sorted order. */
        private int head;

        private Run(Event[] events, long[] times, int[] arrivals, long number) {
            this.events = events;
            this.times = times;
            this.arrivals = arrivals;
            this.number = number;
        }

        /** Sorts events given in arrival order. */
        static Run sorted(Event[] events, long number) {
            int n = events.length;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Event e : events) {
                min = Math.min(min, e.eventTime);
                max = Math.max(max, e.eventTime);
            }
            long[] times = new long[n];
            int[] arrivals = new int[n];
            int bits = 32 - Integer.numberOfLeadingZeros(n);
            long range = max - min; // negative when it overflows
            if (range >= 0 && range >>> (63 - bits) == 0) {
                // One primitive sort of (time - min, arrival) packed in a long: the arrival in
                // the low bits keeps equal times in arrival order.
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = (events[i].eventTime - min) << bits | i;
                }
                Arrays.sort(keys);
                long mask = (1L << bits) - 1;
                for (int i = 0; i < n; i++) {
                    arrivals[i] = (int) (keys[i] & mask);
                    times[i] = min + (keys[i] >>> bits);
                }
            } else {
                // Times too far apart to pack: a stable sort of boxed arrivals.
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(
                        order, (a, b) -> Long.compare(events[a].eventTime, events[b].eventTime));
                for (int i = 0; i < n; i++) {
                    arrivals[i] = order[i];
                    times[i] = events[order[i]].eventTime;
                }
            }
            return new Run(events, times, arrivals, number);
        }

        boolean hasDue(long last) {
            return head < times.length && times[head] <= last;
        }

        boolean isEmpty() {
            return head == times.length;
        }

        /** This run's next event comes before {@code other}'s, by (time, arrival). */
        boolean before(Run other) {
            long t = times[head];
            long u = other.times[other.head];
            return t < u || (t == u && number < other.number);
        }

        Event take() {
            int a = arrivals[head++];
            Event e = events[a];
            events[a] = null;
            return e;
        }

        void addWaitingInArrivalOrder(List<Event> to) {
            int[] waiting = Arrays.copyOfRange(arrivals, head, arrivals.length);
            Arrays.sort(waiting);
            for (int a : waiting) {
                to.add(events[a]);
            }
        }
    }
}
