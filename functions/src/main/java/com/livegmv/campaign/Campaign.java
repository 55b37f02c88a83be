package com.livegmv.campaign;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * One promotional campaign with its windows resolved to epoch millis. Windows are half-open {@code
 * [start, end)}; {@link #settleAt} is {@code event.end + settlement_grace}.
 *
 * @param tiers lowest first; kept as a {@link TierLadder} (see {@link #ladder})
 */
public record Campaign(
        String id,
        String name,
        ZoneId zone,
        long registrationStart,
        long registrationEnd,
        long eventStart,
        long eventEnd,
        long graceMillis,
        String requiredCategory,
        boolean requirePreview,
        boolean clawbackInstant,
        List<Tier> tiers)
        implements Serializable {

    public Campaign {
        tiers = tiers instanceof TierLadder ladder ? ladder : new TierLadder(tiers);
    }

    /** The zone's id, as the plan and the output tables spell it. */
    public String timezone() {
        return zone.getId();
    }

    /** The tiers with their lookups: a cast, never a copy (the constructor made them a ladder). */
    public TierLadder ladder() {
        return (TierLadder) tiers;
    }

    /** T of SPEC §8: refunds count until here, and the campaign settles here. */
    public long settleAt() {
        return eventEnd + graceMillis;
    }

    public boolean inRegistration(long t) {
        return registrationStart <= t && t < registrationEnd;
    }

    public boolean inEvent(long t) {
        return eventStart <= t && t < eventEnd;
    }

    /** The window in which a preview counts: {@code [registration.start, event.end)}. */
    public boolean inPreview(long t) {
        return registrationStart <= t && t < eventEnd;
    }

    @Override
    public String toString() {
        return "Campaign[" + id + "]";
    }
}
