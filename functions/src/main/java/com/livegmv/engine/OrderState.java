package com.livegmv.engine;

/**
 * A paid order inside some campaign's event window, kept for deduplication and refunds until every
 * campaign whose window holds it has settled.
 */
public class OrderState {
    public long amountFen;

    /** Refunds applied so far; never more than {@link #amountFen}. */
    public long refundedFen;

    /** Bit i set: the order counted toward campaign i of the plan. */
    public int countedMask;

    public long expiresAt;

    /** refund_ids seen for this order (deduplication), or null. */
    public String[] refundIds;

    public OrderState() {}

    public OrderState(long amountFen, int countedMask, long expiresAt) {
        this.amountFen = amountFen;
        this.countedMask = countedMask;
        this.expiresAt = expiresAt;
    }

    public boolean hasRefund(String refundId) {
        if (refundIds != null) {
            for (String r : refundIds) {
                if (r.equals(refundId)) {
                    return true;
                }
            }
        }
        return false;
    }

    public void addRefund(String refundId) {
        int n = refundIds == null ? 0 : refundIds.length;
        String[] next = new String[n + 1];
        if (n > 0) {
            System.arraycopy(refundIds, 0, next, 0, n);
        }
        next[n] = refundId;
        refundIds = next;
    }
}
