package com.livegmv.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns raw bytes (a file line or a Kafka value) into a {@link ParsedRecord}. Used inside the
 * sources, so the watermark can follow event time per Kafka partition.
 *
 * <p>Rejected payloads keep their raw text. Two documented exceptions: a payload longer than {@link
 * #MAX_RAW_CHARS} characters is cut there and the detail says how many bytes it had; a payload that
 * is not valid UTF-8 is stored as {@code base64:} followed by its bytes in Base64, so not one byte
 * is lost.
 */
public final class RecordDecoder {
    public static final int MAX_RAW_CHARS = 65_536;

    private RecordDecoder() {}

    public static ParsedRecord decode(byte[] payload, String origin, long position) {
        ParsedRecord r = new ParsedRecord();
        if (payload == null) {
            payload = new byte[0];
        }
        try {
            Event e = EventParser.parse(payload, 0, payload.length);
            e.origin = origin;
            e.position = position;
            r.event = e;
        } catch (InvalidEventException ex) {
            r.rejected = reject(payload, origin + ":" + position, ex.reason(), ex.detail());
        }
        return r;
    }

    /** True for a file line with nothing but white space: not an event at all. */
    public static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    public static RejectedEvent reject(
            byte[] payload, String source, RejectReason reason, String detail) {
        String raw;
        try {
            for (byte b : payload) {
                if (b == 0) {
                    throw new CharacterCodingException();
                }
            }
            raw =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(payload))
                            .toString();
        } catch (CharacterCodingException e) {
            raw = "base64:" + Base64.getEncoder().encodeToString(payload);
            detail = detail + " (payload is not valid UTF-8 text; raw holds its bytes in Base64)";
        }
        if (raw.length() > MAX_RAW_CHARS) {
            int cut = MAX_RAW_CHARS;
            if (Character.isHighSurrogate(raw.charAt(cut - 1))) {
                cut--; // never leave half of a surrogate pair
            }
            raw = raw.substring(0, cut);
            detail =
                    detail
                            + " (raw truncated to "
                            + MAX_RAW_CHARS
                            + " characters of "
                            + payload.length
                            + " bytes)";
        }
        return new RejectedEvent(source, raw, reason, detail, System.currentTimeMillis());
    }
}
