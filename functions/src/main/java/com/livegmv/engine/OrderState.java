package com.livegmv.engine;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A paid order, kept for deduplication and refunds while a campaign could still be affected by it
 * or by a copy of it (see {@link IncentiveEngine}).
 */
@TypeInfo(StateSerializers.OrderStateInfo.class)
public class OrderState {
    public long amountFen;

    /** Refunds applied so far; never more than {@link #amountFen}. */
    public long refundedFen;

    /** Bit i set: the order counted toward campaign i of the plan. */
    public int countedMask;

    public long expiresAt;

    public OrderState() {}

    public OrderState(long amountFen, int countedMask, long expiresAt) {
        this.amountFen = amountFen;
        this.countedMask = countedMask;
        this.expiresAt = expiresAt;
    }
}
