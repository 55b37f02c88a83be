package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * What a {@link LineSplitReader} emits, in order: records and watermarks, each with the split it
 * came through. Outputs per split are created and released as Flink's are.
 */
final class CollectingOutput implements ReaderOutput<ParsedRecord> {
    /** A record (watermark null) or a watermark (record null) of one split. */
    record Emitted(String split, ParsedRecord record, Watermark watermark) {}

    final List<Emitted> emitted = new ArrayList<>();
    final Map<String, SourceOutput<ParsedRecord>> open = new HashMap<>();
    final List<String> released = new ArrayList<>();

    @Override
    public void collect(ParsedRecord record) {
        throw new AssertionError("records must go through their split's output");
    }

    @Override
    public void collect(ParsedRecord record, long timestamp) {
        collect(record);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
        throw new AssertionError("watermarks must go through their split's output");
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<ParsedRecord> createOutputForSplit(String splitId) {
        return open.computeIfAbsent(splitId, this::output);
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
        if (open.remove(splitId) == null) {
            throw new AssertionError("released twice or never created: " + splitId);
        }
        released.add(splitId);
    }

    private SourceOutput<ParsedRecord> output(String splitId) {
        return new SourceOutput<>() {
            @Override
            public void collect(ParsedRecord record) {
                emitted.add(new Emitted(splitId, record, null));
            }

            @Override
            public void collect(ParsedRecord record, long timestamp) {
                collect(record);
            }

            @Override
            public void emitWatermark(Watermark watermark) {
                emitted.add(new Emitted(splitId, null, watermark));
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
    }

    List<ParsedRecord> records() {
        return emitted.stream().filter(e -> e.record() != null).map(Emitted::record).toList();
    }

    /** Each record as its source and what it decoded to, for comparing reads. */
    List<String> described() {
        return records().stream().map(CollectingOutput::describe).toList();
    }

    static String describe(ParsedRecord r) {
        if (r.event != null) {
            return r.event.origin + ":" + r.event.position + " " + r.event.type + " " + r.event.key;
        }
        return r.rejected.source + " " + r.rejected.reason + " " + r.rejected.raw;
    }
}
