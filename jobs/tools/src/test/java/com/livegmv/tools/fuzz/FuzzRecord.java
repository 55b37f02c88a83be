package com.livegmv.tools.fuzz;

import com.livegmv.events.RejectReason;

/**
 * A fuzz record: its bytes, what was done, and the expected outcome ({@code expected} null: a valid
 * event). {@code binary}: true when built to be non-UTF-8 (or to hold NUL), false when built to be
 * UTF-8 text, null when random.
 */
public record FuzzRecord(
        FuzzKind kind, String variant, byte[] bytes, RejectReason expected, Boolean binary) {
    public String describe() {
        return kind
                + "/"
                + variant
                + " ("
                + bytes.length
                + " bytes, expected "
                + (expected == null ? "ACCEPTED" : expected)
                + ")";
    }
}
