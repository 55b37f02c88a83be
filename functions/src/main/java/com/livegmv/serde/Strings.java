package com.livegmv.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's string format ({@link StringValue#writeString}), written with one bulk write per string.
 * {@code StringValue} writes a byte at a time, which costs little into an in-memory buffer but is a
 * chain of stream calls per character into a checkpoint stream: with 100,000 events waiting for the
 * watermark, that was the largest single cost of a live checkpoint. The bytes are the same, so the
 * state format does not change.
 *
 * <p>{@link #read} reads that format without {@code StringValue}'s thread-local buffer: in the live
 * job's engine task the thread-local lookup cost more than the decoding (6% of the task's samples,
 * six strings per event across the keyBy).
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

    /** Reads a string (or null) written by {@link #write} or {@link StringValue#writeString}. */
    public static String read(DataInputView in) throws IOException {
        int len = varInt(in, in.readUnsignedByte());
        if (len == 0) {
            return null;
        }
        len--;
        byte[] latin1 = new byte[len];
        for (int i = 0; i < len; i++) {
            int c = in.readUnsignedByte();
            if (c >= HIGH_BIT) {
                return wide(in, latin1, i, c);
            }
            latin1[i] = (byte) c;
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }

    /** The rest of a string with a char of 128 or more at {@code i}, whose first byte is read. */
    private static String wide(DataInputView in, byte[] head, int i, int first) throws IOException {
        char[] chars = new char[head.length];
        for (int k = 0; k < i; k++) {
            chars[k] = (char) head[k];
        }
        chars[i] = (char) varInt(in, first);
        for (int k = i + 1; k < chars.length; k++) {
            chars[k] = (char) varInt(in, in.readUnsignedByte());
        }
        return new String(chars);
    }

    /** A value of 7 bits a byte, low bits first, whose first byte is {@code b}. */
    private static int varInt(DataInputView in, int b) throws IOException {
        if (b < HIGH_BIT) {
            return b;
        }
        int v = b & (HIGH_BIT - 1);
        int shift = 7;
        while ((b = in.readUnsignedByte()) >= HIGH_BIT) {
            v |= (b & (HIGH_BIT - 1)) << shift;
            shift += 7;
        }
        return v | (b << shift);
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
