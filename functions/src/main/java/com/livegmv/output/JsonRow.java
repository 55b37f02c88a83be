package com.livegmv.output;

/** An output row that knows its SPEC §9 JSON form (the same in Kafka, files and tests). */
public interface JsonRow {
    void writeJson(StringBuilder b);

    default String toJson() {
        StringBuilder b = new StringBuilder(256);
        writeJson(b);
        return b.toString();
    }
}
