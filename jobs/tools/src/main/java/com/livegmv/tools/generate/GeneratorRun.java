package com.livegmv.tools.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One generation run: all mutable state lives here, so every {@link EventGenerator#generate} call
 * starts afresh and the output depends only on the options.
 *
 * <p>Time advances in slices (10 minutes; longer for campaigns spanning many months). Within a
 * slice, events are created with event times in the slice: first those the plan or earlier slices
 * scheduled (registrations, refunds, previews), then "slots" at sorted random times, each one an
 * order (with a session start when its streamer is not live) or, rarely, an idle session or a
 * refund of an unknown order. Every line gets an arrival time of its event time plus up to {@link
 * Tuning#MAX_JITTER_MS}; lines leave in arrival order, and once a slice is done every line arriving
 * before its end can leave, because later slices only create later events. That keeps memory to
 * about one slice of lines and bounds the disorder of event times in the output.
 */
final class GeneratorRun {
    private static final Comparator<Pending> ARRIVAL_ORDER =
            (a, b) ->
                    a.arrival != b.arrival
                            ? Long.compare(a.arrival, b.arrival)
                            : Long.compare(a.seq, b.seq);

    /** Slots drawn at once; only matters for absurd configurations (billions of lines a day). */
    private static final int MAX_SLOTS_PER_PASS = 1 << 22;

    private static final List<String> UNKNOWN_CAMPAIGN_IDS =
            List.of("1111-2023", "618-2025", "1212-2023", "no-such-campaign");
    private static final String[][] RISK_FLAGS = {
        {"BRUSHING"}, {"SELF_PURCHASE"}, {"CASHBACK_ABUSE"}, {"BRUSHING", "HIGH_RISK_DEVICE"}
    };
    private static final String[] NO_RISK_FLAGS = {};

    private final GeneratorOptions options;
    private final int streamers;
    private final SplittableRandom rng;
    private final Consumer<String> sink;
    private final TimelinePlan plan;
    private final ZipfSampler popularity;
    private final long rankMultiplier;
    private final long rankOffset;
    private final EventLines lines;
    private final MalformedLines malformedLines;
    private final ScheduledEvents scheduled = new ScheduledEvents();
    private final double malformedPerValid;
    private final double duplicatePerValid;

    /** Categories: those campaigns require (where goods sell) first, then the rest. */
    private final String[] categories;

    /** Campaign ids no configured campaign has, for registrations the engine must ignore. */
    private final String[] unknownCampaigns;

    private final int sellingCategories;

    // Each streamer's latest live session; sessions of one streamer never overlap.
    private final long[] sessionStart;
    private final long[] sessionEnd;
    private final long[] sessionId;

    /** Lines created but not yet handed to the sink, in no particular order until a flush. */
    private final ArrayList<Pending> buffer = new ArrayList<>();

    private long[] slotTimes = new long[1024];
    private long sliceEnd;

    private long created;
    private long lineSeq;

    /**
     * One counter for all ids (orders, sessions, refunds, previews, and those in malformed lines):
     * every natural key is unique across kinds, and a rejected line never reuses an accepted id.
     */
    private long idSeq;

    // The polar method draws normals in pairs; the second waits here.
    private boolean hasSpareGaussian;
    private double spareGaussian;

    private long slotCount;
    private long slotLines;

    private long orders;
    private long refunds;
    private long registrations;
    private long previews;
    private long sessions;
    private long malformed;
    private long duplicates;

    private record Pending(long arrival, long seq, String text) {}

    GeneratorRun(GeneratorOptions options, Consumer<String> sink) {
        this.options = options;
        this.sink = sink;
        streamers = options.streamers();
        long seed = options.seed();
        rng = new SplittableRandom(seed);
        popularity = new ZipfSampler(streamers, Tuning.ZIPF_EXPONENT);
        // Popularity rank -> streamer index through an affine bijection, so the stars are not
        // simply s000000, s000001, ...
        long multiplier = 1 + Math.floorMod(mix(seed ^ 0x5DEECE66DL), Math.max(1, streamers));
        while (gcd(multiplier, streamers) != 1) {
            multiplier++;
        }
        rankMultiplier = multiplier;
        rankOffset = Math.floorMod(mix(seed + 1), streamers);
        plan = new TimelinePlan(options, rng.split(), this::streamerOfRank);
        lines = new EventLines(streamers);
        malformedLines = new MalformedLines(lines, rng);

        // Each well-formed line brings m malformed and d duplicate lines on average, so that
        // m / (1 + m + d) and d / (1 + m + d) are the requested shares of all lines.
        double valid = 1 - options.malformedFraction() - Tuning.DUPLICATE_SHARE;
        malformedPerValid = options.malformedFraction() / valid;
        duplicatePerValid = Tuning.DUPLICATE_SHARE / valid;

        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (CampaignWindow c : options.campaigns()) {
            all.add(c.requiredCategory());
        }
        if (all.isEmpty()) {
            all.add("SHOPPING");
        }
        sellingCategories = all.size();
        all.addAll(List.of("SHOPPING", "GAMING", "MUSIC", "OUTDOOR"));
        categories = all.toArray(new String[0]);

        List<String> known = options.campaigns().stream().map(CampaignWindow::id).toList();
        unknownCampaigns =
                UNKNOWN_CAMPAIGN_IDS.stream()
                        .filter(id -> !known.contains(id))
                        .toArray(String[]::new);

        sessionStart = new long[streamers];
        sessionEnd = new long[streamers];
        sessionId = new long[streamers];
        Arrays.fill(sessionStart, Long.MIN_VALUE);
        Arrays.fill(sessionEnd, Long.MIN_VALUE);
    }

    GeneratorStats run() {
        int last = plan.slices - 1;
        for (int k = 0; k <= last && created < options.events(); k++) {
            long from = plan.sliceStart(k);
            sliceEnd = plan.sliceEnd(k);
            releaseScheduled();
            registrations(k, from);
            fillSlots(from, k == last ? options.events() : plan.lineTarget(k), k == last);
            flush(sliceEnd);
        }
        flush(Long.MAX_VALUE);
        return new GeneratorStats(
                created, orders, refunds, registrations, previews, sessions, malformed, duplicates);
    }

    // ---- emission and reordering ---------------------------------------------------------------

    private long nextId() {
        return ++idSeq;
    }

    private long remaining() {
        return options.events() - created;
    }

    private Pending add(long arrival, String text) {
        Pending p = new Pending(arrival, lineSeq++, text);
        buffer.add(p);
        created++;
        return p;
    }

    /**
     * Creates a well-formed line, sometimes followed by a verbatim re-delivery (arriving later, but
     * still within the jitter bound of its event time) and by a malformed sibling. {@code reserve}
     * lines stay free for the caller, which needs them for a dependent line.
     */
    private boolean emitValid(long t, String text, int reserve) {
        if (remaining() <= reserve) {
            return false;
        }
        Pending p = add(t + jitter(), text);
        if (remaining() > reserve && rng.nextDouble() < duplicatePerValid) {
            long latest = t + Tuning.MAX_JITTER_MS;
            add(p.arrival + rng.nextLong(latest - p.arrival + 1), text);
            duplicates++;
        }
        for (double m = malformedPerValid; m > 0 && remaining() > reserve; m -= 1) {
            if (rng.nextDouble() < m) {
                add(t + jitter(), malformedLines.next(t, streamer(), nextId()));
                malformed++;
            }
        }
        return true;
    }

    /** Most lines arrive on time; some a little late; none more than 1.5 s late. */
    private long jitter() {
        double u = rng.nextDouble();
        if (u < Tuning.NO_JITTER_SHARE) {
            return 0;
        }
        if (u < Tuning.NO_JITTER_SHARE + Tuning.SMALL_JITTER_SHARE) {
            return 1 + rng.nextInt(300);
        }
        return 301 + rng.nextInt((int) Tuning.MAX_JITTER_MS - 300);
    }

    /** Hands over, in arrival order, every line arriving before {@code limit}. */
    private void flush(long limit) {
        buffer.sort(ARRIVAL_ORDER);
        int n = 0;
        int size = buffer.size();
        while (n < size && buffer.get(n).arrival < limit) {
            sink.accept(buffer.get(n).text);
            n++;
        }
        buffer.subList(0, n).clear();
    }

    // ---- scheduled events ----------------------------------------------------------------------

    /**
     * Refunds and previews falling due in this slice (they were scheduled at or after its start).
     */
    private void releaseScheduled() {
        while (scheduled.hasDueBefore(sliceEnd)) {
            scheduled.pop();
            long t = scheduled.poppedTime;
            int s = scheduled.poppedStreamer;
            if (scheduled.poppedKind == ScheduledEvents.REFUND) {
                boolean currency = rng.nextDouble() < Tuning.REFUND_CURRENCY_SHARE;
                String text =
                        lines.refund(
                                t,
                                nextId(),
                                'o',
                                scheduled.poppedReference,
                                s,
                                scheduled.poppedAmount,
                                currency);
                if (emitValid(t, text, 0)) {
                    refunds++;
                }
            } else {
                String text = lines.preview(t, nextId(), s, scheduled.poppedReference);
                if (emitValid(t, text, 0)) {
                    previews++;
                }
            }
        }
    }

    /** Schedules a future event; never into the current slice, which is already being written. */
    private void schedule(long t, byte kind, int streamer, long reference, long amount) {
        long at = Math.max(t, sliceEnd);
        if (at < plan.end) {
            scheduled.add(at, kind, streamer, reference, amount);
        }
    }

    // ---- registrations and previews ------------------------------------------------------------

    private void registrations(int k, long from) {
        for (int c = 0; c < options.campaigns().size(); c++) {
            CampaignWindow w = options.campaigns().get(c);
            int[] who = plan.registrants(c);
            int outside = plan.outsideCount(c);
            int[] inside = plan.insideCumulative(c);
            for (int j = inside[k]; j < inside[k + 1]; j++) {
                long lo = Math.max(from, w.registrationStart());
                long hi = Math.min(sliceEnd, w.registrationEnd());
                long t = lo + rng.nextLong(hi - lo);
                // Exact first and last instants of the half-open window, both inside.
                if (lo == w.registrationStart() && rng.nextDouble() < Tuning.EXACT_BOUNDARY_SHARE) {
                    t = lo;
                } else if (hi == w.registrationEnd()
                        && rng.nextDouble() < Tuning.EXACT_BOUNDARY_SHARE) {
                    t = hi - 1;
                }
                register(t, who[outside + j], w, Tuning.PREVIEW_SHARE_REGISTERED);
            }
            int[] out = plan.outsideCumulative(c);
            for (int j = out[k]; j < out[k + 1]; j++) {
                long t = pickIn(plan.outsideRanges(w), from, sliceEnd);
                // The exact end instant of the window is already outside.
                if (t >= w.registrationEnd()
                        && from <= w.registrationEnd()
                        && rng.nextDouble() < 10 * Tuning.EXACT_BOUNDARY_SHARE) {
                    t = w.registrationEnd();
                }
                register(t, who[j], w, Tuning.PREVIEW_SHARE_OUTSIDE);
            }
        }
        int[] unknown = plan.unknownCumulative();
        for (int j = unknown[k]; j < unknown[k + 1]; j++) {
            long t = from + rng.nextLong(sliceEnd - from);
            int s = rng.nextInt(streamers);
            String campaign = unknownCampaigns[rng.nextInt(unknownCampaigns.length)];
            if (emitValid(t, lines.registration(t, s, campaign, role(s)), 0)) {
                registrations++;
                maybePreview(t, s, Tuning.PREVIEW_SHARE_UNKNOWN, null);
            }
        }
    }

    private void register(long t, int s, CampaignWindow w, double previewShare) {
        if (emitValid(t, lines.registration(t, s, w.id(), role(s)), 0)) {
            registrations++;
            maybePreview(t, s, previewShare, w);
        }
    }

    /**
     * A preview follows registration by a day or so. One that would come too late for the event is
     * mostly brought forward; the rest stay late, which the engine treats as no preview.
     */
    private void maybePreview(long registeredAt, int s, double share, CampaignWindow w) {
        if (rng.nextDouble() >= share) {
            return;
        }
        long t = registeredAt + 5 * Tuning.MINUTE_MS + exponential(Tuning.PREVIEW_MEAN_DELAY_MS);
        if (w != null && t >= w.eventEnd() && rng.nextDouble() < Tuning.PREVIEW_RESCHEDULE_SHARE) {
            t = registeredAt + 5 * Tuning.MINUTE_MS + rng.nextLong(2 * Tuning.HOUR_MS);
        }
        schedule(t, ScheduledEvents.PREVIEW, s, scheduledStart(t), 0);
        if (rng.nextDouble() < Tuning.SECOND_PREVIEW_SHARE) {
            long again = t + 6 * Tuning.HOUR_MS + rng.nextLong(4 * Tuning.DAY_MS);
            schedule(again, ScheduledEvents.PREVIEW, s, scheduledStart(again), 0);
        }
    }

    /** The announced start: a round half hour, hours to days ahead; sometimes not given. */
    private long scheduledStart(long publishedAt) {
        if (rng.nextDouble() >= Tuning.SCHEDULED_START_SHARE) {
            return EventLines.NO_TIME;
        }
        long at = publishedAt + 2 * Tuning.HOUR_MS + rng.nextLong(70 * Tuning.HOUR_MS);
        long halfHour = 30 * Tuning.MINUTE_MS;
        return Math.floorDiv(at, halfHour) * halfHour;
    }

    /** A uniform time in the union of {@code ranges}, within {@code [from, to)}. */
    private long pickIn(long[][] ranges, long from, long to) {
        long total = 0;
        for (long[] r : ranges) {
            total += Math.max(0, Math.min(to, r[1]) - Math.max(from, r[0]));
        }
        long u = rng.nextLong(total);
        for (long[] r : ranges) {
            long lo = Math.max(from, r[0]);
            long len = Math.max(0, Math.min(to, r[1]) - lo);
            if (u < len) {
                return lo + u;
            }
            u -= len;
        }
        throw new IllegalStateException("empty ranges");
    }

    // ---- slots: orders and sessions ------------------------------------------------------------

    /**
     * Creates slots at sorted times until {@code target} lines exist. Outside the final slice the
     * target is soft: one pass, sized by the lines a slot has produced so far; any shortfall or
     * excess is absorbed by the next slice's cumulative target.
     */
    private void fillSlots(long from, long target, boolean exact) {
        do {
            long missing = target - created;
            if (missing <= 0) {
                return;
            }
            double perSlot = slotCount < 1_000 ? 1.2 : (double) slotLines / slotCount;
            int n = (int) Math.min(MAX_SLOTS_PER_PASS, Math.max(1, Math.round(missing / perSlot)));
            if (slotTimes.length < n) {
                slotTimes = new long[Math.max(n, slotTimes.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                slotTimes[i] = from + rng.nextLong(sliceEnd - from);
            }
            // Chronological slots keep each streamer's session bookkeeping simple.
            Arrays.sort(slotTimes, 0, n);
            for (int i = 0; i < n && created < target; i++) {
                long before = created;
                slot(slotTimes[i], from);
                slotCount++;
                slotLines += created - before;
            }
        } while (exact && created < target);
    }

    private void slot(long t, long from) {
        double u = rng.nextDouble();
        if (u < Tuning.IDLE_SESSION_SLOT_SHARE && idleSession(t)) {
            return;
        }
        if (u >= Tuning.IDLE_SESSION_SLOT_SHARE
                && u < Tuning.IDLE_SESSION_SLOT_SHARE + Tuning.ORPHAN_REFUND_SLOT_SHARE) {
            orphanRefund(t);
            return;
        }
        order(t, from);
    }

    /** Somebody from anywhere in the long tail goes live and sells nothing. */
    private boolean idleSession(long t) {
        int s = rng.nextInt(streamers);
        if (sessionEnd[s] > t) {
            return false; // already live
        }
        startSession(s, t, 0);
        return true;
    }

    /** A refund of an order from before the data set begins: the engine cannot apply it. */
    private void orphanRefund(long t) {
        int s = streamer();
        long amount = Math.max(1, Math.round(orderAmount() * 0.5));
        boolean currency = rng.nextDouble() < Tuning.REFUND_CURRENCY_SHARE;
        String text = lines.refund(t, nextId(), 'h', nextId(), s, amount, currency);
        if (emitValid(t, text, 0)) {
            refunds++;
        }
    }

    private void order(long t, long from) {
        int s = options.hotStreamerShare() > 0 ? orderStreamer() : streamer();
        double u = rng.nextDouble();
        long session;
        if (u < Tuning.LIVESTREAM_ORDER_SHARE) {
            session = liveSession(s, t, from);
        } else {
            // Not a livestream order: half say so with null, half leave the field out.
            session =
                    u < (1 + Tuning.LIVESTREAM_ORDER_SHARE) / 2
                            ? EventLines.NULL_SESSION
                            : EventLines.ABSENT_SESSION;
        }
        long amount = orderAmount();
        double r = rng.nextDouble();
        String[] flags =
                r < Tuning.RISK_FLAGGED_SHARE
                        ? RISK_FLAGS[rng.nextInt(RISK_FLAGS.length)]
                        : r < Tuning.RISK_FLAGGED_SHARE + Tuning.EMPTY_RISK_FLAGS_SHARE
                                ? NO_RISK_FLAGS
                                : null;
        long merchant = rng.nextDouble() < Tuning.MERCHANT_ABSENT_SHARE ? -1 : merchant(s);
        long id = nextId();
        if (emitValid(t, lines.order(t, id, s, session, merchant, amount, flags), 0)) {
            orders++;
            maybeRefund(t, id, s, amount);
        }
    }

    /**
     * The session an order at {@code t} belongs to: the streamer's current one if it started at
     * least {@link Tuning#DEPENDENCY_GAP_MS} before, else a new one started within this slice, at
     * least that long before. When neither fits (the order is at the very start of the slice, or
     * the streamer's last session only just ended) the order is not a livestream order.
     */
    private long liveSession(int s, long t, long from) {
        long latestStart = t - Tuning.DEPENDENCY_GAP_MS;
        if (sessionStart[s] <= latestStart && sessionEnd[s] > latestStart) {
            return sessionId[s];
        }
        long earliestStart =
                Math.max(Math.max(from, sessionEnd[s]), t - Tuning.SESSION_LEAD_MAX_MS);
        if (earliestStart > latestStart || remaining() < 2) {
            return EventLines.NULL_SESSION;
        }
        return startSession(s, earliestStart + rng.nextLong(latestStart - earliestStart + 1), 1);
    }

    private long startSession(int s, long start, int reserve) {
        long id = nextId();
        int category = sessionCategory(s);
        boolean selling = category < sellingCategories;
        boolean goods =
                rng.nextDouble()
                        < (selling
                                ? Tuning.GOODS_IN_SELLING_CATEGORY
                                : Tuning.GOODS_IN_OTHER_CATEGORY);
        if (!emitValid(start, lines.session(start, id, s, categories[category], goods), reserve)) {
            return EventLines.NULL_SESSION;
        }
        sessions++;
        long duration =
                Math.round(
                        Tuning.SESSION_MEDIAN_MS
                                * StrictMath.exp(Tuning.SESSION_SIGMA * gaussian()));
        duration = Math.max(Tuning.SESSION_MIN_MS, Math.min(Tuning.SESSION_MAX_MS, duration));
        sessionStart[s] = start;
        sessionEnd[s] = start + duration;
        sessionId[s] = id;
        return id;
    }

    /** Mostly the streamer's home category; home is a selling category for most streamers. */
    private int sessionCategory(int s) {
        if (rng.nextDouble() >= Tuning.PRIMARY_CATEGORY_SESSION_SHARE) {
            return rng.nextInt(categories.length);
        }
        long h = mix(options.seed() ^ (0x9E3779B97F4A7C15L * (s + 1)));
        double u = (h >>> 11) * 0x1.0p-53;
        if (u < Tuning.SELLING_PRIMARY_SHARE) {
            return (int) ((h & 0xFF) % sellingCategories);
        }
        int others = categories.length - sellingCategories;
        return others == 0 ? 0 : sellingCategories + (int) ((h & 0xFF) % others);
    }

    /**
     * Log-normal around 150 yuan, priced in whole yuan or at .99; now and then a whale order of
     * twenty thousand to half a million yuan (log-uniform).
     */
    private long orderAmount() {
        if (rng.nextDouble() < Tuning.WHALE_ORDER_SHARE) {
            double span = StrictMath.log(Tuning.WHALE_MAX_FEN / Tuning.WHALE_MIN_FEN);
            return Math.round(Tuning.WHALE_MIN_FEN * StrictMath.exp(rng.nextDouble() * span));
        }
        double fen = Tuning.MEDIAN_ORDER_FEN * StrictMath.exp(Tuning.ORDER_SIGMA * gaussian());
        long amount = Math.round(fen / 100) * 100;
        if (amount > 100 && rng.nextDouble() < Tuning.PRICE_POINT_99_SHARE) {
            amount -= 1;
        }
        return Math.max(1, Math.min(Tuning.MAX_AMOUNT_FEN, amount));
    }

    /** Refunds: full or partial, within hours, days, or after the campaign settled. */
    private void maybeRefund(long t, long order, int s, long amount) {
        if (rng.nextDouble() >= Tuning.REFUND_SHARE) {
            return;
        }
        boolean full = amount < 2 || rng.nextDouble() < Tuning.FULL_REFUND_SHARE;
        long first = full ? amount : partial(amount, 0.05, 0.95);
        schedule(t + refundDelay(t), ScheduledEvents.REFUND, s, order, first);
        if (rng.nextDouble() < Tuning.SECOND_REFUND_SHARE) {
            // A second refund may ask for more than is left; the engine caps it.
            schedule(
                    t + refundDelay(t),
                    ScheduledEvents.REFUND,
                    s,
                    order,
                    partial(amount, 0.05, 0.6));
        }
    }

    private long partial(long amount, double min, double max) {
        double share = min + rng.nextDouble() * (max - min);
        return Math.max(1, Math.min(amount - 1, Math.round(amount * share)));
    }

    private long refundDelay(long orderTime) {
        double u = rng.nextDouble();
        if (u < Tuning.REFUND_AT_SETTLEMENT_SHARE) {
            for (CampaignWindow c : options.campaigns()) {
                if (orderTime >= c.eventStart() && orderTime < c.eventEnd()) {
                    // A minute either side of the settlement instant.
                    return c.settleAt() - Tuning.MINUTE_MS + rng.nextLong(2 * Tuning.MINUTE_MS);
                }
            }
            u = rng.nextDouble();
        }
        double v = rng.nextDouble();
        if (u < Tuning.REFUND_QUICK_SHARE) {
            return Tuning.REFUND_MIN_DELAY_MS + exponential(Tuning.REFUND_QUICK_MEAN_MS);
        }
        if (u < Tuning.REFUND_QUICK_SHARE + Tuning.REFUND_MEDIUM_SHARE) {
            return Tuning.REFUND_MEDIUM_FROM_MS
                    + Math.round(v * (Tuning.REFUND_MEDIUM_TO_MS - Tuning.REFUND_MEDIUM_FROM_MS));
        }
        return Tuning.REFUND_LATE_FROM_MS
                + Math.round(v * (Tuning.REFUND_LATE_TO_MS - Tuning.REFUND_LATE_FROM_MS));
    }

    // ---- streamers -----------------------------------------------------------------------------

    private int streamer() {
        return streamerOfRank(popularity.sample(rng));
    }

    /** With a hot streamer: the top one for its share of orders, the others by Zipf rank. */
    private int orderStreamer() {
        if (streamers == 1 || rng.nextDouble() < options.hotStreamerShare()) {
            return streamerOfRank(0);
        }
        int rank;
        do {
            rank = popularity.sample(rng);
        } while (rank == 0);
        return streamerOfRank(rank);
    }

    private int streamerOfRank(int rank) {
        return (int) ((rank * rankMultiplier + rankOffset) % streamers);
    }

    /** A streamer sells for a few merchants of its own; about two streamers per merchant. */
    private long merchant(int s) {
        long h = mix(options.seed() * 31 + s);
        long merchants = Math.max(1, streamers / 2);
        return Math.floorMod(h + rng.nextInt(3), merchants);
    }

    /** Role is a property of the streamer; a few registrations leave it out. */
    private String role(int s) {
        if (rng.nextInt(20) == 0) {
            return null;
        }
        return (mix(options.seed() * 17 + s) & 0xFF) < 110 ? "MERCHANT" : "CREATOR";
    }

    // ---- randomness ----------------------------------------------------------------------------

    private long exponential(double mean) {
        return Math.round(-mean * StrictMath.log(1 - rng.nextDouble()));
    }

    /**
     * Standard normal by the polar method. StrictMath rather than the JDK's nextGaussian, so the
     * output is the same on every JVM and platform.
     */
    private double gaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double x;
        double y;
        double r;
        do {
            x = 2 * rng.nextDouble() - 1;
            y = 2 * rng.nextDouble() - 1;
            r = x * x + y * y;
        } while (r >= 1 || r == 0);
        double scale = StrictMath.sqrt(-2 * StrictMath.log(r) / r);
        spareGaussian = y * scale;
        hasSpareGaussian = true;
        return x * scale;
    }

    /** SplitMix64's finalizer: a well-mixed hash for per-streamer attributes. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
