package com.livegmv.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitPlannerTest {
    @TempDir Path tmp;

    static final String SAMPLE =
            "{\"a\":1}\n"
                    + "\n"
                    + "{\"b\":22}\r\n"
                    + "a much longer line than the others, to be cut through by small splits\n"
                    + " \t\n"
                    + "x\n"
                    + "\n"
                    + "last line without a newline\r";

    @Test
    void shouldCountNewlinesEightBytesAtATimeExactly() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[rnd.nextInt(100)];
            for (int i = 0; i < b.length; i++) {
                // Bytes next to '\n' (0x0A) in value and with the high bit set: the tricky ones.
                int[] pool = {'\n', '\n', 0x0B, 0x09, 0x8A, 0x00, 0xFF, 'a', 0x7F, 0x80};
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int expected = 0;
            for (int i = from; i < b.length; i++) {
                expected += b[i] == '\n' ? 1 : 0;
            }
            assertThat(SplitPlanner.countNewlines(b, from, b.length)).isEqualTo(expected);
        }
    }

    /** Every split size: the splits hold each line once, in order, with its own line number. */
    @Test
    void shouldCutAtLineStartsWithTheRightLineNumbersForEverySplitSize() throws Exception {
        Path file = tmp.resolve("sample.jsonl");
        byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        List<String> expected = numberedLines(bytes, 0, bytes.length, 1);
        for (long size = 1; size <= bytes.length + 1; size++) {
            SplitPlanner.Plan plan = SplitPlanner.plan(List.of(file), 2, size);
            assertThat(plan.files().get(0).lines()).isEqualTo(8);
            List<String> actual = new ArrayList<>();
            long expectedStart = 0;
            for (LineSplit s : plan.splits()) {
                assertThat(s.start()).as("size %d: contiguous", size).isEqualTo(expectedStart);
                assertThat(s.end()).isGreaterThan(s.start());
                assertThat(s.start() == 0 || bytes[(int) s.start() - 1] == '\n')
                        .as("size %d: split %s starts a line", size, s)
                        .isTrue();
                actual.addAll(numberedLines(bytes, (int) s.start(), (int) s.end(), s.line()));
                expectedStart = s.end();
            }
            assertThat(expectedStart).isEqualTo(bytes.length);
            assertThat(actual).as("split size %d", size).isEqualTo(expected);
        }
    }

    @Test
    void shouldNumberSplitsAcrossFilesInFlagOrderAndKeepEachNameAsGiven() throws Exception {
        Files.createDirectories(tmp.resolve("d1"));
        Files.createDirectories(tmp.resolve("d2"));
        Path a = tmp.resolve("d1/events.jsonl");
        Path b = tmp.resolve("d2/events.jsonl");
        Files.writeString(a, "1\n2\n3\n");
        Files.writeString(b, "4\n5\n");
        SplitPlanner.Plan plan = SplitPlanner.plan(List.of(b, a), 2, 2);
        assertThat(plan.splits())
                .extracting(LineSplit::ordinal, LineSplit::input, LineSplit::name, LineSplit::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 0, b.toString(), 1L),
                        org.assertj.core.groups.Tuple.tuple(1, 0, b.toString(), 2L),
                        org.assertj.core.groups.Tuple.tuple(2, 1, a.toString(), 1L),
                        org.assertj.core.groups.Tuple.tuple(3, 1, a.toString(), 2L),
                        org.assertj.core.groups.Tuple.tuple(4, 1, a.toString(), 3L));
        assertThat(plan.lines()).isEqualTo(5);
    }

    @Test
    void shouldMakeOneSplitOfAGzipFileAndCountItsLines() throws Exception {
        Path gz = tmp.resolve("events.jsonl.GZ");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
        }
        SplitPlanner.Plan plan = SplitPlanner.plan(List.of(gz), 4, 1);
        assertThat(plan.splits()).hasSize(1);
        assertThat(plan.splits().get(0).gzip()).isTrue();
        assertThat(plan.files().get(0).lines()).isEqualTo(8);
    }

    @Test
    void shouldLeaveNoSplitForAnEmptyFile() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
        SplitPlanner.Plan plan = SplitPlanner.plan(List.of(empty), 2, 0);
        assertThat(plan.splits()).isEmpty();
        assertThat(plan.lines()).isZero();
    }

    @Test
    void shouldGiveEachReaderSeveralSplitsBetweenTheBounds() {
        assertThat(SplitPlanner.splitBytes(16L << 30, 2)).isEqualTo(SplitPlanner.MAX_SPLIT_BYTES);
        assertThat(SplitPlanner.splitBytes(1L << 30, 2)).isEqualTo(16L << 20);
        assertThat(SplitPlanner.splitBytes(1000, 2)).isEqualTo(SplitPlanner.MIN_SPLIT_BYTES);
    }

    /** "number:text" for each line of bytes[from, to), numbered from {@code first}. */
    static List<String> numberedLines(byte[] bytes, int from, int to, long first) {
        List<String> lines = new ArrayList<>();
        long n = first;
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                lines.add(n++ + ":" + new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < to) {
            lines.add(n + ":" + new String(bytes, start, to - start, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
