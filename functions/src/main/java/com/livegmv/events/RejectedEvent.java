package com.livegmv.events;

/**
 * A record that is not a valid event, as the decoder rejected it: the {@code rejected_event} row of
 * SPEC §9. The raw text is kept so nothing is lost.
 */
public class RejectedEvent {
    public String source;
    public String raw;
    public RejectReason reason;
    public String detail;
    public long receivedAt;

    public RejectedEvent() {}

    public RejectedEvent(
            String source, String raw, RejectReason reason, String detail, long receivedAt) {
        this.source = source;
        this.raw = raw;
        this.reason = reason;
        this.detail = detail;
        this.receivedAt = receivedAt;
    }

    @Override
    public String toString() {
        return source + " " + reason + ": " + detail;
    }
}
