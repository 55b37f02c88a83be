package com.livegmv.engine;

import static com.livegmv.engine.CampaignState.PREVIEWED;
import static com.livegmv.engine.CampaignState.REGISTERED;
import static com.livegmv.engine.CampaignState.REGISTERED_BY_END;
import static com.livegmv.engine.CampaignState.VISIBLE;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.Tier;
import com.livegmv.campaign.TierLadder;
import com.livegmv.events.Event;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.LateEvent;
import com.livegmv.output.LateHandling;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The incentive engine, keyed by streamer: applies each streamer's events in SPEC §4 order, keeps
 * GMV per campaign, emits INSTANT grants as tiers are crossed, and settles each campaign at {@code
 * event.end + grace} with POST_EVENT and CLAWBACK grants.
 *
 * <p>Ordering: an event newer than the watermark waits in {@code pending} under its timestamp, with
 * an event-time timer; when the watermark passes it, the events of that millisecond are sorted by
 * (type rank, natural key) and applied. A campaign settling at T settles in the timer for T before
 * the events of T are applied, so "every event before T, none after" holds. An event at or behind
 * the watermark is late: applied at once if its campaigns have not settled, and recorded in {@code
 * late_event} either way.
 *
 * <p>Cost per event: a bounded number of state reads and writes (pending, the order or session, and
 * one entry per campaign whose window holds the event). Nothing iterates a streamer's history
 * except the sweep at each settlement time, which releases orders, sessions and previews that no
 * open campaign can use any more; that sweep is amortised over the entries it frees. After the last
 * campaign settles a streamer holds no state and no timer.
 */
public class IncentiveEngine extends KeyedProcessFunction<String, Event, Grant> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Settlement> SETTLEMENTS =
            new OutputTag<>("campaign_settlement", TypeInformation.of(Settlement.class));
    public static final OutputTag<Progress> PROGRESS =
            new OutputTag<>("streamer_progress", TypeInformation.of(Progress.class));
    public static final OutputTag<LateEvent> LATE =
            new OutputTag<>("late_event", TypeInformation.of(LateEvent.class));

    private static final String NOT_REGISTERED = "NOT_REGISTERED";
    private static final String NO_PREVIEW = "NO_PREVIEW";
    private static final long NONE = Long.MIN_VALUE;

    private final CampaignPlan plan;
    private final boolean liveProgress;

    /** Distinct settlement times, sorted: the instants at which a sweep can free something. */
    private final long[] settleTimes;

    /** Events newer than the watermark, in arrival order; applied when the watermark passes. */
    private transient ListState<Event> pending;

    /** The earliest event time in {@link #pending}, with an event-time timer at it; or null. */
    private transient ValueState<Long> pendingTimer;

    /**
     * Settle times (bit i: settleTimes[i]) whose timer this key registered in the current batch.
     */
    private transient long batchTimers;

    private transient boolean inBatch;
    private transient MapState<String, CampaignState> campaigns;
    private transient MapState<String, OrderState> orders;
    private transient MapState<String, SessionState> sessions;
    private transient MapState<String, Long> previews;
    private transient MapState<String, Long> refunds;

    /** What the event being applied did, for its late_event row. */
    private transient LateHandling handling;

    private transient String handlingDetail;

    /**
     * @param liveProgress emit a progress row on every change (the live job); when false, only the
     *     final row at settlement (replay, where only the final state is written).
     */
    public IncentiveEngine(CampaignPlan plan, boolean liveProgress) {
        this.plan = plan;
        this.liveProgress = liveProgress;
        this.settleTimes =
                plan.campaigns().stream()
                        .mapToLong(Campaign::settleAt)
                        .distinct()
                        .sorted()
                        .toArray();
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending", TypeInformation.of(Event.class)));
        pendingTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
        campaigns =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "campaigns",
                                        Types.STRING,
                                        TypeInformation.of(CampaignState.class)));
        orders =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "orders",
                                        Types.STRING,
                                        TypeInformation.of(OrderState.class)));
        sessions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "sessions",
                                        Types.STRING,
                                        TypeInformation.of(SessionState.class)));
        previews =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("previews", Types.STRING, Types.LONG));
        refunds =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("refunds", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Grant> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (e.eventTime <= watermark) {
            handling = LateHandling.APPLIED;
            handlingDetail = null;
            apply(e, watermark, ctx, out);
            emitLate(e, watermark, ctx);
            return;
        }
        pending.add(e);
        Long timer = pendingTimer.value();
        if (timer == null || e.eventTime < timer) {
            pendingTimer.update(e.eventTime);
            ctx.timerService().registerEventTimeTimer(e.eventTime);
        }
    }

    /**
     * A timer at {@code timestamp}: settles the campaigns that settle then, and applies every
     * pending event the watermark has passed, in SPEC §4 order. One batch per key and watermark
     * step, not one timer per event time: any timer of the key fires only after every earlier
     * timer, so all pending events are at or after {@code timestamp}, and the settlement times
     * among them are handled in place, exactly where their own timers would have.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Grant> out) throws Exception {
        int at = Arrays.binarySearch(settleTimes, timestamp);
        if (at >= 0) {
            settleTime(at, ctx, out);
        }
        Long first = pendingTimer.value();
        long watermark = ctx.timerService().currentWatermark();
        if (first == null || first > watermark) {
            return;
        }
        List<Event> due = new ArrayList<>();
        List<Event> later = null;
        long nextTimer = Long.MAX_VALUE;
        for (Event e : pending.get()) {
            if (e.eventTime <= watermark) {
                due.add(e);
            } else {
                if (later == null) {
                    later = new ArrayList<>();
                }
                later.add(e);
                nextTimer = Math.min(nextTimer, e.eventTime);
            }
        }
        if (later == null) {
            pending.clear();
            pendingTimer.clear();
        } else {
            pending.update(later);
            pendingTimer.update(nextTimer);
            ctx.timerService().registerEventTimeTimer(nextTimer);
        }
        if (due.size() > 1) {
            due.sort(Event.PROCESSING_ORDER);
        }
        int next = at >= 0 ? at + 1 : -at - 1;
        inBatch = true;
        batchTimers = 0;
        try {
            for (Event e : due) {
                while (next < settleTimes.length && settleTimes[next] <= e.eventTime) {
                    settleTime(next++, ctx, out);
                }
                handling = null;
                handlingDetail = null;
                apply(e, e.eventTime, ctx, out);
                if (handling != null) {
                    // An on-time event that still needs a late_event row: an unapplied refund.
                    emitLate(e, watermark, ctx);
                }
            }
        } finally {
            inBatch = false;
        }
    }

    /**
     * Settles the campaigns that settle at {@code settleTimes[index]} and frees what nothing can
     * use after it.
     */
    private void settleTime(int index, Context ctx, Collector<Grant> out) throws Exception {
        long t = settleTimes[index];
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).settleAt() == t) {
                settle(plan.get(i), ctx, out);
            }
        }
        sweep(t);
    }

    /**
     * Applies one event. {@code horizon} is the instant that decides which campaigns have settled:
     * the event's own time when applied in order, the watermark when it is late.
     */
    private void apply(Event e, long horizon, Context ctx, Collector<Grant> out) throws Exception {
        switch (e.type) {
            case LIVE_SESSION_STARTED:
                onSession(e, horizon, ctx);
                break;
            case REGISTRATION:
                onRegistration(e, horizon, ctx, out);
                break;
            case PREVIEW_PUBLISHED:
                onPreview(e, horizon, ctx, out);
                break;
            case ORDER_PAID:
                onOrder(e, horizon, ctx, out);
                break;
            case ORDER_REFUNDED:
                onRefund(e, horizon, ctx);
                break;
            default:
                throw new IllegalStateException("unhandled type " + e.type);
        }
    }

    private void onSession(Event e, long horizon, Context ctx) throws Exception {
        if (sessions.contains(e.key)) {
            note(LateHandling.APPLIED, "duplicate session_id; ignored");
            return;
        }
        // An order at or after the session start counts only in a window ending after it.
        long expiry = keepUntil(e.eventTime, horizon);
        if (expiry == NONE) {
            note(
                    anyEventWindowEndsAfter(e.eventTime)
                            ? LateHandling.AFTER_SETTLEMENT
                            : LateHandling.APPLIED,
                    "no open campaign can count orders of this session");
            return;
        }
        sessions.put(e.key, new SessionState(e.category, e.withGoods, expiry));
        timerAt(expiry, ctx);
    }

    private void onRegistration(Event e, long horizon, Context ctx, Collector<Grant> out)
            throws Exception {
        int ci = plan.indexOf(e.key);
        if (ci < 0) {
            note(LateHandling.APPLIED, "no campaign has this id; ignored");
            return;
        }
        Campaign c = plan.get(ci);
        if (horizon >= c.settleAt()) {
            note(LateHandling.AFTER_SETTLEMENT, "campaign " + c.id() + " has settled");
            return;
        }
        if (!c.inRegistration(e.eventTime)) {
            note(LateHandling.APPLIED, "outside the registration window; ignored");
            return;
        }
        CampaignState st = state(c, ctx);
        if (st.has(REGISTERED)) {
            note(LateHandling.APPLIED, "duplicate registration; ignored");
            return;
        }
        st.flags |= REGISTERED | VISIBLE | (e.eventTime < c.eventEnd() ? REGISTERED_BY_END : 0);
        touched(st, e);
        if (c.inEvent(e.eventTime)) {
            instantGrants(c, st, e, "REGISTRATION", c.id(), out);
        }
        save(c, st, ctx);
    }

    private void onPreview(Event e, long horizon, Context ctx, Collector<Grant> out)
            throws Exception {
        if (previews.contains(e.key)) {
            note(LateHandling.APPLIED, "duplicate preview_id; ignored");
            return;
        }
        boolean anyWindow = false;
        boolean anyOpen = false;
        for (int i = 0; i < plan.size(); i++) {
            Campaign c = plan.get(i);
            if (!c.inPreview(e.eventTime)) {
                continue;
            }
            anyWindow = true;
            if (horizon >= c.settleAt()) {
                continue;
            }
            anyOpen = true;
            if (!c.requirePreview()) {
                continue;
            }
            CampaignState st = state(c, ctx);
            if (st.has(PREVIEWED)) {
                continue;
            }
            st.flags |= PREVIEWED;
            touched(st, e);
            if (c.inEvent(e.eventTime)) {
                instantGrants(c, st, e, "PREVIEW_PUBLISHED", e.key, out);
            }
            save(c, st, ctx);
        }
        if (!anyOpen) {
            note(
                    anyWindow ? LateHandling.AFTER_SETTLEMENT : LateHandling.APPLIED,
                    anyWindow
                            ? "every campaign it could count for has settled"
                            : "outside every preview window; ignored");
        }
        remember(previews, e.key, keepUntil(e.eventTime, horizon), ctx);
    }

    private void onOrder(Event e, long horizon, Context ctx, Collector<Grant> out)
            throws Exception {
        if (orders.contains(e.key)) {
            note(LateHandling.APPLIED, "duplicate order_id; ignored");
            return;
        }
        SessionState session = null;
        boolean sessionRead = false;
        boolean anyWindow = false;
        boolean anyOpen = false;
        int counted = 0;
        for (int i = 0; i < plan.size(); i++) {
            Campaign c = plan.get(i);
            if (!c.inEvent(e.eventTime)) {
                continue;
            }
            anyWindow = true;
            if (horizon >= c.settleAt()) {
                continue;
            }
            anyOpen = true;
            if (e.risky || e.sessionId == null) {
                continue;
            }
            if (!sessionRead) {
                session = sessions.get(e.sessionId);
                sessionRead = true;
            }
            if (session == null
                    || !session.withGoods
                    || !c.requiredCategory().equals(session.category)) {
                continue;
            }
            CampaignState st = state(c, ctx);
            st.paidFen += e.amountFen;
            st.qualifyingOrders++;
            st.flags |= VISIBLE;
            touched(st, e);
            instantGrants(c, st, e, "ORDER_PAID", e.key, out);
            save(c, st, ctx);
            counted |= 1 << i;
        }
        // Kept even when it counted toward nothing: a later copy must still be a duplicate.
        long expiry = keepUntil(e.eventTime, horizon);
        if (expiry != NONE) {
            orders.put(e.key, new OrderState(e.amountFen, counted, expiry));
            timerAt(expiry, ctx);
        }
        if (!anyOpen) {
            note(
                    anyWindow ? LateHandling.AFTER_SETTLEMENT : LateHandling.APPLIED,
                    anyWindow
                            ? "every campaign whose event window holds it has settled"
                            : "outside every event window; counts toward nothing");
        } else {
            note(
                    LateHandling.APPLIED,
                    "counted toward ",
                    Integer.bitCount(counted),
                    " campaign(s)");
        }
    }

    private void onRefund(Event e, long horizon, Context ctx) throws Exception {
        if (refunds.contains(e.key)) {
            note(LateHandling.APPLIED, "duplicate refund_id; ignored");
            return;
        }
        remember(refunds, e.key, keepRefundUntil(horizon), ctx);
        OrderState order = orders.get(e.orderId);
        if (order == null) {
            // Never seen, outside every event window, or released after its campaigns settled.
            // AFTER_SETTLEMENT only when some campaign had started by the refund and every
            // such campaign has settled; otherwise the order simply is not one we can use.
            boolean anyStarted = false;
            boolean anyOpen = false;
            for (int i = 0; i < plan.size(); i++) {
                Campaign c = plan.get(i);
                if (c.eventStart() <= e.eventTime) {
                    anyStarted = true;
                    anyOpen |= horizon < c.settleAt();
                }
            }
            forceNote(
                    anyStarted && !anyOpen
                            ? LateHandling.AFTER_SETTLEMENT
                            : LateHandling.UNAPPLIED_REFUND,
                    "order " + e.orderId + " is not a known order of an open campaign");
            return;
        }
        long amount = Math.min(e.amountFen, order.amountFen - order.refundedFen);
        boolean applies = false;
        for (int i = 0; i < plan.size(); i++) {
            if ((order.countedMask & (1 << i)) == 0) {
                continue;
            }
            Campaign c = plan.get(i);
            // Both "r.event_time < event.end + grace" and "not settled yet" (for late refunds).
            if (horizon >= c.settleAt()) {
                continue;
            }
            applies = true;
            if (amount > 0) {
                CampaignState st = campaigns.get(c.id());
                st.refundedFen += amount;
                touched(st, e);
                save(c, st, ctx);
            }
        }
        if (applies) {
            order.refundedFen += amount;
            orders.put(e.orderId, order);
        }
        if (!applies) {
            forceNote(
                    order.countedMask == 0
                            ? LateHandling.UNAPPLIED_REFUND
                            : LateHandling.AFTER_SETTLEMENT,
                    order.countedMask == 0
                            ? "order " + e.orderId + " did not count toward any campaign"
                            : "past the settlement of every campaign the order counted toward");
        } else {
            note(LateHandling.APPLIED, "refunded ", amount, " fen");
        }
    }

    /** SPEC §7: every tier reached and not yet granted, lowest first. */
    private void instantGrants(
            Campaign c,
            CampaignState st,
            Event trigger,
            String triggerType,
            String triggerId,
            Collector<Grant> out) {
        if (!eligible(c, st)) {
            return;
        }
        long gmv = st.gmvFen();
        TierLadder ladder = c.ladder();
        int level = ladder.levelFor(gmv);
        for (int k = 1; k <= level; k++) {
            long bit = 1L << (k - 1);
            if ((st.instantMask & bit) != 0) {
                continue;
            }
            st.instantMask |= bit;
            long reward = ladder.tier(k).instantRewardFen();
            st.instantRewardFen += reward;
            out.collect(
                    new Grant(
                            c.id(),
                            trigger.streamerId,
                            GrantKind.INSTANT,
                            k,
                            reward,
                            gmv,
                            trigger.eventTime,
                            triggerType,
                            triggerId,
                            System.currentTimeMillis()));
        }
    }

    /** SPEC §8, for one streamer and one campaign, then the campaign's state is released. */
    private void settle(Campaign c, Context ctx, Collector<Grant> out) throws Exception {
        CampaignState st = campaigns.get(c.id());
        if (st == null) {
            return;
        }
        campaigns.remove(c.id());
        if (!st.has(VISIBLE)) {
            return;
        }
        String streamer = ctx.getCurrentKey();
        long at = c.settleAt();
        long gmv = st.gmvFen();
        TierLadder ladder = c.ladder();
        int tier = ladder.levelFor(gmv);
        // Both as of event.end: a registration after it (in a longer registration window)
        // does not make the streamer eligible.
        boolean registered = st.has(REGISTERED_BY_END);
        boolean previewed = previewed(c, st);
        long now = System.currentTimeMillis();

        Settlement s = new Settlement();
        s.campaignId = c.id();
        s.streamerId = streamer;
        s.finalGmvFen = gmv;
        s.paidFen = st.paidFen;
        s.refundedFen = st.refundedFen;
        s.qualifyingOrders = st.qualifyingOrders;
        s.finalTier = tier;
        s.eligible = registered && previewed;
        s.ineligibleReason = !registered ? NOT_REGISTERED : !previewed ? NO_PREVIEW : null;
        s.instantRewardFen = st.instantRewardFen;
        s.settledAt = at;
        if (s.eligible && tier >= 1) {
            s.postEventRewardFen = ladder.tier(tier).postEventRewardFen();
            out.collect(
                    new Grant(
                            c.id(),
                            streamer,
                            GrantKind.POST_EVENT,
                            tier,
                            s.postEventRewardFen,
                            gmv,
                            at,
                            "SETTLEMENT",
                            c.id(),
                            now));
        }
        if (c.clawbackInstant()) {
            for (int k = tier + 1; k <= ladder.size(); k++) {
                if ((st.instantMask & (1L << (k - 1))) == 0) {
                    continue;
                }
                Tier t = ladder.tier(k);
                s.clawbackFen -= t.instantRewardFen();
                out.collect(
                        new Grant(
                                c.id(),
                                streamer,
                                GrantKind.CLAWBACK,
                                k,
                                -t.instantRewardFen(),
                                gmv,
                                at,
                                "SETTLEMENT",
                                c.id(),
                                now));
            }
        }
        ctx.output(SETTLEMENTS, s);
        ctx.output(PROGRESS, progress(c, st, streamer, true));
    }

    /** Releases orders, sessions and previews that no open campaign can use after {@code t}. */
    private void sweep(long t) throws Exception {
        if (t >= settleTimes[settleTimes.length - 1]) {
            // Every id expires by the last settlement: drop them all without reading them.
            orders.clear();
            sessions.clear();
            previews.clear();
            refunds.clear();
            return;
        }
        sweep(orders, o -> o.expiresAt <= t);
        sweep(sessions, s -> s.expiresAt <= t);
        sweep(previews, expiresAt -> expiresAt <= t);
        sweep(refunds, expiresAt -> expiresAt <= t);
    }

    private static <V> void sweep(MapState<String, V> state, Predicate<V> expired)
            throws Exception {
        Iterator<Map.Entry<String, V>> it = state.iterator();
        if (it == null) {
            return;
        }
        while (it.hasNext()) {
            if (expired.test(it.next().getValue())) {
                it.remove();
            }
        }
        // Removing every entry through the iterator leaves an empty map behind on the heap
        // backend; clear() drops the state entry itself.
        if (state.isEmpty()) {
            state.clear();
        }
    }

    private CampaignState state(Campaign c, Context ctx) throws Exception {
        CampaignState st = campaigns.get(c.id());
        if (st == null) {
            st = new CampaignState();
            timerAt(c.settleAt(), ctx);
        }
        return st;
    }

    private void save(Campaign c, CampaignState st, Context ctx) throws Exception {
        campaigns.put(c.id(), st);
        if (liveProgress && st.has(VISIBLE)) {
            ctx.output(PROGRESS, progress(c, st, ctx.getCurrentKey(), false));
        }
    }

    private static void touched(CampaignState st, Event e) {
        st.lastEventTime = Math.max(st.lastEventTime, e.eventTime);
    }

    private static boolean previewed(Campaign c, CampaignState st) {
        return !c.requirePreview() || st.has(PREVIEWED);
    }

    /**
     * Registered before event.end and previewed. Inside the event window, where instant grants
     * happen, this is "registered and previewed" (SPEC §6); after event.end it is the settlement's
     * eligibility (SPEC §8), so progress and settlement never disagree.
     */
    private static boolean eligible(Campaign c, CampaignState st) {
        return st.has(REGISTERED_BY_END) && previewed(c, st);
    }

    /**
     * How long an id first seen at {@code t} must be remembered: a copy of it (same natural key, so
     * a duplicate, SPEC §2) could still count in any campaign whose event window ends after {@code
     * t} and which has not settled. Once all those have settled, no copy can change anything. NONE
     * when nothing could.
     */
    private long keepUntil(long t, long horizon) {
        long until = NONE;
        for (int i = 0; i < plan.size(); i++) {
            Campaign c = plan.get(i);
            if (c.eventEnd() > t && horizon < c.settleAt()) {
                until = Math.max(until, c.settleAt());
            }
        }
        return until;
    }

    /** A refund id matters while refunds can still apply: until the last open settlement. */
    private long keepRefundUntil(long horizon) {
        long until = NONE;
        for (int i = 0; i < plan.size(); i++) {
            if (horizon < plan.get(i).settleAt()) {
                until = Math.max(until, plan.get(i).settleAt());
            }
        }
        return until;
    }

    private boolean anyEventWindowEndsAfter(long t) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).eventEnd() > t) {
                return true;
            }
        }
        return false;
    }

    private void remember(MapState<String, Long> ids, String id, long until, Context ctx)
            throws Exception {
        if (until != NONE) {
            ids.put(id, until);
            timerAt(until, ctx);
        }
    }

    /**
     * An event-time timer at a settlement time. Within one batch each is registered once per key:
     * the timer service would deduplicate them too, but only after a lookup per event.
     */
    private void timerAt(long t, Context ctx) {
        if (inBatch) {
            int i = Arrays.binarySearch(settleTimes, t);
            if (i >= 0 && i < Long.SIZE) {
                long bit = 1L << i;
                if ((batchTimers & bit) != 0) {
                    return;
                }
                batchTimers |= bit;
            }
        }
        ctx.timerService().registerEventTimeTimer(t);
    }

    private static Progress progress(
            Campaign c, CampaignState st, String streamer, boolean settled) {
        Progress p = new Progress();
        p.campaignId = c.id();
        p.streamerId = streamer;
        p.gmvFen = st.gmvFen();
        p.paidFen = st.paidFen;
        p.refundedFen = st.refundedFen;
        p.qualifyingOrders = st.qualifyingOrders;
        p.currentTier = c.ladder().levelFor(p.gmvFen);
        p.nextThresholdFen = c.ladder().nextThreshold(p.currentTier);
        p.eligible = eligible(c, st);
        p.instantTiersGranted = Long.bitCount(st.instantMask);
        p.lastEventTime = st.lastEventTime;
        p.settled = settled;
        return p;
    }

    /** Records what happened, for a late event's row; on-time events keep no note. */
    private void note(LateHandling h, String detail) {
        if (handling != null) {
            handling = h;
            handlingDetail = detail;
        }
    }

    /** As {@link #note(LateHandling, String)}; the detail is built only for a late event. */
    private void note(LateHandling h, String before, long n, String after) {
        if (handling != null) {
            handling = h;
            handlingDetail = before + n + after;
        }
    }

    /** Records an outcome that needs a late_event row even when the event was on time. */
    private void forceNote(LateHandling h, String detail) {
        handling = h;
        handlingDetail = detail;
    }

    private void emitLate(Event e, long watermark, Context ctx) {
        LateEvent row = new LateEvent();
        row.source = e.source();
        row.type = e.type.name();
        row.naturalKey = e.key;
        row.streamerId = e.streamerId;
        row.eventTime = e.eventTime;
        row.watermark = watermark;
        row.handling = handling;
        row.detail = handlingDetail;
        ctx.output(LATE, row);
    }
}
