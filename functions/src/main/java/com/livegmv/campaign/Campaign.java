package com.livegmv.campaign;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * One promotional campaign with its windows resolved to epoch millis. Windows are half-open {@code
 * [start, end)}; {@link #settleAt} is {@code event.end + settlement_grace}.
 */
public final class Campaign implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final String timezone;
    private final long registrationStart, registrationEnd;
    private final long eventStart, eventEnd;
    private final long graceMillis;
    private final String requiredCategory;
    private final boolean requirePreview;
    private final boolean clawbackInstant;
    private final TierLadder ladder;

    public Campaign(
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
            List<Tier> tiers) {
        this.id = id;
        this.name = name;
        this.timezone = zone.getId();
        this.registrationStart = registrationStart;
        this.registrationEnd = registrationEnd;
        this.eventStart = eventStart;
        this.eventEnd = eventEnd;
        this.graceMillis = graceMillis;
        this.requiredCategory = requiredCategory;
        this.requirePreview = requirePreview;
        this.clawbackInstant = clawbackInstant;
        this.ladder = new TierLadder(tiers);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String timezone() {
        return timezone;
    }

    public long registrationStart() {
        return registrationStart;
    }

    public long registrationEnd() {
        return registrationEnd;
    }

    public long eventStart() {
        return eventStart;
    }

    public long eventEnd() {
        return eventEnd;
    }

    public long graceMillis() {
        return graceMillis;
    }

    /** T of SPEC §8: refunds count until here, and the campaign settles here. */
    public long settleAt() {
        return eventEnd + graceMillis;
    }

    public String requiredCategory() {
        return requiredCategory;
    }

    public boolean requirePreview() {
        return requirePreview;
    }

    public boolean clawbackInstant() {
        return clawbackInstant;
    }

    public TierLadder ladder() {
        return ladder;
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
