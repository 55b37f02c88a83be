package com.livegmv.events;

import static com.livegmv.events.EventParser.ABSENT;
import static com.livegmv.events.EventParser.OK;
import static com.livegmv.events.EventParser.OUT_OF_RANGE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A scanner for the simple shape nearly every record has: one pure-ASCII JSON object of the known
 * fields, each at most once, with unescaped string values, {@code true}/{@code false}/{@code null},
 * a plain positive integer amount and a flat array of strings for risk_flags. It fills the same
 * {@link EventParser.Fields} as the Jackson path, so validation is shared (and the Jackson path
 * finds the fields by the same {@link #field(String)}); on anything else (escapes, unknown or
 * repeated fields, other number forms, nesting, odd whitespace, any syntax error) it returns null
 * and Jackson reads the record, accepting or rejecting it exactly as before. {@code
 * EventParserFastPathTest} checks the two paths against each other.
 */
final class FastScan {
    private FastScan() {}

    private static final byte[][] NAMES = {
        ascii("type"),
        ascii("event_time"),
        ascii("streamer_id"),
        ascii("session_id"),
        ascii("category"),
        ascii("campaign_id"),
        ascii("preview_id"),
        ascii("order_id"),
        ascii("refund_id"),
        ascii("currency"),
        ascii("merchant_id"),
        ascii("role"),
        ascii("scheduled_start"),
        ascii("with_goods"),
        ascii("amount_fen"),
        ascii("risk_flags"),
    };

    /** Indexes into {@link #NAMES}: the fields up to LAST_STRING have string values. */
    static final int LAST_STRING = 12, WITH_GOODS = 13, AMOUNT = 14, RISK = 15;

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int k = 0; k < NAMES.length; k++) {
            INDEX.put(new String(NAMES[k], StandardCharsets.US_ASCII), k);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The fields, or null when the record is not of the simple shape. */
    static EventParser.Fields scan(byte[] d, int off, int len) {
        int end = off + len;
        int i = ws(d, off, end);
        if (i >= end || d[i] != '{') {
            return null;
        }
        EventParser.Fields f = new EventParser.Fields();
        int seen = 0;
        i = ws(d, i + 1, end);
        while (true) {
            if (i >= end || d[i] != '"') {
                return null; // also the empty object: left to Jackson
            }
            int nameStart = i + 1;
            int nameEnd = plainString(d, nameStart, end);
            if (nameEnd < 0) {
                return null;
            }
            int field = field(d, nameStart, nameEnd);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return null;
            }
            seen |= 1 << field;
            i = ws(d, nameEnd + 1, end);
            if (i >= end || d[i] != ':') {
                return null;
            }
            i = ws(d, i + 1, end);
            if (i >= end) {
                return null;
            }
            if (field <= LAST_STRING) {
                String v;
                if (d[i] == '"') {
                    int vEnd = plainString(d, i + 1, end);
                    if (vEnd < 0) {
                        return null;
                    }
                    v = new String(d, i + 1, vEnd - i - 1, StandardCharsets.ISO_8859_1);
                    i = vEnd + 1;
                } else if (literal(d, i, end, NULL)) {
                    v = null;
                    i += 4;
                } else {
                    return null;
                }
                set(f, field, v);
            } else if (field == WITH_GOODS) {
                if (literal(d, i, end, TRUE)) {
                    f.withGoods = OK;
                    i += 4;
                } else if (literal(d, i, end, FALSE)) {
                    f.withGoods = OUT_OF_RANGE;
                    i += 5;
                } else if (literal(d, i, end, NULL)) {
                    f.withGoods = ABSENT;
                    i += 4;
                } else {
                    return null;
                }
            } else if (field == AMOUNT) {
                if (literal(d, i, end, NULL)) {
                    f.amountState = ABSENT;
                    i += 4;
                } else {
                    if (d[i] < '1' || d[i] > '9') {
                        return null;
                    }
                    long v = 0;
                    int j = i;
                    while (j < end && d[j] >= '0' && d[j] <= '9') {
                        if (j - i == 18) {
                            return null; // 19+ digits: Jackson decides the range
                        }
                        v = v * 10 + (d[j] - '0');
                        j++;
                    }
                    if (j < end && !delimiter(d[j])) {
                        return null; // a fraction, an exponent or garbage
                    }
                    f.amount = v;
                    f.amountState = v <= EventParser.MAX_AMOUNT_FEN ? OK : OUT_OF_RANGE;
                    i = j;
                }
            } else { // RISK
                if (literal(d, i, end, NULL)) {
                    f.riskState = ABSENT;
                    i += 4;
                } else if (d[i] == '[') {
                    f.riskState = OK;
                    i = ws(d, i + 1, end);
                    if (i < end && d[i] == ']') {
                        i++;
                    } else {
                        while (true) {
                            if (i >= end || d[i] != '"') {
                                return null;
                            }
                            int vEnd = plainString(d, i + 1, end);
                            if (vEnd < 0) {
                                return null;
                            }
                            f.risky = true;
                            i = ws(d, vEnd + 1, end);
                            if (i < end && d[i] == ',') {
                                i = ws(d, i + 1, end);
                            } else if (i < end && d[i] == ']') {
                                i++;
                                break;
                            } else {
                                return null;
                            }
                        }
                    }
                } else {
                    return null;
                }
            }
            i = ws(d, i, end);
            if (i >= end) {
                return null;
            }
            if (d[i] == ',') {
                i = ws(d, i + 1, end);
            } else if (d[i] == '}') {
                return ws(d, i + 1, end) == end ? f : null;
            } else {
                return null;
            }
        }
    }

    /** The index of a field name in {@link #NAMES}, or -1 for an unknown field. */
    static int field(String name) {
        Integer k = INDEX.get(name);
        return k == null ? -1 : k;
    }

    /** Sets the string field of index {@code field} (at most {@link #LAST_STRING}). */
    static void set(EventParser.Fields f, int field, String v) {
        switch (field) {
            case 0 -> f.type = v;
            case 1 -> f.eventTime = v;
            case 2 -> f.streamerId = v;
            case 3 -> f.sessionId = v;
            case 4 -> f.category = v;
            case 5 -> f.campaignId = v;
            case 6 -> f.previewId = v;
            case 7 -> f.orderId = v;
            case 8 -> f.refundId = v;
            case 9 -> f.currency = v;
            case 10 -> f.merchantId = v;
            case 11 -> f.role = v;
            case 12 -> f.scheduledStart = v;
            default -> throw new AssertionError(field);
        }
    }

    private static int field(byte[] d, int from, int to) {
        int n = to - from;
        for (int k = 0; k < NAMES.length; k++) {
            byte[] name = NAMES[k];
            if (name.length == n && Arrays.equals(d, from, to, name, 0, n)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The index of the closing quote of a string starting at {@code from} (after its opening quote)
     * that holds only printable ASCII without escapes; -1 otherwise.
     */
    private static int plainString(byte[] d, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = d[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static final byte[] TRUE = ascii("true"), FALSE = ascii("false"), NULL = ascii("null");

    /** The literal at {@code i}, followed by the end, whitespace or a delimiter. */
    private static boolean literal(byte[] d, int i, int end, byte[] lit) {
        int n = lit.length;
        if (i + n > end || !Arrays.equals(d, i, i + n, lit, 0, n)) {
            return false;
        }
        return i + n == end || delimiter(d[i + n]);
    }

    private static boolean delimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static int ws(byte[] d, int i, int end) {
        while (i < end) {
            byte b = d[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
