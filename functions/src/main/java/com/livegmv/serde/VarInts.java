package com.livegmv.serde;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Variable-length longs (7 bits per byte, zig-zag for signs): small amounts take a few bytes. */
public final class VarInts {
    private VarInts() {}

    public static void writeLong(long v, DataOutputView out) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    public static long readLong(DataInputView in) throws IOException {
        long z = 0;
        int shift = 0;
        while (true) {
            int b = in.readByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IOException("malformed variable-length long");
            }
        }
        return (z >>> 1) ^ -(z & 1);
    }
}
