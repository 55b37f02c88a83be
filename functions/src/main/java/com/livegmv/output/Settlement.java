package com.livegmv.output;

/** A {@code campaign_settlement} row (SPEC §9). Key: campaign_id, streamer_id. */
public class Settlement {
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
    public String toString() {
        return Tables.CAMPAIGN_SETTLEMENT.toJson(this);
    }
}
