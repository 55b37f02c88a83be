package com.livegmv.events;

/** SPEC §2 reason codes for a rejected event. */
public enum RejectReason {
    MALFORMED_JSON,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    INVALID_FIELD,
    UNSUPPORTED_CURRENCY
}
