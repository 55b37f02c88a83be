package com.livegmv.tools.generate;

import java.util.Arrays;

/**
 * Events decided now but due later (refunds, previews), as a binary min-heap on event time over
 * parallel primitive arrays. It holds only what is pending, a small fraction of all events, at
 * about 30 bytes each and no object per entry.
 */
final class ScheduledEvents {
    static final byte REFUND = 1;
    static final byte PREVIEW = 2;

    private long[] time = new long[1024];
    private long[] reference = new long[1024]; // order sequence, or a preview's scheduled start
    private long[] amount = new long[1024];
    private int[] streamer = new int[1024];
    private byte[] kind = new byte[1024];
    private int size;

    // The entry removed by the last pop().
    long poppedTime;
    long poppedReference;
    long poppedAmount;
    int poppedStreamer;
    byte poppedKind;

    int size() {
        return size;
    }

    void add(long at, byte what, int who, long ref, long fen) {
        if (size == time.length) {
            int capacity = size * 2;
            time = Arrays.copyOf(time, capacity);
            reference = Arrays.copyOf(reference, capacity);
            amount = Arrays.copyOf(amount, capacity);
            streamer = Arrays.copyOf(streamer, capacity);
            kind = Arrays.copyOf(kind, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (time[parent] <= at) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, at, what, who, ref, fen);
    }

    /** Whether the earliest pending entry is due before {@code limit}. */
    boolean hasDueBefore(long limit) {
        return size > 0 && time[0] < limit;
    }

    void pop() {
        poppedTime = time[0];
        poppedReference = reference[0];
        poppedAmount = amount[0];
        poppedStreamer = streamer[0];
        poppedKind = kind[0];
        int last = --size;
        if (last == 0) {
            return;
        }
        long at = time[last];
        byte what = kind[last];
        int who = streamer[last];
        long ref = reference[last];
        long fen = amount[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && time[child + 1] < time[child]) {
                child++;
            }
            if (time[child] >= at) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, at, what, who, ref, fen);
    }

    private void move(int from, int to) {
        time[to] = time[from];
        reference[to] = reference[from];
        amount[to] = amount[from];
        streamer[to] = streamer[from];
        kind[to] = kind[from];
    }

    private void set(int i, long at, byte what, int who, long ref, long fen) {
        time[i] = at;
        kind[i] = what;
        streamer[i] = who;
        reference[i] = ref;
        amount[i] = fen;
    }
}
