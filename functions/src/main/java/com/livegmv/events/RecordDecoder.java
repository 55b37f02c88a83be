package com.livegmv.events;

import static com.livegmv.events.RejectReason.INVALID_FIELD;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Turns raw bytes (a file line or a Kafka value) into a {@link ParsedRecord}. Used inside the
 * sources, so the watermark can follow event time per Kafka partition; every source holds one, so
 * the guard against events too far in the future (SPEC §2, max_future_skew) is the same for all.
 *
 * <p>Rejected payloads keep their raw text. Two documented exceptions: a payload longer than {@link
 * #MAX_RAW_CHARS} characters is cut there and the detail says how many bytes it had; a payload that
 * is not valid UTF-8 is stored as {@code base64:} followed by its bytes in Base64, so not one byte
 * is lost.
 */
public final class RecordDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_RAW_CHARS = 65_536;

    /** The smallest max_future_skew: a smaller one, 0 above all, is refused, never "no check". */
    public static final Duration MIN_FUTURE_SKEW = Duration.ofSeconds(1);

    /** Wall-clock epoch millis; serializable, since decoders travel inside the job graph. */
    @FunctionalInterface
    public interface Clock extends LongSupplier, Serializable {}

    private final long maxFutureSkewMillis;
    private final Clock clock;

    /** A decoder on this machine's clock. */
    public RecordDecoder(Duration maxFutureSkew) {
        this(maxFutureSkew, System::currentTimeMillis);
    }

    /**
     * @param maxFutureSkew how far ahead of {@code clock} an event_time may be; at least {@link
     *     #MIN_FUTURE_SKEW}
     */
    public RecordDecoder(Duration maxFutureSkew, Clock clock) {
        if (maxFutureSkew.compareTo(MIN_FUTURE_SKEW) < 0) {
            throw new IllegalArgumentException(
                    "max_future_skew must be at least 1s, got " + maxFutureSkew);
        }
        // A skew too large for a long of millis is as good as none: saturate, never overflow.
        this.maxFutureSkewMillis =
                maxFutureSkew.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0
                        ? Long.MAX_VALUE
                        : maxFutureSkew.toMillis();
        this.clock = clock;
    }

    public ParsedRecord decode(byte[] payload, String origin, long position) {
        ParsedRecord r = new ParsedRecord();
        if (payload == null) {
            payload = new byte[0];
        }
        try {
            Event e = EventParser.parse(payload, 0, payload.length);
            String ahead = beyondSkew(e.eventTime);
            if (ahead != null) {
                throw new InvalidEventException(INVALID_FIELD, "event_time: " + ahead);
            }
            e.origin = origin;
            e.position = position;
            r.event = e;
        } catch (InvalidEventException ex) {
            r.rejected = reject(payload, origin + ":" + position, ex.reason(), ex.detail());
        }
        return r;
    }

    /**
     * Null when {@code time} is at most max_future_skew ahead of the clock now; otherwise by how
     * much it is ahead and the limit, for a rejection's detail or a log line.
     */
    public String beyondSkew(long time) {
        long now = clock.getAsLong();
        long limit = now + maxFutureSkewMillis;
        if (limit < now) {
            limit = Long.MAX_VALUE; // saturated
        }
        if (time <= limit) {
            return null;
        }
        return Times.format(time)
                + " is "
                + describe(time - now)
                + " ahead of this machine's clock ("
                + Times.format(now)
                + "); max_future_skew is "
                + describe(maxFutureSkewMillis);
    }

    /** Like 1h, 2d 3h 0.500s, 90m 5s: the non-zero units from days down to milliseconds. */
    static String describe(long millis) {
        StringBuilder b = new StringBuilder();
        long days = millis / 86_400_000L;
        long hours = millis / 3_600_000L % 24;
        long minutes = millis / 60_000L % 60;
        long seconds = millis / 1000 % 60;
        long ms = millis % 1000;
        if (days > 0) {
            b.append(days).append("d ");
        }
        if (hours > 0) {
            b.append(hours).append("h ");
        }
        if (minutes > 0) {
            b.append(minutes).append("m ");
        }
        if (ms > 0) {
            b.append(String.format(Locale.ROOT, "%d.%03ds", seconds, ms));
        } else if (seconds > 0 || b.length() == 0) {
            b.append(seconds).append('s');
        }
        return b.toString().strip();
    }

    /**
     * True for a file line (its end already removed) with nothing but spaces and tabs: not an event
     * at all. A {@code \r} here is not the one of a CR LF line end (the reader drops that one), so
     * it is part of the record (SPEC §2), and the line is not blank.
     */
    public static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private RejectedEvent reject(
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
        return new RejectedEvent(source, raw, reason, detail, clock.getAsLong());
    }
}
