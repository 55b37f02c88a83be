package com.livegmv.campaign;

import java.io.Serializable;
import java.util.List;

/**
 * A campaign's tiers, lowest first, with strictly increasing levels 1..n and thresholds. All
 * lookups are a short linear scan: ladders have a handful of rungs.
 */
public final class TierLadder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Tier[] tiers;

    public TierLadder(List<Tier> tiers) {
        this.tiers = tiers.toArray(new Tier[0]);
    }

    public int size() {
        return tiers.length;
    }

    /** The tier of a level (1-based). */
    public Tier tier(int level) {
        return tiers[level - 1];
    }

    /** The highest level whose threshold is at most {@code gmvFen}, or 0. */
    public int levelFor(long gmvFen) {
        int level = 0;
        while (level < tiers.length && tiers[level].thresholdFen() <= gmvFen) {
            level++;
        }
        return level;
    }

    /** The threshold of the level above {@code level}, or null at the top. */
    public Long nextThreshold(int level) {
        return level < tiers.length ? tiers[level].thresholdFen() : null;
    }
}
