package com.livegmv.engine;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A remembered id: an order (for duplicates and refunds), a session (for the orders sold in it), a
 * preview or a refund (for duplicates). Each is kept until {@link #expiresAt}, a settlement time
 * after which nothing it could change is still open (see {@link StreamerLedger}).
 */
@TypeInfo(StateSerializers.IdEntrySnapshot.class)
public final class IdEntry {
    public IdKind kind;
    public long expiresAt;

    /** ORDER: the paid amount. */
    public long amountFen;

    /** ORDER: refunds applied so far; never more than {@link #amountFen}. */
    public long refundedFen;

    /** ORDER: bit s set when the order counted toward the campaign in slot s. */
    public long counted;

    /** SESSION. */
    public String category;

    /** SESSION. */
    public boolean withGoods;

    public IdEntry() {}

    static IdEntry order(long amountFen, long counted, long expiresAt) {
        IdEntry e = of(IdKind.ORDER, expiresAt);
        e.amountFen = amountFen;
        e.counted = counted;
        return e;
    }

    static IdEntry session(String category, boolean withGoods, long expiresAt) {
        IdEntry e = of(IdKind.SESSION, expiresAt);
        e.category = category;
        e.withGoods = withGoods;
        return e;
    }

    static IdEntry of(IdKind kind, long expiresAt) {
        IdEntry e = new IdEntry();
        e.kind = kind;
        e.expiresAt = expiresAt;
        return e;
    }
}
