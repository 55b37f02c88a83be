package com.livegmv.campaign;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All configured campaigns, in file order. State never refers to a campaign by its position here
 * (see {@code CampaignSlots}), so a plan may be reordered between savepoints.
 */
public final class CampaignPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Order entries keep the campaigns they counted toward as bits of a long (64 slots); about half
     * stay free for campaigns removed from the plan while orders may still name them.
     */
    public static final int MAX_CAMPAIGNS = 31;

    private final Campaign[] campaigns;
    private final Map<String, Integer> index = new HashMap<>();

    public CampaignPlan(List<Campaign> campaigns) {
        this.campaigns = campaigns.toArray(new Campaign[0]);
        for (int i = 0; i < this.campaigns.length; i++) {
            index.put(this.campaigns[i].id(), i);
        }
    }

    public int size() {
        return campaigns.length;
    }

    public Campaign get(int i) {
        return campaigns[i];
    }

    /** The position of a campaign id, or -1 when no campaign has it. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    public List<Campaign> campaigns() {
        return List.of(campaigns);
    }

    /** The earliest event start of all campaigns. */
    public long firstEventStart() {
        long min = Long.MAX_VALUE;
        for (Campaign c : campaigns) {
            min = Math.min(min, c.eventStart());
        }
        return min;
    }

    /** The latest event end of all campaigns. */
    public long lastEventEnd() {
        long max = Long.MIN_VALUE;
        for (Campaign c : campaigns) {
            max = Math.max(max, c.eventEnd());
        }
        return max;
    }

    /** The latest settlement time of all campaigns. */
    public long lastSettleAt() {
        long max = Long.MIN_VALUE;
        for (Campaign c : campaigns) {
            max = Math.max(max, c.settleAt());
        }
        return max;
    }
}
