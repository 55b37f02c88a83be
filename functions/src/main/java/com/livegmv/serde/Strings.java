package com.livegmv.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's string format ({@link StringValue#writeString}), written with one bulk write per string.
 * {@code StringValue} writes a byte at a time, which costs little into an in-memory buffer but is a
 * chain of stream calls per character into a checkpoint stream: with 100,000 events waiting for the
 * watermark, that was the largest single cost of a live checkpoint. The bytes are the same, so the
 * state format does not change.
 */
public final class Strings {
    private static final int HIGH_BIT = 0x80;

    private Strings() {}

    /** Writes {@code s} (may be null) exactly as {@link StringValue#writeString} does. */
    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null || out instanceof DataOutputSerializer) {
            // In memory already (the keyBy, RocksDB): the byte-wise writes are cheap there.
            StringValue.writeString(s, out);
            return;
        }
        int n = s.length();
        // The length plus one (0 means null), then each char, 7 bits a byte, low bits first: an
        // ASCII char is its own byte, and ids are ASCII.
        for (int len = n + 1; ; len >>>= 7) {
            if (len < HIGH_BIT) {
                out.write(len);
                break;
            }
            out.write(len | HIGH_BIT);
        }
        byte[] ascii = s.getBytes(StandardCharsets.UTF_8);
        if (ascii.length == n && !replaced(ascii, s)) {
            out.write(ascii);
            return;
        }
        byte[] buf = new byte[3 * n];
        int p = 0;
        for (int i = 0; i < n; i++) {
            p = put(buf, p, s.charAt(i));
        }
        out.write(buf, 0, p);
    }

    /** True when the encoder put '?' for a lone surrogate: one byte, but not the char's. */
    private static boolean replaced(byte[] utf8, String s) {
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && s.charAt(i) != '?') {
                return true;
            }
        }
        return false;
    }

    private static int put(byte[] buf, int p, int v) {
        while (v >= HIGH_BIT) {
            buf[p++] = (byte) (v | HIGH_BIT);
            v >>>= 7;
        }
        buf[p++] = (byte) v;
        return p;
    }
}
