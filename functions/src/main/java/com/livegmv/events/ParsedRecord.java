package com.livegmv.events;

/**
 * A decoded input record: exactly one of {@link #event} and {@link #rejected} is set, or neither
 * for a blank line of a file or a Kafka heartbeat (not events, so neither applied nor rejected).
 */
public class ParsedRecord {
    public Event event;
    public RejectedEvent rejected;

    /**
     * A Kafka tombstone's record timestamp: a watermark heartbeat saying that no event older than
     * it (minus the out-of-orderness bound) will follow on its partition.
     */
    public long heartbeat = Long.MIN_VALUE;

    public ParsedRecord() {}

    /** The record's time for watermarks; rejected records and blank lines never advance them. */
    public long timestamp() {
        return event != null ? event.eventTime : heartbeat;
    }
}
