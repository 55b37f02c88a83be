package com.livegmv.engine;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.ConfigException;
import com.livegmv.events.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names campaigns in keyed state by a slot, never by their position in the plan: a dictionary of
 * campaign ids kept in operator state, the same on every subtask, so that a plan edited between
 * savepoints (campaigns reordered or added) restores onto the same money.
 *
 * <p>Keyed state refers to a slot in two ways: a streamer's aggregates of an open campaign, and the
 * bits of the campaigns an order counted toward. A campaign that leaves the plan keeps its slot,
 * retired, until no order entry can still name it: an order is remembered at most until the latest
 * settlement time of the campaigns known when it was applied, so a slot retired when the latest
 * known settlement time was L is free once the watermark passes L. A campaign that leaves the plan
 * before it has settled would lose money; such a restore is refused.
 */
public final class CampaignSlots {
    /** Order entries keep their campaigns' slots as the bits of a long. */
    public static final int MAX_SLOTS = Long.SIZE;

    /**
     * One slot. For a campaign of the plan, {@code time} is its settlement time (the latest ever
     * configured); for a retired one, the time after which no state refers to the slot.
     */
    public record Slot(String campaignId, long time, boolean retired) {}

    /** By slot; null for a free slot. */
    private final Slot[] slots;

    private final int[] slotOf;
    private final int[] positionOf;

    private CampaignSlots(CampaignPlan plan, Slot[] slots) {
        this.slots = slots;
        this.slotOf = new int[plan.size()];
        this.positionOf = new int[slots.length];
        Arrays.fill(positionOf, -1);
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] != null && !slots[s].retired()) {
                int p = plan.indexOf(slots[s].campaignId());
                slotOf[p] = s;
                positionOf[s] = p;
            }
        }
    }

    /** A new job: slot i is the plan's campaign i. */
    public static CampaignSlots fresh(CampaignPlan plan) {
        return restore(plan, List.of(), Long.MIN_VALUE);
    }

    /**
     * The slots of a restored job.
     *
     * @param saved the slots of the snapshot, by slot (null entries are free)
     * @param watermark the snapshot's watermark: campaigns that settle at or before it have settled
     * @throws ConfigException when a campaign with state is missing from the plan, or more
     *     campaigns than {@link #MAX_SLOTS} would need a slot
     */
    public static CampaignSlots restore(CampaignPlan plan, List<Slot> saved, long watermark) {
        List<Slot> slots = new ArrayList<>(saved);
        long latest = Long.MIN_VALUE;
        for (Slot s : slots) {
            if (s != null) {
                latest = Math.max(latest, s.time());
            }
        }
        boolean[] placed = new boolean[plan.size()];
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s == null) {
                continue;
            }
            int p = plan.indexOf(s.campaignId());
            if (p >= 0) {
                long settleAt = plan.get(p).settleAt();
                slots.set(i, new Slot(s.campaignId(), Math.max(s.time(), settleAt), false));
                placed[p] = true;
            } else if (!s.retired()) {
                if (watermark < s.time()) {
                    throw new ConfigException(
                            "campaign "
                                    + s.campaignId()
                                    + " is missing from the campaign file, but the savepoint holds"
                                    + " its state and it settles only at "
                                    + Times.format(s.time())
                                    + " (the savepoint's watermark is "
                                    + (watermark == Long.MIN_VALUE
                                            ? "not set"
                                            : Times.format(watermark))
                                    + "): put it back in the file");
                }
                slots.set(i, new Slot(s.campaignId(), latest, true));
            } else if (watermark >= s.time()) {
                slots.set(i, null);
            }
        }
        for (int p = 0; p < plan.size(); p++) {
            if (placed[p]) {
                continue;
            }
            Campaign c = plan.get(p);
            int free = slots.indexOf(null);
            if (free < 0) {
                if (slots.size() == MAX_SLOTS) {
                    throw new ConfigException(
                            "campaign "
                                    + c.id()
                                    + ": the savepoint's state still refers to "
                                    + MAX_SLOTS
                                    + " campaigns, the most it can hold; add it after the removed"
                                    + " ones have settled");
                }
                free = slots.size();
                slots.add(null);
            }
            slots.set(free, new Slot(c.id(), c.settleAt(), false));
        }
        return new CampaignSlots(plan, slots.toArray(new Slot[0]));
    }

    /** The slot of the plan's campaign at {@code position}. */
    public int slot(int position) {
        return slotOf[position];
    }

    /** The plan position of the campaign in {@code slot}, or -1 when it is not in the plan. */
    public int position(int slot) {
        return slot < positionOf.length ? positionOf[slot] : -1;
    }

    /** What a snapshot stores, by slot (null for a free slot). */
    public List<Slot> toSave() {
        return Arrays.asList(slots.clone());
    }
}
