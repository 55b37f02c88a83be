package com.livegmv.output;

/** A {@code campaign_settlement} row (SPEC §9). Key: campaign_id, streamer_id. */
public class Settlement implements JsonRow {
    public String campaignId;
    public String streamerId;
    public long finalGmvFen;
    public long paidFen;
    public long refundedFen;
    public long qualifyingOrders;
    public int finalTier;
    public boolean eligible;

    /** NOT_REGISTERED, NO_PREVIEW or null. */
    public String ineligibleReason;

    public long instantRewardFen;
    public long postEventRewardFen;

    /** Zero or negative. */
    public long clawbackFen;

    public long settledAt;

    public Settlement() {}

    @Override
    public void writeJson(StringBuilder b) {
        Json.object(b)
                .str("campaign_id", campaignId)
                .str("streamer_id", streamerId)
                .num("final_gmv_fen", finalGmvFen)
                .num("paid_fen", paidFen)
                .num("refunded_fen", refundedFen)
                .num("qualifying_orders", qualifyingOrders)
                .num("final_tier", finalTier)
                .bool("eligible", eligible)
                .str("ineligible_reason", ineligibleReason)
                .num("instant_reward_fen", instantRewardFen)
                .num("post_event_reward_fen", postEventRewardFen)
                .num("clawback_fen", clawbackFen)
                .time("settled_at", settledAt)
                .end();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
