package com.livegmv.tools.feed;

/**
 * A fixed-rate schedule that never catches up in a burst: item i is due {@code i / rate} seconds
 * after the start; when the sender falls further behind than {@code maxLagNanos} (a stall on a busy
 * machine), the schedule slips so that the sender is only that far behind, and the items it missed
 * are simply later. So at no time does the sender run ahead of the rate by more than the lag.
 */
final class Pacer {
    private final double nanosPerItem;
    private final long maxLagNanos;
    private long start;
    private long slipped;

    /**
     * @param ratePerSecond items per second; 0 means no pacing
     */
    Pacer(double ratePerSecond, long maxLagNanos) {
        this.nanosPerItem = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.maxLagNanos = maxLagNanos;
    }

    void start(long nowNanos) {
        start = nowNanos;
        slipped = 0;
    }

    /** How long to wait before sending item {@code i} at {@code nowNanos}; 0 to send at once. */
    long waitNanos(long i, long nowNanos) {
        if (nanosPerItem == 0) {
            return 0;
        }
        long due = start + slipped + (long) (i * nanosPerItem);
        if (due > nowNanos) {
            return due - nowNanos;
        }
        if (nowNanos - due > maxLagNanos) {
            slipped += nowNanos - due - maxLagNanos;
        }
        return 0;
    }

    /** Schedule time given up after stalls so far. */
    long slippedNanos() {
        return slipped;
    }
}
