package com.livegmv.output;

/** A {@code late_event} row (SPEC §9). */
public class LateEvent implements JsonRow {
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
    public void writeJson(StringBuilder b) {
        Json j =
                Json.object(b)
                        .str("source", source)
                        .str("type", type)
                        .str("natural_key", naturalKey)
                        .str("streamer_id", streamerId)
                        .time("event_time", eventTime);
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            j.str("watermark", null);
        } else {
            j.time("watermark", watermark);
        }
        j.str("handling", handling.name()).str("detail", detail).end();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
