package com.livegmv.output;

/** A {@code streamer_progress} row (SPEC §9), upserted by campaign_id, streamer_id. */
public class Progress implements JsonRow {
    public String campaignId;
    public String streamerId;
    public long gmvFen;
    public long paidFen;
    public long refundedFen;
    public long qualifyingOrders;
    public int currentTier;

    /** Null at the top tier. */
    public Long nextThresholdFen;

    public boolean eligible;
    public int instantTiersGranted;
    public long lastEventTime;
    public boolean settled;

    public Progress() {}

    @Override
    public void writeJson(StringBuilder b) {
        Json.object(b)
                .str("campaign_id", campaignId)
                .str("streamer_id", streamerId)
                .num("gmv_fen", gmvFen)
                .num("paid_fen", paidFen)
                .num("refunded_fen", refundedFen)
                .num("qualifying_orders", qualifyingOrders)
                .num("current_tier", currentTier)
                .num("next_threshold_fen", nextThresholdFen)
                .bool("eligible", eligible)
                .num("instant_tiers_granted", instantTiersGranted)
                .time("last_event_time", lastEventTime)
                .bool("settled", settled)
                .end();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
