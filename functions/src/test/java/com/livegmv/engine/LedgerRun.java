package com.livegmv.engine;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.engine.StreamerLedger.Applied;
import com.livegmv.engine.StreamerLedger.Settled;
import com.livegmv.events.Event;
import com.livegmv.output.Grant;
import com.livegmv.output.Settlement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Plays one streamer's events through a {@link StreamerLedger} as the engine does, without Flink:
 * the caller gives them in SPEC §4 order; before each, every campaign whose settlement time has
 * come is settled. State lives in a {@link StreamerState} and a map.
 */
final class LedgerRun {
    static final String STREAMER = "s1";

    final StreamerLedger ledger;
    final StreamerState state = new StreamerState();
    final MapIds ids = new MapIds();
    final List<Grant> grants = new ArrayList<>();
    final List<Settlement> settlements = new ArrayList<>();

    LedgerRun(CampaignPlan plan) {
        ledger = new StreamerLedger(plan, CampaignSlots.fresh(plan));
    }

    /** An event in order: applied at its own time, after the settlements before it. */
    Applied apply(Event e) throws Exception {
        settleUntil(e.eventTime);
        Applied a = ledger.apply(state, ids, e, e.eventTime);
        grants.addAll(a.grants());
        return a;
    }

    /** A late event: applied against {@code watermark}, which settlements have reached. */
    Applied late(Event e, long watermark) throws Exception {
        settleUntil(watermark);
        Applied a = ledger.apply(state, ids, e, watermark);
        grants.addAll(a.grants());
        return a;
    }

    /** Settles at every wake time up to {@code t}, as the timers of the engine would. */
    void settleUntil(long t) throws Exception {
        while (state.wakeTimes.length > 0 && state.wakeTimes[0] <= t) {
            Settled s = ledger.settle(STREAMER, state, ids, state.wakeTimes[0]);
            grants.addAll(s.grants());
            settlements.addAll(s.settlements());
        }
    }

    /** The end of a bounded input: everything settles. */
    void end() throws Exception {
        settleUntil(Long.MAX_VALUE);
    }

    Settlement settlement(String campaign) {
        return settlements.stream()
                .filter(s -> s.campaignId.equals(campaign))
                .findFirst()
                .orElseThrow();
    }

    List<String> grantIds() {
        return grants.stream().map(Grant::grantId).toList();
    }

    /** The ids of the streamer, in a map; counts reads and writes. */
    static final class MapIds implements IdStore {
        final Map<String, IdEntry> map = new HashMap<>();
        int gets;
        int puts;

        @Override
        public IdEntry get(IdKind kind, String id) {
            gets++;
            return map.get(kind.key(id));
        }

        @Override
        public void put(IdKind kind, String id, IdEntry entry) {
            puts++;
            map.put(kind.key(id), entry);
        }

        @Override
        public void expire(long t) {
            Iterator<IdEntry> it = map.values().iterator();
            while (it.hasNext()) {
                if (it.next().expiresAt <= t) {
                    it.remove();
                }
            }
        }

        @Override
        public void clear() {
            map.clear();
        }

        boolean has(IdKind kind, String id) {
            return map.containsKey(kind.key(id));
        }
    }
}
