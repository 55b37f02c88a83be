package com.livegmv.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One streamer's campaign aggregates and the instants at which something of it settles or expires:
 * one keyed value, read once and written once per batch of the streamer's events.
 */
@TypeInfo(StateSerializers.StreamerStateSnapshot.class)
public final class StreamerState {
    private static final long[] NONE = {};

    /** The campaigns this streamer has state in and that have not settled; a handful at most. */
    public final List<CampaignState> campaigns = new ArrayList<>(2);

    /**
     * Ascending settlement times at which a campaign of this streamer settles or a remembered id
     * expires: the streamer's timers.
     */
    public long[] wakeTimes = NONE;

    public StreamerState() {}

    /** This streamer's state in a campaign's slot, or null. */
    public CampaignState campaign(int slot) {
        for (int i = 0; i < campaigns.size(); i++) {
            CampaignState c = campaigns.get(i);
            if (c.slot == slot) {
                return c;
            }
        }
        return null;
    }

    /** Adds {@code t} to {@link #wakeTimes} unless it is there. */
    public void wakeAt(long t) {
        int i = Arrays.binarySearch(wakeTimes, t);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        long[] w = new long[wakeTimes.length + 1];
        System.arraycopy(wakeTimes, 0, w, 0, at);
        w[at] = t;
        System.arraycopy(wakeTimes, at, w, at + 1, wakeTimes.length - at);
        wakeTimes = w;
    }

    /** Drops the wake times at or before {@code t}. */
    public void wokeAt(long t) {
        int n = 0;
        while (n < wakeTimes.length && wakeTimes[n] <= t) {
            n++;
        }
        if (n > 0) {
            wakeTimes =
                    n == wakeTimes.length
                            ? NONE
                            : Arrays.copyOfRange(wakeTimes, n, wakeTimes.length);
        }
    }

    /** Nothing left: the keyed value can be cleared. */
    public boolean isEmpty() {
        return campaigns.isEmpty() && wakeTimes.length == 0;
    }
}
