package com.livegmv.events;

import static com.livegmv.events.RejectReason.INVALID_FIELD;
import static com.livegmv.events.RejectReason.MALFORMED_JSON;
import static com.livegmv.events.RejectReason.MISSING_FIELD;
import static com.livegmv.events.RejectReason.UNKNOWN_TYPE;
import static com.livegmv.events.RejectReason.UNSUPPORTED_CURRENCY;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;

/**
 * Decodes one JSON record into an {@link Event} and validates it per SPEC §2, or says exactly why
 * not. Uses Jackson's streaming parser: one pass, no tree, no data binding.
 *
 * <p>Fields a type does not use are ignored whatever their value, like unknown fields (so is {@code
 * currency} on the types without an amount). An optional field of the type that is present and not
 * null is checked like a required one, whether the engine uses it or not: role is MERCHANT or
 * CREATOR, scheduled_start an RFC 3339 instant, session_id and merchant_id ids, risk_flags an array
 * of strings, currency on a refund CNY.
 *
 * <p>Whether an event_time is too far ahead of the clock is not decided here: that depends on when
 * the record is read ({@link RecordDecoder}).
 */
public final class EventParser {
    public static final long MAX_AMOUNT_FEN = 100_000_000_000L;

    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(64)
                                    // Long integer literals must reach the range check
                                    // (INVALID_FIELD), not fail the parse.
                                    .maxNumberLength(4096)
                                    .build())
                    .build();

    /** Marks a field present with the wrong JSON type. Compared by identity. */
    private static final String WRONG_TYPE = new String("<wrong JSON type>");

    static final int ABSENT = 0, OK = 1, WRONG = 2, OUT_OF_RANGE = 3;

    private EventParser() {}

    public static Event parse(RawRecord record) throws InvalidEventException {
        Event e = parse(record.payload, 0, record.payload.length);
        e.origin = record.origin;
        e.position = record.position;
        return e;
    }

    public static Event parse(byte[] data, int offset, int length) throws InvalidEventException {
        if (requireStrictUtf8(data, offset, length)) {
            // Pure ASCII: the common, simple shapes take the fast scanner, which gives up (null)
            // on anything it does not fully understand, and Jackson decides those.
            Fields f = FastScan.scan(data, offset, length);
            if (f != null) {
                return build(f);
            }
        }
        return parseWithJackson(data, offset, length);
    }

    /** What {@link #parse} did before the fast scanner: the reference its tests compare with. */
    static Event parseReference(byte[] data, int offset, int length) throws InvalidEventException {
        requireStrictUtf8(data, offset, length);
        return parseWithJackson(data, offset, length);
    }

    /** The reference path: Jackson's streaming parser for any record. */
    static Event parseWithJackson(byte[] data, int offset, int length)
            throws InvalidEventException {
        try (JsonParser p = JSON.createParser(data, offset, length)) {
            return parse(p);
        } catch (InvalidEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException(MALFORMED_JSON, "not JSON: " + firstLine(e));
        }
    }

    private static Event parse(JsonParser p) throws IOException, InvalidEventException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException(MALFORMED_JSON, "not a JSON object");
        }
        Fields f = new Fields();

        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field = FastScan.field(name);
            if (field < 0) {
                p.skipChildren();
            } else if (field <= FastScan.LAST_STRING) {
                FastScan.set(f, field, string(p, v));
            } else if (field == FastScan.WITH_GOODS) {
                f.withGoods =
                        v == JsonToken.VALUE_TRUE
                                ? OK
                                : v == JsonToken.VALUE_FALSE ? OUT_OF_RANGE : absentOrWrong(p, v);
            } else if (field == FastScan.AMOUNT) {
                if (v == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        f.amountState = OUT_OF_RANGE;
                    } else {
                        f.amount = p.getLongValue();
                        f.amountState =
                                f.amount >= 1 && f.amount <= MAX_AMOUNT_FEN ? OK : OUT_OF_RANGE;
                    }
                } else {
                    f.amountState = absentOrWrong(p, v);
                }
            } else if (v != JsonToken.START_ARRAY) { // risk_flags
                f.riskState = absentOrWrong(p, v);
            } else {
                f.riskState = OK;
                JsonToken el;
                while ((el = p.nextToken()) != JsonToken.END_ARRAY) {
                    f.risky = true;
                    if (el != JsonToken.VALUE_STRING) {
                        f.riskState = WRONG;
                        p.skipChildren();
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new InvalidEventException(MALFORMED_JSON, "not a JSON object");
        }
        if (p.nextToken() != null) {
            throw new InvalidEventException(MALFORMED_JSON, "not JSON: content after the object");
        }
        return build(f);
    }

    /** Validates the fields of one record (SPEC §2) and builds its event. */
    private static Event build(Fields f) throws InvalidEventException {
        String typeName = required("type", f.type);
        EventType et = EventType.fromWire(typeName);
        if (et == null) {
            throw new InvalidEventException(UNKNOWN_TYPE, "unknown type " + quote(typeName));
        }
        Event e = new Event();
        e.type = et;
        String time = required("event_time", f.eventTime);
        e.streamerId = id("streamer_id", f.streamerId);
        switch (et) {
            case LIVE_SESSION_STARTED:
                e.key = id("session_id", f.sessionId);
                e.category = required("category", f.category);
                if (f.withGoods == ABSENT) {
                    throw new InvalidEventException(MISSING_FIELD, "with_goods");
                }
                if (f.withGoods == WRONG) {
                    throw new InvalidEventException(
                            INVALID_FIELD, "with_goods: expected true or false");
                }
                e.withGoods = f.withGoods == OK;
                break;
            case REGISTRATION:
                e.key = id("campaign_id", f.campaignId);
                role(f.role);
                break;
            case PREVIEW_PUBLISHED:
                e.key = id("preview_id", f.previewId);
                if (f.scheduledStart != null) {
                    instant("scheduled_start", required("scheduled_start", f.scheduledStart));
                }
                break;
            case ORDER_PAID:
                e.key = id("order_id", f.orderId);
                e.amountFen = amount("amount_fen", f.amountState, f.amount);
                e.sessionId = f.sessionId == null ? null : id("session_id", f.sessionId);
                optionalId("merchant_id", f.merchantId);
                if (f.riskState == WRONG) {
                    throw new InvalidEventException(
                            INVALID_FIELD, "risk_flags: expected an array of strings");
                }
                e.risky = f.risky;
                currency(required("currency", f.currency));
                break;
            case ORDER_REFUNDED:
                e.key = id("refund_id", f.refundId);
                e.orderId = id("order_id", f.orderId);
                e.amountFen = amount("amount_fen", f.amountState, f.amount);
                if (f.currency != null) {
                    currency(f.currency);
                }
                break;
            default:
                throw new AssertionError(et);
        }
        e.eventTime = instant("event_time", time);
        return e;
    }

    private static long instant(String field, String text) throws InvalidEventException {
        try {
            return Times.parseInstant(text);
        } catch (DateTimeParseException ex) {
            throw new InvalidEventException(
                    INVALID_FIELD,
                    field
                            + ": not an RFC 3339 instant like 2024-12-05T20:15:03.120+08:00 ("
                            + ex.getMessage()
                            + "): "
                            + quote(text));
        }
    }

    /**
     * Jackson decodes overlong forms, encoded surrogates and code points above U+10FFFF instead of
     * refusing them, which would let two byte strings name the same id. Pure ASCII (the common
     * case) is valid by construction; anything else goes through the JDK's strict decoder.
     *
     * <p>A NUL byte is never part of JSON text (a NUL character in a string must be escaped), and
     * Jackson takes NUL bytes among the first four as the mark of UTF-16 or UTF-32 and decodes the
     * record in that encoding: refusing them keeps the input UTF-8, as JSON Lines are.
     */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** True when the record is pure ASCII. */
    private static boolean requireStrictUtf8(byte[] data, int offset, int length)
            throws InvalidEventException {
        boolean ascii = true;
        int i = offset;
        int end = offset + length;
        // Eight bytes at a time: a word with no zero byte and no byte >= 0x80 needs no closer look
        // ((x - 0x01..) | x) has a high bit set exactly when some byte is 0 or >= 0x80.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long x = (long) LONGS.get(data, i);
            if ((((x - 0x0101010101010101L) | x) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < end; i++) {
            if (data[i] == 0) {
                throw new InvalidEventException(MALFORMED_JSON, "not JSON: NUL byte");
            }
            ascii &= data[i] > 0;
        }
        if (!ascii) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(data, offset, length));
            } catch (CharacterCodingException e) {
                throw new InvalidEventException(MALFORMED_JSON, "not JSON: invalid UTF-8");
            }
        }
        return ascii;
    }

    /** The fields of one record as read, before validation. */
    static final class Fields {
        String type, eventTime, streamerId, sessionId, category, campaignId, previewId;
        String orderId, refundId, currency, merchantId, role, scheduledStart;
        int withGoods = ABSENT; // OK = true, OUT_OF_RANGE = false
        int amountState = ABSENT;
        long amount;
        int riskState = ABSENT;
        boolean risky;
    }

    /** ABSENT for an explicit null; WRONG (the value skipped) for any other JSON type. */
    private static int absentOrWrong(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        p.skipChildren();
        return WRONG;
    }

    private static String string(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        return WRONG_TYPE;
    }

    private static String required(String field, String value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(MISSING_FIELD, field);
        }
        if (value == WRONG_TYPE) {
            throw new InvalidEventException(INVALID_FIELD, field + ": expected a string");
        }
        return value;
    }

    private static void role(String role) throws InvalidEventException {
        if (role != null && !role.equals("MERCHANT") && !role.equals("CREATOR")) {
            throw new InvalidEventException(
                    INVALID_FIELD,
                    "role: expected \"MERCHANT\" or \"CREATOR\""
                            + (role == WRONG_TYPE ? "" : ", got " + quote(role)));
        }
    }

    private static String id(String field, String value) throws InvalidEventException {
        required(field, value);
        String problem = Ids.problem(value);
        if (problem != null) {
            throw new InvalidEventException(INVALID_FIELD, field + ": " + problem);
        }
        return value;
    }

    private static void optionalId(String field, String value) throws InvalidEventException {
        if (value != null) {
            id(field, value);
        }
    }

    private static long amount(String field, int state, long value) throws InvalidEventException {
        switch (state) {
            case OK:
                return value;
            case ABSENT:
                throw new InvalidEventException(MISSING_FIELD, field);
            case WRONG:
                throw new InvalidEventException(INVALID_FIELD, field + ": expected an integer");
            default:
                throw new InvalidEventException(
                        INVALID_FIELD, field + ": must be in 1.." + MAX_AMOUNT_FEN);
        }
    }

    private static void currency(String currency) throws InvalidEventException {
        if (currency == WRONG_TYPE) {
            throw new InvalidEventException(INVALID_FIELD, "currency: expected a string");
        }
        if (!"CNY".equals(currency)) {
            throw new InvalidEventException(UNSUPPORTED_CURRENCY, quote(currency));
        }
    }

    private static String quote(String s) {
        if (s.length() <= 64) {
            return "\"" + s + "\"";
        }
        int cut = Character.isHighSurrogate(s.charAt(63)) ? 63 : 64; // never half a pair
        return "\"" + s.substring(0, cut) + "...\"";
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
