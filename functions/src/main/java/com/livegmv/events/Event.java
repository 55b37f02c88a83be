package com.livegmv.events;

import java.util.Comparator;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One validated input event; fields a type does not use stay at their defaults. Serialized by
 * {@link EventSerializer} (never Kryo, no reflection).
 */
@TypeInfo(EventSerializer.Snapshot.class)
public class Event {
    /**
     * SPEC §4 processing order within one streamer: time, then type rank, then natural key in
     * code-point order.
     */
    public static final Comparator<Event> PROCESSING_ORDER =
            Comparator.comparingLong((Event e) -> e.eventTime)
                    .thenComparingInt(e -> e.type.ordinal())
                    .thenComparing((a, b) -> compareCodePoints(a.key, b.key));

    /**
     * Code-point order. {@link String#compareTo} compares UTF-16 units, which differs exactly when
     * the first differing units are a surrogate and a unit in U+E000..U+FFFF: the surrogate stands
     * for a code point above U+FFFF, so it sorts last.
     */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    public EventType type;

    /** Epoch millis. */
    public long eventTime;

    public String streamerId;

    /**
     * The natural key within the streamer: session_id, campaign_id (registration), preview_id,
     * order_id or refund_id.
     */
    public String key;

    /** ORDER_PAID: the live session it was sold in, or null. */
    public String sessionId;

    /** ORDER_REFUNDED: the order refunded. */
    public String orderId;

    /** LIVE_SESSION_STARTED. */
    public String category;

    public boolean withGoods;

    /** ORDER_PAID and ORDER_REFUNDED, in fen. */
    public long amountFen;

    /** ORDER_PAID with a non-empty risk_flags array. */
    public boolean risky;

    /** Where the event came from: a file name or a Kafka "topic:partition". */
    public String origin;

    /** The line number (files) or offset (Kafka) within {@link #origin}. */
    public long position;

    public Event() {}

    public String source() {
        return origin + ":" + position;
    }

    @Override
    public String toString() {
        return type + "@" + eventTime + "[" + streamerId + "/" + key + "]";
    }
}
