package com.livegmv.events;

/** One undecoded input record (a file line or a Kafka value) and where it came from. */
public class RawRecord {
    public byte[] payload;

    /** A file name or a Kafka "topic:partition". Shared between records of the same origin. */
    public String origin;

    /** Line number (1-based) or Kafka offset. */
    public long position;

    public RawRecord() {}

    public RawRecord(byte[] payload, String origin, long position) {
        this.payload = payload;
        this.origin = origin;
        this.position = position;
    }

    public String source() {
        return origin + ":" + position;
    }
}
