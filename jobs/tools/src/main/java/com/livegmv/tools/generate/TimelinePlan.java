package com.livegmv.tools.generate;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The shape of a run, decided before the first line: the timeline and its slices, who registers for
 * which campaign and in which slice, and how many lines should exist by the end of each slice.
 *
 * <p>The line targets are what make the line count exact without buffering: each slice fills up to
 * its cumulative target with orders, after the events it must carry (registrations, due refunds and
 * previews). The targets follow the expected volume of all kinds of lines over time, so that orders
 * follow their own daily and festival rhythm instead of filling the gaps others leave.
 */
final class TimelinePlan {
    private static final long BASE_SLICE_MS = 10 * Tuning.MINUTE_MS;

    /** Bounds the planning cost (a convolution over slices) for very long campaigns. */
    private static final int MAX_SLICES = 50_000;

    /** A timeline for runs without campaigns: one ordinary week. */
    private static final long DEFAULT_START =
            OffsetDateTime.parse("2024-12-01T00:00:00+08:00").toInstant().toEpochMilli();

    private static final long DEFAULT_SPAN = 7 * Tuning.DAY_MS;

    /** Rough extra lines per order (new sessions, idle sessions), for planning only. */
    private static final double LINES_PER_ORDER = 1.15;

    final long start;
    final long end;
    final long sliceMs;
    final int slices;

    private final List<CampaignWindow> campaigns;
    private final long lastEventEnd;
    private final long[] lineTargets; // cumulative, length slices + 1

    /** Per campaign: registrants, shuffled; the first outsideCount register outside the window. */
    private final int[][] registrants;

    private final int[] outsideCount;
    private final int[][] insideCumulative; // per campaign, length slices + 1
    private final int[][] outsideCumulative;
    private final int[] unknownCumulative;

    TimelinePlan(GeneratorOptions options, SplittableRandom rng, IntUnaryOperator rankToStreamer) {
        campaigns = options.campaigns();
        if (campaigns.isEmpty()) {
            start = DEFAULT_START;
            end = DEFAULT_START + DEFAULT_SPAN;
            lastEventEnd = Long.MAX_VALUE;
        } else {
            long first = Long.MAX_VALUE;
            long lastSettle = Long.MIN_VALUE;
            long lastEvent = Long.MIN_VALUE;
            for (CampaignWindow c : campaigns) {
                first = Math.min(first, Math.min(c.registrationStart(), c.eventStart()));
                lastSettle = Math.max(lastSettle, c.settleAt());
                lastEvent = Math.max(lastEvent, c.eventEnd());
            }
            start = first;
            end = lastSettle + Tuning.TAIL_MS;
            lastEventEnd = lastEvent;
        }
        long span = end - start;
        sliceMs = Math.max(BASE_SLICE_MS, ceilDiv(span, MAX_SLICES));
        slices = (int) ceilDiv(span, sliceMs);

        int n = campaigns.size();
        registrants = new int[n][];
        outsideCount = new int[n];
        insideCumulative = new int[n][];
        outsideCumulative = new int[n][];
        long cap = n == 0 ? 0 : (long) (Tuning.REGISTRATION_LINE_BUDGET * options.events() / n);
        int registrations = 0;
        for (int c = 0; c < n; c++) {
            CampaignWindow w = campaigns.get(c);
            registrants[c] = pickRegistrants(options.streamers(), cap, rng, rankToStreamer);
            double[] outsideWeights = outsideWeights(w);
            outsideCount[c] =
                    sum(outsideWeights) > 0
                            ? (int) Math.round(registrants[c].length * Tuning.OUTSIDE_WINDOW_SHARE)
                            : 0;
            insideCumulative[c] =
                    allocate(insideWeights(w), registrants[c].length - outsideCount[c]);
            outsideCumulative[c] = allocate(outsideWeights, outsideCount[c]);
            registrations += registrants[c].length;
        }
        double[] uniform = new double[slices];
        for (int k = 0; k < slices; k++) {
            uniform[k] = sliceEnd(k) - sliceStart(k);
        }
        int unknown = (int) Math.round(registrations * Tuning.UNKNOWN_CAMPAIGN_SHARE);
        unknownCumulative = allocate(uniform, unknown);
        lineTargets = lineTargets(options.events());
    }

    long sliceStart(int k) {
        return start + k * sliceMs;
    }

    long sliceEnd(int k) {
        return Math.min(end, start + (k + 1) * sliceMs);
    }

    /** How many lines should exist once slice {@code k} is done. */
    long lineTarget(int k) {
        return lineTargets[k + 1];
    }

    int[] registrants(int campaign) {
        return registrants[campaign];
    }

    int outsideCount(int campaign) {
        return outsideCount[campaign];
    }

    int[] insideCumulative(int campaign) {
        return insideCumulative[campaign];
    }

    int[] outsideCumulative(int campaign) {
        return outsideCumulative[campaign];
    }

    int[] unknownCumulative() {
        return unknownCumulative;
    }

    /**
     * Relative order rate at {@code t}: prime time in the evening, several times more inside an
     * event window (and more again at the midnight kickoff and on the final day), quieter after the
     * last event.
     */
    double orderIntensity(long t) {
        double factor = t >= lastEventEnd ? Tuning.POST_EVENT_FACTOR : 1.0;
        for (CampaignWindow c : campaigns) {
            if (t >= c.eventStart() && t < c.eventEnd()) {
                double f = Tuning.EVENT_FACTOR;
                if (t < c.eventStart() + Tuning.KICKOFF_MS) {
                    f *= Tuning.KICKOFF_FACTOR;
                }
                if (t >= c.eventEnd() - Tuning.DAY_MS) {
                    f *= Tuning.FINAL_DAY_FACTOR;
                }
                factor = Math.max(factor, f);
            }
        }
        return factor * Tuning.hourWeight(t);
    }

    /** The time ranges in which a campaign's out-of-window registrations fall. */
    long[][] outsideRanges(CampaignWindow w) {
        return new long[][] {
            {
                Math.max(start, w.registrationStart() - Tuning.OUTSIDE_WINDOW_SPAN_MS),
                w.registrationStart()
            },
            {
                w.registrationEnd(),
                Math.min(end, w.registrationEnd() + Tuning.OUTSIDE_WINDOW_SPAN_MS)
            }
        };
    }

    /**
     * Popular streamers are likelier to register, and when the line budget is tight only the most
     * popular do: a small run still has registered streamers who sell.
     */
    private static int[] pickRegistrants(
            int streamers, long cap, SplittableRandom rng, IntUnaryOperator rankToStreamer) {
        int[] picked = new int[(int) Math.min(streamers, cap)];
        int size = 0;
        int top1 = Math.max(1, streamers / 100);
        int top10 = Math.max(1, streamers / 10);
        for (int rank = 0; rank < streamers && size < picked.length; rank++) {
            double p =
                    rank < top1
                            ? Tuning.REGISTER_TOP_1_PERCENT
                            : rank < top10
                                    ? Tuning.REGISTER_TOP_10_PERCENT
                                    : Tuning.REGISTER_OTHERS;
            if (rng.nextDouble() < p) {
                picked[size++] = rankToStreamer.applyAsInt(rank);
            }
        }
        int[] result = Arrays.copyOf(picked, size);
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = result[i];
            result[i] = result[j];
            result[j] = tmp;
        }
        return result;
    }

    /** Registration rate inside the window: most sign up early, a second wave at the deadline. */
    private double[] insideWeights(CampaignWindow w) {
        double[] weights = new double[slices];
        for (int k = 0; k < slices; k++) {
            long lo = Math.max(sliceStart(k), w.registrationStart());
            long hi = Math.min(sliceEnd(k), w.registrationEnd());
            if (hi > lo) {
                long mid = lo + (hi - lo) / 2;
                double early =
                        StrictMath.exp(
                                -(double) (mid - w.registrationStart())
                                        / Tuning.REGISTRATION_EARLY_DECAY_MS);
                double rush =
                        0.35
                                * StrictMath.exp(
                                        -(double) (w.registrationEnd() - mid)
                                                / Tuning.REGISTRATION_DEADLINE_RUSH_MS);
                weights[k] = (hi - lo) * Tuning.hourWeight(mid) * (early + rush);
            }
        }
        return weights;
    }

    private double[] outsideWeights(CampaignWindow w) {
        double[] weights = new double[slices];
        for (long[] range : outsideRanges(w)) {
            for (int k = 0; k < slices; k++) {
                long lo = Math.max(sliceStart(k), range[0]);
                long hi = Math.min(sliceEnd(k), range[1]);
                if (hi > lo) {
                    weights[k] += (hi - lo) * Tuning.hourWeight(lo + (hi - lo) / 2);
                }
            }
        }
        return weights;
    }

    /**
     * Expected lines per slice: orders (with their sessions) by order intensity, refunds by the
     * order volume of the preceding days convolved with the refund delay distribution,
     * registrations as allocated, previews roughly with them. Scaled so they add up to the total.
     */
    private long[] lineTargets(long total) {
        double[] orders = new double[slices];
        for (int k = 0; k < slices; k++) {
            long lo = sliceStart(k);
            long hi = sliceEnd(k);
            orders[k] = (hi - lo) * orderIntensity(lo + (hi - lo) / 2);
        }
        double orderSum = sum(orders);
        for (int k = 0; k < slices; k++) {
            orders[k] /= orderSum;
        }
        int reach = (int) Math.min(slices, ceilDiv(Tuning.REFUND_LATE_TO_MS, sliceMs) + 1);
        double[] kernel = new double[reach + 1];
        for (int m = 1; m <= reach; m++) {
            // Refunds are never due in their order's own slice, hence the shift by one.
            kernel[m] =
                    Tuning.refundDelayCdf((double) m * sliceMs)
                            - Tuning.refundDelayCdf((double) (m - 1) * sliceMs);
        }
        double[] refunds = new double[slices];
        for (int j = 0; j < slices; j++) {
            double o = orders[j];
            if (o == 0) {
                continue;
            }
            int last = Math.min(slices - 1, j + reach);
            for (int k = j + 1; k <= last; k++) {
                refunds[k] += o * kernel[k - j];
            }
        }
        double[] fixed = new double[slices];
        for (int c = 0; c < campaigns.size(); c++) {
            addCounts(fixed, insideCumulative[c]);
            addCounts(fixed, outsideCumulative[c]);
        }
        addCounts(fixed, unknownCumulative);
        for (int k = 0; k < slices; k++) {
            fixed[k] *= 1 + Tuning.PREVIEWS_PER_REGISTRATION;
        }
        double orderCount =
                Math.max(0, total - sum(fixed))
                        / (LINES_PER_ORDER + Tuning.REFUNDS_PER_ORDER * sum(refunds));
        double[] weights = new double[slices];
        for (int k = 0; k < slices; k++) {
            weights[k] =
                    orderCount
                                    * (orders[k] * LINES_PER_ORDER
                                            + Tuning.REFUNDS_PER_ORDER * refunds[k])
                            + fixed[k];
        }
        return allocateLong(weights, total);
    }

    private static void addCounts(double[] into, int[] cumulative) {
        for (int k = 0; k < into.length; k++) {
            into[k] += cumulative[k + 1] - cumulative[k];
        }
    }

    /** Cumulative integer shares of {@code total} proportional to the weights. */
    static int[] allocate(double[] weights, int total) {
        long[] cumulative = allocateLong(weights, total);
        int[] result = new int[cumulative.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (int) cumulative[i];
        }
        return result;
    }

    static long[] allocateLong(double[] weights, long total) {
        long[] cumulative = new long[weights.length + 1];
        double sum = sum(weights);
        if (sum <= 0 || total == 0) {
            return cumulative; // nowhere to put anything
        }
        int lastPositive = 0;
        double acc = 0;
        for (int k = 0; k < weights.length; k++) {
            acc += weights[k];
            cumulative[k + 1] = Math.min(total, Math.round(total * (acc / sum)));
            if (weights[k] > 0) {
                lastPositive = k;
            }
        }
        // Rounding must not push counts into a slice of weight zero (outside any window).
        for (int k = lastPositive + 1; k <= weights.length; k++) {
            cumulative[k] = total;
        }
        return cumulative;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
