package com.livegmv.output;

/** An {@code incentive_grant} row (SPEC §9). Key: {@link #grantId()}. */
public class Grant {
    public String campaignId;
    public String streamerId;
    public GrantKind kind;
    public int tier;
    public long rewardFen;
    public long gmvFen;
    public long earnedAt;
    public String triggerType;
    public String triggerId;

    /** Wall clock; the only non-deterministic column. */
    public long emittedAt;

    public Grant() {}

    public Grant(
            String campaignId,
            String streamerId,
            GrantKind kind,
            int tier,
            long rewardFen,
            long gmvFen,
            long earnedAt,
            String triggerType,
            String triggerId,
            long emittedAt) {
        this.campaignId = campaignId;
        this.streamerId = streamerId;
        this.kind = kind;
        this.tier = tier;
        this.rewardFen = rewardFen;
        this.gmvFen = gmvFen;
        this.earnedAt = earnedAt;
        this.triggerType = triggerType;
        this.triggerId = triggerId;
        this.emittedAt = emittedAt;
    }

    public String grantId() {
        return campaignId + "/" + streamerId + "/" + kind + "/" + tier;
    }

    @Override
    public String toString() {
        return Tables.INCENTIVE_GRANT.toJson(this);
    }
}
