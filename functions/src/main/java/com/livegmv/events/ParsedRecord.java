package com.livegmv.events;

import com.livegmv.output.RejectedEvent;

/**
 * A decoded input record: exactly one of {@link #event} and {@link #rejected} is set, or neither
 * for a blank line of a file (not an event, so neither applied nor rejected).
 */
public class ParsedRecord {
    public Event event;
    public RejectedEvent rejected;

    public ParsedRecord() {}

    /** The record's event time, for watermarks; rejected records never advance them. */
    public long timestamp() {
        return event != null ? event.eventTime : Long.MIN_VALUE;
    }
}
