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
import com.livegmv.output.LateHandling;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import java.util.ArrayList;
import java.util.List;

/**
 * The money rules of SPEC §5-§8 for one streamer, in plain Java: what each event does to the
 * streamer's campaigns, and what settlement pays. The caller applies a streamer's events in SPEC §4
 * order and settles each campaign at {@code event.end + grace} between the events before and the
 * events at or after it; it owns the state: a {@link StreamerState} it loads and saves, and an
 * {@link IdStore}. Each handler returns what happened instead of emitting it.
 *
 * <p>{@code horizon} decides which campaigns have settled: the event's own time when it is applied
 * in order, the watermark when it is late (its campaigns may have settled before it arrived).
 *
 * <p>Remembered ids (SPEC §2 duplicates, §5 refunds), each until a settlement time, the streamer's
 * wake times:
 *
 * <ul>
 *   <li>a session, a preview and an order that counted toward nothing: while a campaign whose event
 *       window ends after the id's time is open, because an order (or a copy of the id) at or after
 *       that time can still count there;
 *   <li>an order that counted and a refund id: while any campaign is open. A refund id, because a
 *       copy of the refund could still apply. A counted order, because its refunds must say
 *       AFTER_SETTLEMENT once its campaigns have settled (§5): a refund of a forgotten order can
 *       only be labelled by its own time, UNAPPLIED_REFUND while a campaign that had started by
 *       then is open, and any open campaign, even one that starts later, can hold such a refund.
 * </ul>
 *
 * After the last settlement a streamer holds nothing.
 */
public final class StreamerLedger {
    private static final long NONE = Long.MIN_VALUE;
    private static final String NOT_REGISTERED = "NOT_REGISTERED";
    private static final String NO_PREVIEW = "NO_PREVIEW";

    private final CampaignPlan plan;
    private final CampaignSlots slots;

    public StreamerLedger(CampaignPlan plan, CampaignSlots slots) {
        this.plan = plan;
        this.slots = slots;
    }

    /** What an event did, in the words of its {@code late_event} row. */
    public enum Note {
        APPLIED(LateHandling.APPLIED, null),
        DUPLICATE_SESSION(LateHandling.APPLIED, "duplicate session_id; ignored"),
        SESSION_UNUSABLE(LateHandling.APPLIED, "no open campaign can count orders of this session"),
        SESSION_AFTER_SETTLEMENT(
                LateHandling.AFTER_SETTLEMENT, "no open campaign can count orders of this session"),
        UNKNOWN_CAMPAIGN(LateHandling.APPLIED, "no campaign has this id; ignored"),
        CAMPAIGN_SETTLED(LateHandling.AFTER_SETTLEMENT, "campaign {} has settled"),
        OUTSIDE_REGISTRATION(LateHandling.APPLIED, "outside the registration window; ignored"),
        DUPLICATE_REGISTRATION(LateHandling.APPLIED, "duplicate registration; ignored"),
        DUPLICATE_PREVIEW(LateHandling.APPLIED, "duplicate preview_id; ignored"),
        PREVIEW_OUTSIDE(LateHandling.APPLIED, "outside every preview window; ignored"),
        PREVIEW_AFTER_SETTLEMENT(
                LateHandling.AFTER_SETTLEMENT, "every campaign it could count for has settled"),
        DUPLICATE_ORDER(LateHandling.APPLIED, "duplicate order_id; ignored"),
        ORDER_OUTSIDE(LateHandling.APPLIED, "outside every event window; counts toward nothing"),
        ORDER_AFTER_SETTLEMENT(
                LateHandling.AFTER_SETTLEMENT,
                "every campaign whose event window holds it has settled"),
        ORDER_COUNTED(LateHandling.APPLIED, "counted toward {} campaign(s)"),
        DUPLICATE_REFUND(LateHandling.APPLIED, "duplicate refund_id; ignored"),
        REFUNDED(LateHandling.APPLIED, "refunded {} fen"),
        REFUND_OF_UNKNOWN_ORDER(
                LateHandling.UNAPPLIED_REFUND,
                "order {} is not a known order of an open campaign",
                true),
        REFUND_OF_UNKNOWN_ORDER_AFTER_SETTLEMENT(
                LateHandling.AFTER_SETTLEMENT,
                "order {} is not a known order of an open campaign",
                true),
        REFUND_OF_UNCOUNTED_ORDER(
                LateHandling.UNAPPLIED_REFUND, "order {} did not count toward any campaign", true),
        REFUND_AFTER_SETTLEMENT(
                LateHandling.AFTER_SETTLEMENT,
                "past the settlement of every campaign the order counted toward",
                true);

        public final LateHandling handling;

        /** The detail; {@code {}} stands for the event's argument. */
        private final String text;

        /** Recorded in {@code late_event} even when the event was on time (SPEC §5). */
        public final boolean recordedOnTime;

        Note(LateHandling handling, String text) {
            this(handling, text, false);
        }

        Note(LateHandling handling, String text, boolean recordedOnTime) {
            this.handling = handling;
            this.text = text;
            this.recordedOnTime = recordedOnTime;
        }
    }

    /**
     * What applying one event did.
     *
     * @param argument the value in the note's detail (an order id, an amount, a count), or null
     * @param grants INSTANT grants, in the order earned
     * @param progressed bit s set: the streamer's progress in the campaign of slot s changed
     */
    public record Applied(Note note, Object argument, List<Grant> grants, long progressed) {
        public LateHandling handling() {
            return note.handling;
        }

        /** Built only when a row needs it. */
        public String detail() {
            return note.text == null || argument == null
                    ? note.text
                    : note.text.replace("{}", String.valueOf(argument));
        }
    }

    /** What a settlement did, per campaign in plan order. */
    public record Settled(List<Grant> grants, List<Settlement> settlements, List<Progress> rows) {}

    private static Applied noted(Note note) {
        return new Applied(note, null, List.of(), 0);
    }

    private static Applied noted(Note note, Object argument) {
        return new Applied(note, argument, List.of(), 0);
    }

    /** Applies one event of the streamer. */
    public Applied apply(StreamerState st, IdStore ids, Event e, long horizon) throws Exception {
        return switch (e.type) {
            case LIVE_SESSION_STARTED -> onSession(st, ids, e, horizon);
            case REGISTRATION -> onRegistration(st, e, horizon);
            case PREVIEW_PUBLISHED -> onPreview(st, ids, e, horizon);
            case ORDER_PAID -> onOrder(st, ids, e, horizon);
            case ORDER_REFUNDED -> onRefund(st, ids, e, horizon);
        };
    }

    private Applied onSession(StreamerState st, IdStore ids, Event e, long horizon)
            throws Exception {
        if (ids.get(IdKind.SESSION, e.key) != null) {
            return noted(Note.DUPLICATE_SESSION);
        }
        // An order at or after the session start counts only in a window ending after it.
        long expiry = keepUntil(e.eventTime, horizon);
        if (expiry == NONE) {
            return noted(
                    anyEventWindowEndsAfter(e.eventTime)
                            ? Note.SESSION_AFTER_SETTLEMENT
                            : Note.SESSION_UNUSABLE);
        }
        remember(st, ids, e.key, IdEntry.session(e.category, e.withGoods, expiry));
        return noted(Note.APPLIED);
    }

    private Applied onRegistration(StreamerState st, Event e, long horizon) {
        int p = plan.indexOf(e.key);
        if (p < 0) {
            return noted(Note.UNKNOWN_CAMPAIGN);
        }
        Campaign c = plan.get(p);
        if (horizon >= c.settleAt()) {
            return noted(Note.CAMPAIGN_SETTLED, c.id());
        }
        if (!c.inRegistration(e.eventTime)) {
            return noted(Note.OUTSIDE_REGISTRATION);
        }
        int slot = slots.slot(p);
        CampaignState cs = opened(st, slot, c);
        if (cs.has(REGISTERED)) {
            return noted(Note.DUPLICATE_REGISTRATION);
        }
        cs.flags |= REGISTERED | VISIBLE | (e.eventTime < c.eventEnd() ? REGISTERED_BY_END : 0);
        touched(cs, e);
        List<Grant> grants =
                c.inEvent(e.eventTime)
                        ? instantGrants(c, cs, e, "REGISTRATION", c.id(), null)
                        : null;
        return new Applied(Note.APPLIED, null, orNone(grants), 1L << slot);
    }

    private Applied onPreview(StreamerState st, IdStore ids, Event e, long horizon)
            throws Exception {
        if (ids.get(IdKind.PREVIEW, e.key) != null) {
            return noted(Note.DUPLICATE_PREVIEW);
        }
        int reached = OUTSIDE;
        List<Grant> grants = null;
        long progressed = 0;
        for (int p = 0; p < plan.size(); p++) {
            Campaign c = plan.get(p);
            int r = reach(c.inPreview(e.eventTime), c, horizon);
            reached |= r;
            if (r != OPEN || !c.requirePreview()) {
                continue;
            }
            int slot = slots.slot(p);
            CampaignState cs = opened(st, slot, c);
            if (cs.has(PREVIEWED)) {
                continue;
            }
            cs.flags |= PREVIEWED;
            touched(cs, e);
            if (c.inEvent(e.eventTime)) {
                grants = instantGrants(c, cs, e, "PREVIEW_PUBLISHED", e.key, grants);
            }
            progressed |= 1L << slot;
        }
        long expiry = keepUntil(e.eventTime, horizon);
        if (expiry != NONE) {
            remember(st, ids, e.key, IdEntry.of(IdKind.PREVIEW, expiry));
        }
        Note note =
                reached == OPEN
                        ? Note.APPLIED
                        : reached == SETTLED ? Note.PREVIEW_AFTER_SETTLEMENT : Note.PREVIEW_OUTSIDE;
        return new Applied(note, null, orNone(grants), progressed);
    }

    /**
     * Where an event stands with one campaign, given whether its time is in the campaign's window:
     * OUTSIDE it, in it but SETTLED by the horizon, or OPEN. The values are bits, OPEN including
     * SETTLED's, so or-ing them over the campaigns gives the best reached.
     */
    private static final int OUTSIDE = 0, SETTLED = 1, OPEN = 3;

    private static int reach(boolean inWindow, Campaign c, long horizon) {
        return !inWindow ? OUTSIDE : horizon >= c.settleAt() ? SETTLED : OPEN;
    }

    private Applied onOrder(StreamerState st, IdStore ids, Event e, long horizon) throws Exception {
        if (ids.get(IdKind.ORDER, e.key) != null) {
            return noted(Note.DUPLICATE_ORDER);
        }
        IdEntry session = null;
        boolean sessionRead = false;
        int reached = OUTSIDE;
        List<Grant> grants = null;
        long counted = 0;
        for (int p = 0; p < plan.size(); p++) {
            Campaign c = plan.get(p);
            int r = reach(c.inEvent(e.eventTime), c, horizon);
            reached |= r;
            if (r != OPEN || e.risky || e.sessionId == null) {
                continue;
            }
            if (!sessionRead) {
                session = ids.get(IdKind.SESSION, e.sessionId);
                sessionRead = true;
            }
            if (session == null
                    || !session.withGoods
                    || !c.requiredCategory().equals(session.category)) {
                continue;
            }
            int slot = slots.slot(p);
            CampaignState cs = opened(st, slot, c);
            cs.paidFen += e.amountFen;
            cs.qualifyingOrders++;
            cs.flags |= VISIBLE;
            touched(cs, e);
            grants = instantGrants(c, cs, e, "ORDER_PAID", e.key, grants);
            counted |= 1L << slot;
        }
        // Kept even when it counted toward nothing: a later copy must still be a duplicate.
        long expiry = counted != 0 ? keepWhileAnyOpen(horizon) : keepUntil(e.eventTime, horizon);
        if (expiry != NONE) {
            remember(st, ids, e.key, IdEntry.order(e.amountFen, counted, expiry));
        }
        if (reached != OPEN) {
            return noted(reached == SETTLED ? Note.ORDER_AFTER_SETTLEMENT : Note.ORDER_OUTSIDE);
        }
        return new Applied(Note.ORDER_COUNTED, Long.bitCount(counted), orNone(grants), counted);
    }

    private Applied onRefund(StreamerState st, IdStore ids, Event e, long horizon)
            throws Exception {
        if (ids.get(IdKind.REFUND, e.key) != null) {
            return noted(Note.DUPLICATE_REFUND);
        }
        long expiry = keepWhileAnyOpen(horizon);
        if (expiry != NONE) {
            remember(st, ids, e.key, IdEntry.of(IdKind.REFUND, expiry));
        }
        IdEntry order = ids.get(IdKind.ORDER, e.orderId);
        if (order == null) {
            // Never seen, or forgotten because it could count nowhere. AFTER_SETTLEMENT only when
            // some campaign had started by the refund and every such campaign has settled;
            // otherwise the order simply is not one we can use.
            boolean anyStarted = false;
            boolean anyOpen = false;
            for (int p = 0; p < plan.size(); p++) {
                Campaign c = plan.get(p);
                if (c.eventStart() <= e.eventTime) {
                    anyStarted = true;
                    anyOpen |= horizon < c.settleAt();
                }
            }
            return noted(
                    anyStarted && !anyOpen
                            ? Note.REFUND_OF_UNKNOWN_ORDER_AFTER_SETTLEMENT
                            : Note.REFUND_OF_UNKNOWN_ORDER,
                    e.orderId);
        }
        long amount = Math.min(e.amountFen, order.amountFen - order.refundedFen);
        boolean applies = false;
        long progressed = 0;
        for (long bits = order.counted; bits != 0; bits &= bits - 1) {
            int slot = Long.numberOfTrailingZeros(bits);
            int p = slots.position(slot);
            // A campaign that left the plan had settled (CampaignSlots refuses it otherwise).
            CampaignState cs = p < 0 ? null : st.campaign(slot);
            // Both "r.event_time < event.end + grace" and "not settled yet" (for late refunds).
            if (cs == null || horizon >= plan.get(p).settleAt()) {
                continue;
            }
            applies = true;
            if (amount > 0) {
                cs.refundedFen += amount;
                touched(cs, e);
                progressed |= 1L << slot;
            }
        }
        if (!applies) {
            return noted(
                    order.counted == 0
                            ? Note.REFUND_OF_UNCOUNTED_ORDER
                            : Note.REFUND_AFTER_SETTLEMENT,
                    e.orderId);
        }
        order.refundedFen += amount;
        ids.put(IdKind.ORDER, e.orderId, order);
        return new Applied(Note.REFUNDED, amount, List.of(), progressed);
    }

    /** SPEC §7: every tier reached and not yet granted, lowest first, added to {@code grants}. */
    private static List<Grant> instantGrants(
            Campaign c,
            CampaignState cs,
            Event trigger,
            String triggerType,
            String triggerId,
            List<Grant> grants) {
        if (!eligible(c, cs)) {
            return grants;
        }
        long gmv = cs.gmvFen();
        TierLadder ladder = c.ladder();
        int level = ladder.levelFor(gmv);
        for (int k = 1; k <= level; k++) {
            long bit = 1L << (k - 1);
            if ((cs.instantMask & bit) != 0) {
                continue;
            }
            cs.instantMask |= bit;
            long reward = ladder.tier(k).instantRewardFen();
            cs.instantRewardFen += reward;
            if (grants == null) {
                grants = new ArrayList<>(2);
            }
            grants.add(
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
                            0));
        }
        return grants;
    }

    /**
     * SPEC §8 at {@code t} for every campaign of the streamer that settles by then, in plan order;
     * each campaign's aggregates are released, then the ids that expire by {@code t}.
     */
    public Settled settle(String streamer, StreamerState st, IdStore ids, long t) throws Exception {
        List<Grant> grants = new ArrayList<>(2);
        List<Settlement> settlements = new ArrayList<>(1);
        List<Progress> rows = new ArrayList<>(1);
        for (int p = 0; p < plan.size(); p++) {
            Campaign c = plan.get(p);
            CampaignState cs = c.settleAt() <= t ? st.campaign(slots.slot(p)) : null;
            if (cs == null) {
                continue;
            }
            st.campaigns.remove(cs);
            if (cs.has(VISIBLE)) {
                settlements.add(settlement(c, cs, streamer, grants));
                rows.add(progress(c, cs, streamer, true));
            }
        }
        st.wokeAt(t);
        if (st.wakeTimes.length == 0) {
            // Every id was remembered until one of the wake times: all have expired.
            ids.clear();
        } else {
            ids.expire(t);
        }
        return new Settled(grants, settlements, rows);
    }

    private static Settlement settlement(
            Campaign c, CampaignState cs, String streamer, List<Grant> grants) {
        long at = c.settleAt();
        long gmv = cs.gmvFen();
        TierLadder ladder = c.ladder();
        int tier = ladder.levelFor(gmv);
        // Both as of event.end: a registration after it (in a longer registration window)
        // does not make the streamer eligible.
        boolean registered = cs.has(REGISTERED_BY_END);
        boolean previewed = previewed(c, cs);

        Settlement s = new Settlement();
        s.campaignId = c.id();
        s.streamerId = streamer;
        s.finalGmvFen = gmv;
        s.paidFen = cs.paidFen;
        s.refundedFen = cs.refundedFen;
        s.qualifyingOrders = cs.qualifyingOrders;
        s.finalTier = tier;
        s.eligible = registered && previewed;
        s.ineligibleReason = !registered ? NOT_REGISTERED : !previewed ? NO_PREVIEW : null;
        s.instantRewardFen = cs.instantRewardFen;
        s.settledAt = at;
        if (s.eligible && tier >= 1) {
            s.postEventRewardFen = ladder.tier(tier).postEventRewardFen();
            grants.add(
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
                            0));
        }
        if (c.clawbackInstant()) {
            for (int k = tier + 1; k <= ladder.size(); k++) {
                if ((cs.instantMask & (1L << (k - 1))) == 0) {
                    continue;
                }
                Tier t = ladder.tier(k);
                s.clawbackFen -= t.instantRewardFen();
                grants.add(
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
                                0));
            }
        }
        return s;
    }

    /** The progress row of the campaign in {@code slot}, or null when it has none (SPEC §9). */
    public Progress progress(StreamerState st, int slot, String streamer) {
        CampaignState cs = st.campaign(slot);
        int p = slots.position(slot);
        return cs == null || p < 0 || !cs.has(VISIBLE)
                ? null
                : progress(plan.get(p), cs, streamer, false);
    }

    private static Progress progress(
            Campaign c, CampaignState cs, String streamer, boolean settled) {
        Progress p = new Progress();
        p.campaignId = c.id();
        p.streamerId = streamer;
        p.gmvFen = cs.gmvFen();
        p.paidFen = cs.paidFen;
        p.refundedFen = cs.refundedFen;
        p.qualifyingOrders = cs.qualifyingOrders;
        p.currentTier = c.ladder().levelFor(p.gmvFen);
        p.nextThresholdFen = c.ladder().nextThreshold(p.currentTier);
        p.eligible = eligible(c, cs);
        p.instantTiersGranted = Long.bitCount(cs.instantMask);
        p.lastEventTime = cs.lastEventTime;
        p.settled = settled;
        return p;
    }

    /**
     * The streamer's state in the campaign of {@code slot}, opened now if it has none: a new state
     * settles (and so wakes the streamer) at the campaign's T.
     */
    private static CampaignState opened(StreamerState st, int slot, Campaign c) {
        CampaignState cs = st.campaign(slot);
        if (cs != null) {
            return cs;
        }
        cs = new CampaignState(slot);
        st.campaigns.add(cs);
        st.wakeAt(c.settleAt());
        return cs;
    }

    private static void remember(StreamerState st, IdStore ids, String id, IdEntry entry)
            throws Exception {
        ids.put(entry.kind, id, entry);
        st.wakeAt(entry.expiresAt);
    }

    private static void touched(CampaignState cs, Event e) {
        cs.lastEventTime = Math.max(cs.lastEventTime, e.eventTime);
    }

    private static boolean previewed(Campaign c, CampaignState cs) {
        return !c.requirePreview() || cs.has(PREVIEWED);
    }

    /**
     * Registered before event.end and previewed. Inside the event window, where instant grants
     * happen, this is "registered and previewed" (SPEC §6); after event.end it is the settlement's
     * eligibility (SPEC §8), so progress and settlement never disagree.
     */
    private static boolean eligible(Campaign c, CampaignState cs) {
        return cs.has(REGISTERED_BY_END) && previewed(c, cs);
    }

    /**
     * Until when an id first seen at {@code t} must be remembered for its copies (SPEC §2): while a
     * campaign whose event window ends after {@code t} is open. NONE when none is.
     */
    private long keepUntil(long t, long horizon) {
        long until = NONE;
        for (int p = 0; p < plan.size(); p++) {
            Campaign c = plan.get(p);
            if (c.eventEnd() > t && horizon < c.settleAt()) {
                until = Math.max(until, c.settleAt());
            }
        }
        return until;
    }

    /** The last settlement of the campaigns still open, or NONE. */
    private long keepWhileAnyOpen(long horizon) {
        long until = NONE;
        for (int p = 0; p < plan.size(); p++) {
            if (horizon < plan.get(p).settleAt()) {
                until = Math.max(until, plan.get(p).settleAt());
            }
        }
        return until;
    }

    private boolean anyEventWindowEndsAfter(long t) {
        for (int p = 0; p < plan.size(); p++) {
            if (plan.get(p).eventEnd() > t) {
                return true;
            }
        }
        return false;
    }

    private static List<Grant> orNone(List<Grant> grants) {
        return grants == null ? List.of() : grants;
    }
}
