package com.livegmv.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line ends of the replay file reader (SPEC §2): a line ends at {@code \n}, a {@code \r} right
 * before it is dropped, and any other {@code \r} is part of the record.
 */
class JsonLinesFormatTest {
    private static final long NOW = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final String EVENT =
            "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\","
                    + "\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}";

    @TempDir Path tmp;

    /** Every record the reader makes of the file, blank lines as empty records. */
    private List<ParsedRecord> read(String content) throws Exception {
        Path f = tmp.resolve("events.jsonl");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        FileSourceSplit split =
                new FileSourceSplit(
                        "0",
                        new org.apache.flink.core.fs.Path(f.toUri()),
                        0,
                        Files.size(f),
                        0,
                        Files.size(f));
        List<ParsedRecord> out = new ArrayList<>();
        try (BulkFormat.Reader<ParsedRecord> r =
                new JsonLinesFormat(new RecordDecoder(Duration.ofHours(1), () -> NOW))
                        .createReader(new Configuration(), split)) {
            BulkFormat.RecordIterator<ParsedRecord> batch;
            while ((batch = r.readBatch()) != null) {
                RecordAndPosition<ParsedRecord> p;
                while ((p = batch.next()) != null) {
                    out.add(p.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return out;
    }

    @Test
    void dropsTheCarriageReturnOfACrLfLineEnd() throws Exception {
        List<ParsedRecord> rs = read(EVENT + "\r\n" + EVENT + "\n");

        assertThat(rs).hasSize(2).allSatisfy(r -> assertThat(r.event).isNotNull());
    }

    @Test
    void keepsACarriageReturnThatDoesNotEndTheLine() throws Exception {
        List<ParsedRecord> rs = read(EVENT + "\r" + EVENT + "\r\n" + "\r\r\n" + " \t\r\n");

        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).rejected.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rs.get(0).rejected.raw).isEqualTo(EVENT + "\r" + EVENT);
        assertThat(rs.get(0).rejected.source).isEqualTo("events.jsonl:1");
        assertThat(rs.get(1).rejected.raw).isEqualTo("\r");
        assertThat(rs.get(1).rejected.source).isEqualTo("events.jsonl:2");
        assertThat(rs.get(2).event).as("spaces and a tab: a blank line").isNull();
        assertThat(rs.get(2).rejected).isNull();
    }

    @Test
    void keepsTheCarriageReturnOfALastLineWithoutALineFeed() throws Exception {
        List<ParsedRecord> rs = read(EVENT + "\n" + "[1]\r");

        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).rejected.raw).isEqualTo("[1]\r");
    }

    @Test
    void rejectsAnEventTooFarAheadOfTheDecodersClock() throws Exception {
        List<ParsedRecord> rs = read(EVENT.replace("2024-11-30", "2204-11-30") + "\n");

        assertThat(rs.get(0).rejected.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rs.get(0).rejected.detail).contains("max_future_skew is 1h");
    }
}
