package com.livegmv.output;

/** A {@code late_event} row (SPEC §9). */
public class LateEvent {
    public String source;
    public String type;
    public String naturalKey;
    public String streamerId;
    public long eventTime;

    /**
     * The operator's watermark when the event was handled. Written as null before the first
     * watermark (Long.MIN_VALUE) and at the end of a bounded input (Long.MAX_VALUE).
     */
    public long watermark;

    public LateHandling handling;
    public String detail;

    public LateEvent() {}

    @Override
    public String toString() {
        return Tables.LATE_EVENT.toJson(this);
    }
}
