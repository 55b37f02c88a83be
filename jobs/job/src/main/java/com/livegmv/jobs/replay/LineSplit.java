package com.livegmv.jobs.replay;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Whole lines of one input file: the bytes {@code [start, end)} of a plain file, or all of a gzip
 * file (not splittable). A split owns the lines whose first byte lies in its range; the planner
 * puts both ends on line starts, so a reader needs no boundary logic.
 *
 * <p>The same record is the reader's checkpointed position: {@code position} is the offset of the
 * next unread line (in the decompressed stream for gzip), {@code line} its 1-based number, and
 * {@code clock} the largest event time the split has emitted ({@link #NO_EVENT} before its first
 * event), from which a restored split's watermark restarts.
 *
 * @param ordinal the split's number in the plan: its id, and the order of equal clocks
 * @param input index of the file among the {@code --input} flags
 * @param name the file as the user gave it: a record's source is {@code name:line}
 * @param uri the file, absolute, for the reader to open
 */
public record LineSplit(
        int ordinal,
        int input,
        String name,
        String uri,
        boolean gzip,
        long start,
        long end,
        long position,
        long line,
        long clock)
        implements SourceSplit, Serializable {

    /** The {@code clock} of a split that has emitted no event yet. */
    static final long NO_EVENT = Long.MIN_VALUE;

    @Override
    public String splitId() {
        return Integer.toString(ordinal);
    }

    /** This split, read up to {@code position}. */
    LineSplit at(long position, long line, long clock) {
        return new LineSplit(ordinal, input, name, uri, gzip, start, end, position, line, clock);
    }

    /** Version 1: the fields in declaration order. */
    static final class Serializer implements SimpleVersionedSerializer<LineSplit> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(LineSplit s) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64 + 2 * s.uri().length());
            write(s, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public LineSplit deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("unknown replay split version " + version);
            }
            return read(new DataInputDeserializer(bytes));
        }

        static void write(LineSplit s, DataOutputSerializer out) throws IOException {
            out.writeInt(s.ordinal());
            out.writeInt(s.input());
            out.writeUTF(s.name());
            out.writeUTF(s.uri());
            out.writeBoolean(s.gzip());
            out.writeLong(s.start());
            out.writeLong(s.end());
            out.writeLong(s.position());
            out.writeLong(s.line());
            out.writeLong(s.clock());
        }

        static LineSplit read(DataInputDeserializer in) throws IOException {
            return new LineSplit(
                    in.readInt(),
                    in.readInt(),
                    in.readUTF(),
                    in.readUTF(),
                    in.readBoolean(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong());
        }
    }
}
