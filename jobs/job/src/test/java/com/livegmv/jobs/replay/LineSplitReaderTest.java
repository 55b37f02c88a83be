package com.livegmv.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import com.livegmv.events.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineSplitReaderTest {
    static final long BOUND = 2_000;
    static final RecordDecoder DECODER = new RecordDecoder(java.time.Duration.ofHours(1));
    static final long T0 = Times.parseInstant("2024-12-05T12:00:00Z");

    @TempDir Path tmp;

    static String session(long at, String id) {
        return line(
                "LIVE_SESSION_STARTED",
                at,
                "session_id",
                id,
                "\"category\":\"SHOPPING\",\"with_goods\":true");
    }

    static String order(long at, String id) {
        return line("ORDER_PAID", at, "order_id", id, "\"amount_fen\":100,\"currency\":\"CNY\"");
    }

    /** An event of streamer s1: its type, time and id, then the fields of its type. */
    private static String line(String type, long at, String idField, String id, String fields) {
        return "{\"type\":\""
                + type
                + "\",\"event_time\":\""
                + Times.format(at)
                + "\",\""
                + idField
                + "\":\""
                + id
                + "\",\"streamer_id\":\"s1\","
                + fields
                + "}";
    }

    /** Valid and invalid records, blank lines, CR LF ends, and a last line without '\n'. */
    static String mixed() {
        return session(T0, "l1")
                + "\n\n"
                + order(T0 + 1500, "o1")
                + "\r\n"
                + order(T0 + 500, "o2") // behind, within the bound
                + "\n"
                + "not json\n"
                + " \t\n"
                + "\uFEFF"
                + order(T0 + 3000, "o3")
                + "\n"
                + "{\"type\":\"ORDER_PAID\"}\n"
                + order(T0 + 4000, "o4")
                + "\r";
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static CollectingOutput readAll(List<LineSplit> splits) throws Exception {
        LineSplitReader reader = new LineSplitReader(BOUND, DECODER, () -> {});
        reader.addSplits(splits);
        reader.notifyNoMoreSplits();
        CollectingOutput out = new CollectingOutput();
        drain(reader, out);
        reader.close();
        return out;
    }

    static void drain(LineSplitReader reader, CollectingOutput out) throws Exception {
        InputStatus s;
        while ((s = reader.pollNext(out)) == InputStatus.MORE_AVAILABLE) {}
        assertThat(s).isEqualTo(InputStatus.END_OF_INPUT);
    }

    static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }

    @Test
    void shouldReadEachRecordOnceWithItsFileAndLineWhateverTheSplitSize() throws Exception {
        Path file = write("in/mixed.jsonl", mixed());
        List<String> whole =
                readAll(SplitPlanner.plan(List.of(file), 1, 1 << 20).splits()).described();
        String name = file.toString();
        assertThat(whole)
                .containsExactly(
                        name + ":1 LIVE_SESSION_STARTED l1",
                        name + ":3 ORDER_PAID o1",
                        name + ":4 ORDER_PAID o2",
                        name + ":5 MALFORMED_JSON not json",
                        name + ":7 ORDER_PAID o3",
                        name + ":8 MISSING_FIELD {\"type\":\"ORDER_PAID\"}",
                        name + ":9 ORDER_PAID o4");
        long size = Files.size(file);
        for (long splitBytes = 1; splitBytes <= size; splitBytes++) {
            List<LineSplit> splits = SplitPlanner.plan(List.of(file), 1, splitBytes).splits();
            assertThat(sorted(readAll(splits).described()))
                    .as("split size %d (%d splits)", splitBytes, splits.size())
                    .isEqualTo(sorted(whole));
        }
    }

    @Test
    void shouldDropACarriageReturnOnlyWhereItEndsALine() throws Exception {
        Path file = write("cr.jsonl", "bad\r\nb\rad\n\r\nlast\r");
        List<ParsedRecord> records =
                readAll(SplitPlanner.plan(List.of(file), 1, 0).splits()).records();
        assertThat(records).allSatisfy(r -> assertThat(r.rejected).isNotNull());
        assertThat(records.stream().map(r -> r.rejected.raw))
                .containsExactly("bad", "b\rad", "last\r");
    }

    @Test
    void shouldRejectAnEventTooFarAheadOfTheClock() throws Exception {
        String registration =
                "{\"type\":\"REGISTRATION\",\"event_time\":\"2204-11-30T00:00:00Z\","
                        + "\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}";
        Path file = write("future.jsonl", registration + "\n");
        List<ParsedRecord> records =
                readAll(SplitPlanner.plan(List.of(file), 1, 0, DECODER).splits()).records();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).rejected.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(records.get(0).rejected.detail).contains("max_future_skew is 1h");
    }

    @Test
    void shouldReadAGzipFileLikeThePlainOne() throws Exception {
        Path plain = write("events.jsonl", mixed());
        Path gz = tmp.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(mixed().getBytes(StandardCharsets.UTF_8));
        }
        List<String> fromPlain =
                readAll(SplitPlanner.plan(List.of(plain), 1, 0).splits()).described().stream()
                        .map(s -> s.replace(plain.toString(), "F"))
                        .toList();
        List<String> fromGz =
                readAll(SplitPlanner.plan(List.of(gz), 1, 0).splits()).described().stream()
                        .map(s -> s.replace(gz.toString(), "F"))
                        .toList();
        assertThat(fromGz).isEqualTo(fromPlain).hasSize(7);
    }

    @Test
    void shouldRejectLineByLineAGzipFileThatIsNotNamedSo() throws Exception {
        Path disguised = tmp.resolve("events.jsonl");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(disguised))) {
            for (int i = 0; i < 2000; i++) {
                out.write((order(T0 + i, "o" + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<ParsedRecord> records =
                readAll(SplitPlanner.plan(List.of(disguised), 1, 0).splits()).records();
        assertThat(records).isNotEmpty();
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.event).isNull();
                            assertThat(r.rejected.reason).isEqualTo(RejectReason.MALFORMED_JSON);
                            assertThat(r.rejected.raw).startsWith("base64:");
                        });
    }

    /**
     * Two files of one type each, both in time order: the reader interleaves them by time, once
     * each split has given its first event (which sets its clock).
     */
    @Test
    void shouldEmitTheSplitsOfSeveralFilesMergedByEventTime() throws Exception {
        StringBuilder sessions = new StringBuilder();
        StringBuilder orders = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sessions.append(session(T0 + 10_000L * i, "l" + i)).append('\n');
            orders.append(order(T0 + 10_000L * i + 5_000, "o" + i)).append('\n');
        }
        Path a = write("orders.jsonl", orders.toString());
        Path b = write("sessions.jsonl", sessions.toString());
        List<LineSplit> splits = SplitPlanner.plan(List.of(a, b), 1, 4096).splits();
        assertThat(splits.size()).isGreaterThan(10);
        CollectingOutput out = readAll(splits);
        List<Long> times = new ArrayList<>();
        Set<String> started = new HashSet<>();
        for (CollectingOutput.Emitted e : out.emitted) {
            if (e.record() != null && !started.add(e.split())) {
                times.add(e.record().event.eventTime);
            }
        }
        assertThat(started).hasSize(splits.size());
        assertThat(times).hasSize(1000 - splits.size()).isSorted();
    }

    @Test
    void shouldResumeFromACheckpointWithNothingLostOrRepeated() throws Exception {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            a.append(session(T0 + 1000L * i, "l" + i)).append(i % 10 == 0 ? "\n\n" : "\n");
            b.append(i % 100 == 0 ? "broken\n" : order(T0 + 1000L * i + 1, "o" + i) + "\n");
        }
        Path fa = write("a.jsonl", a.toString());
        Path fb = write("b.jsonl", b.toString());
        List<LineSplit> splits = SplitPlanner.plan(List.of(fa, fb), 1, 20_000).splits();
        List<String> whole = readAll(splits).described();

        LineSplitReader first = new LineSplitReader(BOUND, DECODER, () -> {});
        first.addSplits(splits);
        first.notifyNoMoreSplits();
        CollectingOutput before = new CollectingOutput();
        for (int i = 0; i < 20; i++) {
            first.pollNext(before);
        }
        List<LineSplit> state = first.snapshotState(1);
        first.close();
        assertThat(state).isNotEmpty().anySatisfy(s -> assertThat(s.clock()).isGreaterThan(T0));

        LineSplitReader second = new LineSplitReader(BOUND, DECODER, () -> {});
        second.addSplits(state);
        second.notifyNoMoreSplits();
        CollectingOutput after = new CollectingOutput();
        drain(second, after);
        List<String> both = new ArrayList<>(before.described());
        both.addAll(after.described());
        assertThat(sorted(both)).isEqualTo(sorted(whole));

        // A restored split that had emitted an event starts from its clock minus the bound.
        for (LineSplit s : state) {
            if (s.clock() != Long.MIN_VALUE) {
                CollectingOutput.Emitted firstOfSplit =
                        after.emitted.stream()
                                .filter(e -> e.split().equals(s.splitId()))
                                .findFirst()
                                .orElseThrow();
                assertThat(firstOfSplit.watermark()).isNotNull();
                assertThat(firstOfSplit.watermark().getTimestamp())
                        .isEqualTo(s.clock() - BOUND - 1);
            }
        }
    }

    @Test
    void shouldLeavePausedSplitsUnreadUntilResumed() throws Exception {
        Path a = write("a.jsonl", session(T0, "l1") + "\n" + session(T0 + 10, "l2") + "\n");
        Path b = write("b.jsonl", order(T0 + 5, "o1") + "\n");
        List<LineSplit> splits = SplitPlanner.plan(List.of(a, b), 1, 0).splits();
        LineSplitReader reader = new LineSplitReader(BOUND, DECODER, () -> {});
        reader.addSplits(splits);
        reader.notifyNoMoreSplits();
        reader.pauseOrResumeSplits(List.of(splits.get(0).splitId()), List.of());
        CollectingOutput out = new CollectingOutput();
        InputStatus s;
        while ((s = reader.pollNext(out)) == InputStatus.MORE_AVAILABLE) {}
        assertThat(s).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.isAvailable()).isNotDone();
        assertThat(out.described()).containsExactly(b + ":1 ORDER_PAID o1");

        reader.pauseOrResumeSplits(List.of(), List.of(splits.get(0).splitId()));
        assertThat(reader.isAvailable()).isDone();
        drain(reader, out);
        assertThat(out.described())
                .containsExactly(
                        b + ":1 ORDER_PAID o1",
                        a + ":1 LIVE_SESSION_STARTED l1",
                        a + ":2 LIVE_SESSION_STARTED l2");
    }
}
