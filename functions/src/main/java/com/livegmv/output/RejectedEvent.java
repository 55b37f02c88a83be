package com.livegmv.output;

import com.livegmv.events.RejectReason;

/** A {@code rejected_event} row (SPEC §9): the raw text is kept so nothing is lost. */
public class RejectedEvent implements JsonRow {
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
    public void writeJson(StringBuilder b) {
        Json.object(b)
                .str("source", source)
                .str("raw", raw)
                .str("reason", reason.name())
                .str("detail", detail)
                .time("received_at", receivedAt)
                .end();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
