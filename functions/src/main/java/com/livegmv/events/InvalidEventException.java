package com.livegmv.events;

/**
 * Why a record was rejected. Thrown on the hot path for about 0.5% of records, so it carries no
 * stack trace.
 */
public final class InvalidEventException extends Exception {
    private final RejectReason reason;

    public InvalidEventException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
