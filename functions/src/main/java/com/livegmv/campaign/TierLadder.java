package com.livegmv.campaign;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A campaign's tiers, lowest first, with strictly increasing levels 1..n and thresholds: an
 * unmodifiable list (index 0 is level 1) with the lookups the engine needs. All lookups are a short
 * linear scan: ladders have a handful of rungs.
 */
public final class TierLadder extends AbstractList<Tier> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    private final Tier[] tiers;

    public TierLadder(List<Tier> tiers) {
        this.tiers = tiers.toArray(new Tier[0]);
    }

    @Override
    public int size() {
        return tiers.length;
    }

    @Override
    public Tier get(int index) {
        return tiers[index];
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
