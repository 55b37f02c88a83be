package com.livegmv.jobs.io;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file for {@code FileSource}, decoding each line into a {@link ParsedRecord}
 * whose source is {@code file-name:line}. Every line is one record, blank ones included (they
 * decode to an empty record), so the checkpointed position is simply the number of lines read and a
 * restored reader skips exactly that many. A line ends at {@code \n}; a {@code \r} right before it
 * is dropped, any other {@code \r} is part of the record (SPEC §2).
 */
public final class JsonLinesFormat implements BulkFormat<ParsedRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 1024;

    private final RecordDecoder decoder;

    public JsonLinesFormat(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Reader<ParsedRecord> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new LineReader(split, 0, decoder);
    }

    @Override
    public Reader<ParsedRecord> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new LineReader(split, skip, decoder);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    private static final class LineReader implements Reader<ParsedRecord> {
        private final RecordDecoder decoder;
        private final FSDataInputStream in;
        private final String origin;
        private final byte[] buf = new byte[1 << 16];
        private int pos, limit;
        private boolean eof;
        private byte[] line = new byte[256];
        private long linesRead;

        LineReader(FileSourceSplit split, long skip, RecordDecoder decoder) throws IOException {
            this.decoder = decoder;
            this.in = split.path().getFileSystem().open(split.path());
            this.origin = split.path().getName();
            while (linesRead < skip && nextLine() >= 0) {
                linesRead++;
            }
        }

        @Override
        public RecordIterator<ParsedRecord> readBatch() throws IOException {
            ParsedRecord[] batch = new ParsedRecord[BATCH];
            long first = linesRead;
            int n = 0;
            int len;
            while (n < BATCH && (len = nextLine()) >= 0) {
                linesRead++;
                batch[n++] =
                        RecordDecoder.isBlank(line, len)
                                ? new ParsedRecord()
                                : decoder.decode(Arrays.copyOf(line, len), origin, linesRead);
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<ParsedRecord> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, first);
            return it;
        }

        /** Reads the next line into {@link #line} without its end; returns its length or -1. */
        private int nextLine() throws IOException {
            int len = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        return any ? len : -1; // no \n, so no \r to drop
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                int chunk = pos - start;
                if (len + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, len + chunk));
                }
                System.arraycopy(buf, start, line, len, chunk);
                len += chunk;
                if (pos < limit) {
                    pos++; // the '\n'
                    return trimCr(len);
                }
            }
        }

        private int trimCr(int len) {
            return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        }

        private boolean fill() throws IOException {
            InputStream s = in;
            int r = s.read(buf, 0, buf.length);
            if (r <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = r;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
