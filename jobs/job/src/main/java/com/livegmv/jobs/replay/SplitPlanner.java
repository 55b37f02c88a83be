package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.config.GmvOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Cuts the input files into {@link LineSplit}s of whole lines, in one pass over each file that
 * counts newlines (several GB/s), so that every split knows the number of its first line and a
 * record's source is {@code PATH:LINE} without any reader counting the lines before its split.
 *
 * <p>A boundary {@code b} moves forward to the first line start at or after it, so a split holds
 * exactly the lines whose first byte lies in {@code [b, next b)}; a line longer than a split leaves
 * the splits it covers empty, and those are dropped. A gzip file ({@code .gz}) is one split; its
 * lines are counted through the decompressor, so progress can be shown for it too.
 */
public final class SplitPlanner {
    /** Splits are at least this big: a split costs an open and a watermark of its own. */
    static final long MIN_SPLIT_BYTES = 4L << 20;

    /** And at most this big: the engine buffers about one split's events per reader. */
    static final long MAX_SPLIT_BYTES = 64L << 20;

    /**
     * Aim for this many splits per reader: every reader stays busy, and since readers work about a
     * split apart in event time, the engine's buffer shrinks with the split (measured on 5M events:
     * a quarter of the buffer of 8 per reader, with a 50 ms watermark interval).
     */
    static final int SPLITS_PER_READER = 32;

    private static final Duration DEFAULT_SKEW = GmvOptions.MAX_FUTURE_SKEW.defaultValue();
    private static final int CHUNK = 1 << 20;
    private static final int PEEK_BYTES = 64 << 10;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SplitPlanner() {}

    /** One input file as planned. */
    public record InputFile(String name, long bytes, long lines, boolean gzip) {}

    /**
     * The files in flag order and their splits in (file, offset) order.
     *
     * @param maxDrift how far (in event time) a reader may run ahead of the slowest one without
     *     holding the others up: the readers of a file's consecutive splits are about one split
     *     apart, so this is one split's span per reader, plus one (the widest gap between the first
     *     events of consecutive splits of a file with more splits than readers); null when no file
     *     has that many splits
     */
    public record Plan(List<InputFile> files, List<LineSplit> splits, Duration maxDrift) {
        public long lines() {
            return files.stream().mapToLong(InputFile::lines).sum();
        }

        public long bytes() {
            return files.stream().mapToLong(InputFile::bytes).sum();
        }
    }

    /** The split size for this much input and this many readers. */
    static long splitBytes(long totalBytes, int readers) {
        long target = totalBytes / ((long) readers * SPLITS_PER_READER);
        return Math.max(MIN_SPLIT_BYTES, Math.min(MAX_SPLIT_BYTES, target));
    }

    /** {@link #plan(List, int, long, RecordDecoder)} with the default future skew. */
    public static Plan plan(List<Path> inputs, int readers, long splitBytes) throws IOException {
        return plan(inputs, readers, splitBytes, new RecordDecoder(DEFAULT_SKEW));
    }

    /**
     * @param splitBytes the size of a split before it is moved to line starts; 0 chooses one from
     *     the total size and the number of readers
     * @param decoder the job's decoder, for a peek at each split's first event
     */
    public static Plan plan(List<Path> inputs, int readers, long splitBytes, RecordDecoder decoder)
            throws IOException {
        long size = splitBytes;
        if (size <= 0) {
            long total = 0;
            for (Path p : inputs) {
                total += Files.size(p);
            }
            size = splitBytes(total, readers);
        }
        List<InputFile> files = new ArrayList<>();
        List<LineSplit> splits = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path p = inputs.get(i);
            String name = p.toString();
            String uri = p.toAbsolutePath().normalize().toUri().toString();
            if (isGzip(p)) {
                long lines;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(p), CHUNK)) {
                    lines = countLines(in);
                }
                files.add(new InputFile(name, Files.size(p), lines, true));
                splits.add(
                        new LineSplit(
                                splits.size(),
                                i,
                                name,
                                uri,
                                true,
                                0,
                                Long.MAX_VALUE,
                                0,
                                1,
                                LineSplit.NO_EVENT));
                continue;
            }
            Cuts cuts = cut(p, size);
            files.add(new InputFile(name, cuts.size, cuts.lines, false));
            for (int k = 0; k + 1 < cuts.starts.size(); k++) {
                long start = cuts.starts.get(k);
                long end = cuts.starts.get(k + 1);
                if (end > start) {
                    splits.add(
                            new LineSplit(
                                    splits.size(),
                                    i,
                                    name,
                                    uri,
                                    false,
                                    start,
                                    end,
                                    start,
                                    cuts.lineNumbers.get(k),
                                    LineSplit.NO_EVENT));
                }
            }
        }
        return new Plan(
                List.copyOf(files), List.copyOf(splits), maxDrift(splits, readers, decoder));
    }

    private static Duration maxDrift(List<LineSplit> splits, int readers, RecordDecoder decoder)
            throws IOException {
        long widest = 0;
        for (int i = 0; i < splits.size(); ) {
            int j = i;
            while (j < splits.size() && splits.get(j).input() == splits.get(i).input()) {
                j++;
            }
            if (j - i > readers) {
                long previous = Long.MIN_VALUE;
                for (LineSplit s : splits.subList(i, j)) {
                    long first = firstEventTime(s, decoder);
                    if (first != Long.MIN_VALUE && previous != Long.MIN_VALUE) {
                        widest = Math.max(widest, first - previous);
                    }
                    previous = first;
                }
            }
            i = j;
        }
        return widest > 0 ? Duration.ofMillis(widest * (readers + 1)) : null;
    }

    /** The time of the first valid event among a split's first lines; MIN_VALUE if none. */
    private static long firstEventTime(LineSplit s, RecordDecoder decoder) throws IOException {
        byte[] head = new byte[(int) Math.min(PEEK_BYTES, s.end() - s.start())];
        try (FileChannel ch = FileChannel.open(Path.of(URI.create(s.uri())))) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b, s.start() + b.position()) > 0) {}
        }
        int from = 0;
        for (int i = 0; i <= head.length; i++) {
            if (i == head.length || head[i] == '\n') {
                if (i == head.length && s.start() + i < s.end()) {
                    break; // a line cut by the peek window
                }
                ParsedRecord r = decoder.decode(Arrays.copyOfRange(head, from, i), s.name(), 0);
                if (r.event != null) {
                    return r.event.eventTime;
                }
                from = i + 1;
            }
        }
        return Long.MIN_VALUE;
    }

    static boolean isGzip(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * Line starts at or after each multiple of {@code size}, their line numbers, and the file's
     * end; {@code starts} ends with the file size, so consecutive entries are the splits.
     */
    private record Cuts(List<Long> starts, List<Long> lineNumbers, long size, long lines) {}

    private static Cuts cut(Path file, long size) throws IOException {
        List<Long> starts = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        starts.add(0L);
        lineNumbers.add(1L);
        byte[] buf = new byte[CHUNK];
        long offset = 0; // file offset of buf[0]
        long newlines = 0; // in [0, offset + i)
        long boundary = size; // the next multiple of size to move to a line start
        boolean seeking = false; // looking for the first '\n' at or after boundary - 1
        byte last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
                int i = 0;
                while (i < n) {
                    if (!seeking) {
                        // Count up to the byte before the boundary, which decides where the
                        // boundary's line starts.
                        long stop = Math.min(n, boundary - 1 - offset);
                        newlines += countNewlines(buf, i, (int) stop);
                        i = (int) stop;
                        seeking = stop < n;
                        continue;
                    }
                    int nl = indexOf(buf, i, n);
                    if (nl < 0) {
                        i = n;
                        continue;
                    }
                    newlines++;
                    long lineStart = offset + nl + 1;
                    starts.add(lineStart);
                    lineNumbers.add(newlines + 1);
                    // Boundaries inside the line just passed would start here again.
                    boundary = (lineStart / size + 1) * size;
                    seeking = false;
                    i = nl + 1;
                }
                last = buf[n - 1];
                offset += n;
            }
        }
        starts.add(offset);
        lineNumbers.add(-1L);
        long lines = newlines + (offset > 0 && last != '\n' ? 1 : 0);
        return new Cuts(starts, lineNumbers, offset, lines);
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Lines of a stream: newlines, plus a last line without one. */
    static long countLines(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        long newlines = 0;
        byte last = '\n';
        int n;
        while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
            newlines += countNewlines(buf, 0, n);
            last = buf[n - 1];
        }
        return newlines + (last != '\n' ? 1 : 0);
    }

    /** '\n' bytes in {@code b[from, to)}, eight at a time. */
    static int countNewlines(byte[] b, int from, int to) {
        int count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            // The high bit of each byte is set exactly where x has a zero byte (no carries).
            long zero =
                    ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
            count += Long.bitCount(zero);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
