package com.livegmv.engine;

import com.livegmv.events.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Events that wait for the watermark, on the heap and grouped by streamer: at most the
 * out-of-orderness bound (or one watermark interval, when reading faster than real time) of events.
 * They enter state only at a checkpoint.
 */
final class PendingEvents {
    /** One streamer's due events, in SPEC §4 order. */
    interface Batch {
        void apply(String streamer, List<Event> events) throws Exception;
    }

    private final Map<String, ArrayList<Event>> byStreamer = new HashMap<>();
    private int size;

    void add(Event e) {
        byStreamer.computeIfAbsent(e.streamerId, k -> new ArrayList<>(4)).add(e);
        size++;
    }

    /** How many events wait. */
    int size() {
        return size;
    }

    /** Every waiting event, for a checkpoint. */
    List<Event> all() {
        List<Event> all = new ArrayList<>(size);
        byStreamer.values().forEach(all::addAll);
        return all;
    }

    /**
     * Hands each streamer's events with a time at or before {@code last} to {@code batch}, sorted
     * in SPEC §4 order, and forgets them.
     */
    void drain(long last, Batch batch) throws Exception {
        Iterator<Map.Entry<String, ArrayList<Event>>> it = byStreamer.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ArrayList<Event>> entry = it.next();
            ArrayList<Event> events = entry.getValue();
            int due = 0;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).eventTime <= last) {
                    due++;
                }
            }
            if (due == 0) {
                continue;
            }
            List<Event> batchEvents;
            if (due == events.size()) {
                it.remove();
                batchEvents = events;
            } else {
                List<Event> taken = new ArrayList<>(due);
                events.removeIf(
                        e -> {
                            boolean take = e.eventTime <= last;
                            if (take) {
                                taken.add(e);
                            }
                            return take;
                        });
                batchEvents = taken;
            }
            size -= due;
            if (due > 1) {
                batchEvents.sort(Event.PROCESSING_ORDER);
            }
            batch.apply(entry.getKey(), batchEvents);
        }
    }
}
