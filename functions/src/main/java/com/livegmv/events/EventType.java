package com.livegmv.events;

/**
 * The five input event types. Declaration order is the SPEC §4 tie-break rank: events of one
 * streamer with equal {@code event_time} are applied in this order.
 */
public enum EventType {
    LIVE_SESSION_STARTED,
    REGISTRATION,
    PREVIEW_PUBLISHED,
    ORDER_PAID,
    ORDER_REFUNDED;

    /** The type for a wire name, or null when the name is not a known type. */
    public static EventType fromWire(String name) {
        switch (name) {
            case "LIVE_SESSION_STARTED":
                return LIVE_SESSION_STARTED;
            case "REGISTRATION":
                return REGISTRATION;
            case "PREVIEW_PUBLISHED":
                return PREVIEW_PUBLISHED;
            case "ORDER_PAID":
                return ORDER_PAID;
            case "ORDER_REFUNDED":
                return ORDER_REFUNDED;
            default:
                return null;
        }
    }
}
