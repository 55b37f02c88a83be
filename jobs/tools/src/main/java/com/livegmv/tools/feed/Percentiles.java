package com.livegmv.tools.feed;

/** Percentiles of latency samples, one definition for the demo and the benchmarks. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The nearest-rank percentile of an ascending array: the element at index ceil(p/100*n)-1,
     * clamped to the array, so p=0 gives the minimum and p=100 the maximum.
     */
    public static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile out of [0, 100]: " + p);
        }
        // p*n first: exact for whole p, where p/100*n is not (7/100.0*100 = 7.000000000000001).
        long rank = (long) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        int index = (int) Math.max(0, Math.min(sorted.length - 1, rank - 1));
        return sorted[index];
    }
}
