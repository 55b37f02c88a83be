package com.livegmv.output;

/** A {@code streamer_progress} row (SPEC §9), upserted by campaign_id, streamer_id. */
public class Progress {
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
    public String toString() {
        return Tables.STREAMER_PROGRESS.toJson(this);
    }
}
