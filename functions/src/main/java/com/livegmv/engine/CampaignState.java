package com.livegmv.engine;

/**
 * What one streamer has done in one campaign: part of its {@link StreamerState}, kept until the
 * campaign settles.
 */
public final class CampaignState {
    /** A REGISTRATION inside the registration window was applied. */
    public static final int REGISTERED = 1;

    /** ...and it was before event.end, so it counts for settlement eligibility (SPEC §8). */
    public static final int REGISTERED_BY_END = 2;

    /** A PREVIEW_PUBLISHED inside [registration.start, event.end) was applied. */
    public static final int PREVIEWED = 4;

    /** Has a counted order or a valid registration: a progress row and a settlement exist. */
    public static final int VISIBLE = 8;

    /** The campaign's slot (see {@link CampaignSlots}), never its position in the plan. */
    public int slot;

    public int flags;
    public long paidFen;
    public long refundedFen;
    public long qualifyingOrders;

    /** Bit k-1 set: the INSTANT grant of tier k was emitted. */
    public long instantMask;

    public long instantRewardFen;
    public long lastEventTime;

    public CampaignState() {}

    public CampaignState(int slot) {
        this.slot = slot;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public long gmvFen() {
        return paidFen - refundedFen;
    }
}
