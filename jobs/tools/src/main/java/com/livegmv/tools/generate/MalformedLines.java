package com.livegmv.tools.generate;

import java.util.SplittableRandom;

/**
 * Lines the consumer must reject (SPEC section 2, "Validation"), of the kinds real pipelines see:
 * garbage, truncated records, missing or mistyped fields, bad amounts, a foreign currency, event
 * types from a newer producer. Each is built from a well-formed line and then damaged, so it looks
 * like its neighbours. Ids come from the caller and are fresh, so a rejected line never shares a
 * natural key with an accepted one.
 */
final class MalformedLines {
    private static final String[] UNKNOWN_TYPES = {
        "ORDER_SHIPPED", "GIFT_SENT", "LIVE_SESSION_ENDED", "LIKE", "order_paid"
    };
    private static final String TOO_LONG_ID = "o" + "9".repeat(130);

    private final EventLines lines;
    private final SplittableRandom rng;

    MalformedLines(EventLines lines, SplittableRandom rng) {
        this.lines = lines;
        this.rng = rng;
    }

    /**
     * A rejectable line "at" time {@code t} about {@code streamer}, using the fresh id {@code id}.
     */
    String next(long t, int streamer, long id) {
        int kind = rng.nextInt(100);
        if (kind < 15) {
            return garbage(streamer, id);
        }
        String order = order(t, streamer, id);
        if (kind < 35) {
            // Cut inside the object: never a complete JSON value, whatever the cut.
            return order.substring(0, 1 + rng.nextInt(order.length() - 2));
        }
        if (kind < 53) {
            return missingField(t, streamer, id, order);
        }
        if (kind < 70) {
            return wrongType(t, streamer, id, order);
        }
        if (kind < 80) {
            String amount = rng.nextBoolean() ? "0" : "-" + (1 + rng.nextInt(500_000));
            if (rng.nextInt(4) == 0) {
                return replaceValue(refund(t, streamer, id), "amount_fen", amount);
            }
            return replaceValue(order, "amount_fen", amount);
        }
        if (kind < 90) {
            String currency = rng.nextInt(5) == 0 ? "\"usd\"" : "\"USD\"";
            return replaceValue(order, "currency", currency);
        }
        return replaceValue(
                order, "type", '"' + UNKNOWN_TYPES[rng.nextInt(UNKNOWN_TYPES.length)] + '"');
    }

    private String garbage(int streamer, long id) {
        String s = lines.streamerId(streamer);
        switch (rng.nextInt(6)) {
            case 0:
                return "not json at all";
            case 1:
                return "<html><body><h1>502 Bad Gateway</h1></body></html>";
            case 2:
                return "ORDER_PAID,o" + id + "," + s + ",15000,CNY";
            case 3:
                return "{type: ORDER_PAID, order_id: o" + id + ", streamer_id: " + s + "}";
            case 4:
                return "[\"ORDER_PAID\",\"o" + id + "\",\"" + s + "\"]";
            default:
                return "null";
        }
    }

    private String missingField(long t, int streamer, long id, String order) {
        switch (rng.nextInt(10)) {
            case 0:
                return removeField(order, "type");
            case 1:
                return removeField(order, "event_time");
            case 2:
                return removeField(order, "order_id");
            case 3:
                return removeField(order, "streamer_id");
            case 4:
                return removeField(order, "currency");
            case 5:
                return removeField(session(t, streamer, id), "with_goods");
            case 6:
                return removeField(session(t, streamer, id), "category");
            case 7:
                return removeField(refund(t, streamer, id), "order_id");
            case 8:
                return removeField(
                        lines.registration(t, streamer, "1212-2024", "CREATOR"), "campaign_id");
            default:
                return removeField(order, "amount_fen");
        }
    }

    private String wrongType(long t, int streamer, long id, String order) {
        switch (rng.nextInt(9)) {
            case 0:
                return replaceValue(
                        order, "amount_fen", "\"" + (1000 + rng.nextInt(90_000)) + "\"");
            case 1:
                return replaceValue(order, "amount_fen", (1000 + rng.nextInt(90_000)) + ".5");
            case 2:
                return replaceValue(order, "streamer_id", Integer.toString(streamer));
            case 3:
                return replaceValue(order, "order_id", rng.nextBoolean() ? "\"\"" : "null");
            case 4:
                return replaceValue(order, "order_id", '"' + TOO_LONG_ID + '"');
            case 5:
                return replaceValue(order, "event_time", Long.toString(t));
            case 6:
                return replaceValue(order, "event_time", "\"yesterday evening\"");
            case 7:
                return replaceValue(session(t, streamer, id), "with_goods", "\"true\"");
            default:
                return replaceValue(
                        lines.registration(t, streamer, "1212-2024", "MERCHANT"),
                        "campaign_id",
                        "1212");
        }
    }

    private String order(long t, int streamer, long id) {
        return lines.order(
                t, id, streamer, EventLines.ABSENT_SESSION, -1, 1_000 + rng.nextInt(90_000), null);
    }

    private String session(long t, int streamer, long id) {
        return lines.session(t, id, streamer, "SHOPPING", true);
    }

    private String refund(long t, int streamer, long id) {
        return lines.refund(t, id, 'o', id, streamer, 1_000 + rng.nextInt(50_000), true);
    }

    /** Removes {@code "key":value} and its separating comma from a flat JSON object. */
    static String removeField(String json, String key) {
        int at = json.indexOf("\"" + key + "\":");
        int end = valueEnd(json, at + key.length() + 3);
        if (json.charAt(at - 1) == ',') {
            return json.substring(0, at - 1) + json.substring(end);
        }
        return json.substring(0, at) + json.substring(end + 1); // first field: drop its comma
    }

    /** Replaces the raw JSON value of {@code key} in a flat JSON object. */
    static String replaceValue(String json, String key, String raw) {
        int start = json.indexOf("\"" + key + "\":") + key.length() + 3;
        return json.substring(0, start) + raw + json.substring(valueEnd(json, start));
    }

    /** End (exclusive) of the value starting at {@code i}: a string, an array, or a scalar. */
    private static int valueEnd(String json, int i) {
        char c = json.charAt(i);
        if (c == '"') {
            return json.indexOf('"', i + 1) + 1;
        }
        if (c == '[') {
            return json.indexOf(']', i) + 1;
        }
        int end = i;
        while (json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return end;
    }
}
