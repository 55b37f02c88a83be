package com.livegmv.tools.generate;

/**
 * Every knob of the synthetic world in one place. The values aim at data that looks like a
 * livestream commerce platform during a festival, and that exercises every rule of the event
 * contract (SPEC section 2) without drowning the normal case.
 */
final class Tuning {
    private Tuning() {}

    static final long SECOND_MS = 1_000L;
    static final long MINUTE_MS = 60 * SECOND_MS;
    static final long HOUR_MS = 60 * MINUTE_MS;
    static final long DAY_MS = 24 * HOUR_MS;

    // ---- ordering -------------------------------------------------------------------------

    /**
     * Largest delay between an event's time and its place in the file. The consumer's watermark
     * allows 2 s of out-of-orderness; staying at 1.5 s leaves margin, so no generated event is
     * late.
     */
    static final long MAX_JITTER_MS = 1_500;

    /**
     * Minimum event-time gap between an event and one that depends on it (session start before its
     * first order). Being larger than the jitter, it also fixes their order in the file.
     */
    static final long DEPENDENCY_GAP_MS = 2_000;

    static final double NO_JITTER_SHARE = 0.80;
    static final double SMALL_JITTER_SHARE = 0.15; // 1..300 ms; the rest gets 301..1500 ms
    static final double DUPLICATE_SHARE = 0.005; // of all lines: at-least-once re-deliveries

    // ---- popularity and activity ------------------------------------------------------------

    static final double ZIPF_EXPONENT = 1.1;

    /** Share of slots that start a session with no sale: most streams sell nothing. */
    static final double IDLE_SESSION_SLOT_SHARE = 0.02;

    /** Share of slots that refund an order placed before the data begins (an unknown order). */
    static final double ORPHAN_REFUND_SLOT_SHARE = 0.002;

    static final double SESSION_MEDIAN_MS = 2.5 * HOUR_MS;
    static final double SESSION_SIGMA = 0.5;
    static final long SESSION_MIN_MS = 20 * MINUTE_MS;
    static final long SESSION_MAX_MS = 10 * HOUR_MS;

    /** How far before its first order a new session may start (kept within the current slice). */
    static final long SESSION_LEAD_MAX_MS = 30 * MINUTE_MS;

    static final double SELLING_PRIMARY_SHARE = 0.75; // streamers whose home category sells
    static final double PRIMARY_CATEGORY_SESSION_SHARE = 0.88;
    static final double GOODS_IN_SELLING_CATEGORY = 0.92;
    static final double GOODS_IN_OTHER_CATEGORY = 0.12;

    // ---- orders ------------------------------------------------------------------------------

    static final double LIVESTREAM_ORDER_SHARE = 0.90; // the rest: session_id null or absent
    static final double MEDIAN_ORDER_FEN = 15_000;
    static final double ORDER_SIGMA = 0.95;
    static final double WHALE_ORDER_SHARE = 0.001;
    static final double WHALE_MIN_FEN = 2_000_000;
    static final double WHALE_MAX_FEN = 50_000_000;
    static final long MAX_AMOUNT_FEN = 100_000_000_000L;
    static final double PRICE_POINT_99_SHARE = 0.4; // prices like 129.99 yuan
    static final double RISK_FLAGGED_SHARE = 0.01;
    static final double EMPTY_RISK_FLAGS_SHARE = 0.02; // "absent or empty" both mean clean
    static final double MERCHANT_ABSENT_SHARE = 0.05;

    // ---- refunds -----------------------------------------------------------------------------

    static final double REFUND_SHARE = 0.07; // orders with at least one refund
    static final double SECOND_REFUND_SHARE = 0.15; // of refunded orders
    static final double FULL_REFUND_SHARE = 0.45;
    static final double REFUND_CURRENCY_SHARE = 0.5; // currency is optional on refunds

    /** Refunds aimed at the settlement instant (a minute either side), for the half-open edge. */
    static final double REFUND_AT_SETTLEMENT_SHARE = 0.02;

    static final double REFUND_QUICK_SHARE = 0.50; // 10 min + exponential(8 h)
    static final double REFUND_MEDIUM_SHARE = 0.35; // uniform 1..6 days; the rest 6..16 days
    static final long REFUND_MIN_DELAY_MS = 10 * MINUTE_MS;
    static final double REFUND_QUICK_MEAN_MS = 8 * HOUR_MS;
    static final long REFUND_MEDIUM_FROM_MS = DAY_MS;
    static final long REFUND_MEDIUM_TO_MS = 6 * DAY_MS;
    static final long REFUND_LATE_FROM_MS = 6 * DAY_MS;
    static final long REFUND_LATE_TO_MS = 16 * DAY_MS;

    /** Expected refund lines per order, for planning. */
    static final double REFUNDS_PER_ORDER = REFUND_SHARE * (1 + SECOND_REFUND_SHARE);

    /** Probability that a refund delay (of the three regular kinds) is at most {@code d} ms. */
    static double refundDelayCdf(double d) {
        double quick =
                d <= REFUND_MIN_DELAY_MS
                        ? 0
                        : 1 - StrictMath.exp(-(d - REFUND_MIN_DELAY_MS) / REFUND_QUICK_MEAN_MS);
        double medium = uniformCdf(d, REFUND_MEDIUM_FROM_MS, REFUND_MEDIUM_TO_MS);
        double late = uniformCdf(d, REFUND_LATE_FROM_MS, REFUND_LATE_TO_MS);
        double lateShare = 1 - REFUND_QUICK_SHARE - REFUND_MEDIUM_SHARE;
        return REFUND_QUICK_SHARE * quick + REFUND_MEDIUM_SHARE * medium + lateShare * late;
    }

    private static double uniformCdf(double d, double from, double to) {
        return d <= from ? 0 : d >= to ? 1 : (d - from) / (to - from);
    }

    // ---- registrations and previews ----------------------------------------------------------

    /** At most this share of all lines goes to registrations, so small runs stay order-heavy. */
    static final double REGISTRATION_LINE_BUDGET = 0.05;

    static final double REGISTER_TOP_1_PERCENT = 0.92;
    static final double REGISTER_TOP_10_PERCENT = 0.75;
    static final double REGISTER_OTHERS = 0.50;
    static final double OUTSIDE_WINDOW_SHARE = 0.04; // registrations too late (or too early)
    static final double UNKNOWN_CAMPAIGN_SHARE = 0.015; // extra registrations for unknown ids
    static final double EXACT_BOUNDARY_SHARE = 0.03; // of registrations in a boundary slice
    static final long REGISTRATION_EARLY_DECAY_MS = 3 * DAY_MS; // most register early...
    static final long REGISTRATION_DEADLINE_RUSH_MS = 12 * HOUR_MS; // ...and some at the deadline
    static final long OUTSIDE_WINDOW_SPAN_MS = 3 * DAY_MS;

    static final double PREVIEW_SHARE_REGISTERED = 0.88;
    static final double PREVIEW_SHARE_OUTSIDE = 0.40;
    static final double PREVIEW_SHARE_UNKNOWN = 0.20;
    static final double SECOND_PREVIEW_SHARE = 0.10;
    static final double PREVIEW_MEAN_DELAY_MS = 30 * HOUR_MS;
    static final double PREVIEW_RESCHEDULE_SHARE = 0.80; // previews that would miss the event
    static final double SCHEDULED_START_SHARE = 0.80;

    /** Expected preview lines per registration, for planning. */
    static final double PREVIEWS_PER_REGISTRATION =
            PREVIEW_SHARE_REGISTERED * (1 + SECOND_PREVIEW_SHARE);

    // ---- the shape of time -------------------------------------------------------------------

    /** Tail of the timeline after the last settlement: late refunds and ordinary trade. */
    static final long TAIL_MS = 2 * DAY_MS;

    static final double EVENT_FACTOR = 6.0;
    static final double KICKOFF_FACTOR = 3.0; // the midnight rush of the first two hours
    static final long KICKOFF_MS = 2 * HOUR_MS;
    static final double FINAL_DAY_FACTOR = 1.5;
    static final double POST_EVENT_FACTOR = 0.6;

    /** Relative activity by hour of day in China (UTC+8): evening prime time, quiet nights. */
    private static final double[] HOURLY = {
        0.55, 0.30, 0.15, 0.08, 0.06, 0.06, 0.10, 0.20, 0.35, 0.45, 0.55, 0.60,
        0.70, 0.65, 0.55, 0.55, 0.60, 0.65, 0.80, 1.10, 1.50, 1.70, 1.50, 1.00
    };

    static final long CHINA_OFFSET_MS = 8 * HOUR_MS;

    static double hourWeight(long epochMs) {
        return HOURLY[(int) (Math.floorMod(epochMs + CHINA_OFFSET_MS, DAY_MS) / HOUR_MS)];
    }
}
