package com.livegmv.tools.generate;

import java.time.LocalDate;

/**
 * Writes event lines in the SPEC section 2 format by hand into one reused StringBuilder: a
 * general-purpose JSON library would cost several times more per line. All ids and enum values are
 * plain ASCII without quotes or backslashes, so no escaping is needed. Times are written in China
 * time with milliseconds, e.g. {@code 2024-12-05T20:15:03.120+08:00}.
 */
final class EventLines {
    /** {@link #order} session argument: {@code "session_id":null}. */
    static final long NULL_SESSION = 0;

    /** {@link #order} session argument: no session_id field at all. */
    static final long ABSENT_SESSION = -1;

    /** {@link #preview} argument: no scheduled_start field. */
    static final long NO_TIME = Long.MIN_VALUE;

    private final StringBuilder sb = new StringBuilder(320);
    private final int streamerDigits;
    private long cachedMinute = Long.MIN_VALUE;
    private String cachedMinutePrefix = "";

    EventLines(int streamers) {
        streamerDigits = Math.max(6, Integer.toString(Math.max(0, streamers - 1)).length());
    }

    String streamerId(int streamer) {
        sb.setLength(0);
        sb.append('s');
        appendPadded(streamer, streamerDigits);
        return sb.toString();
    }

    String session(long t, long session, int streamer, String category, boolean withGoods) {
        begin("LIVE_SESSION_STARTED", t);
        sb.append(",\"session_id\":\"l").append(session).append('"');
        appendStreamer(streamer);
        sb.append(",\"category\":\"").append(category).append("\",\"with_goods\":");
        sb.append(withGoods).append('}');
        return sb.toString();
    }

    String order(
            long t,
            long order,
            int streamer,
            long session,
            long merchant,
            long amountFen,
            String[] riskFlags) {
        begin("ORDER_PAID", t);
        sb.append(",\"order_id\":\"o").append(order).append('"');
        appendStreamer(streamer);
        if (session > 0) {
            sb.append(",\"session_id\":\"l").append(session).append('"');
        } else if (session == NULL_SESSION) {
            sb.append(",\"session_id\":null");
        }
        if (merchant >= 0) {
            sb.append(",\"merchant_id\":\"m").append(merchant).append('"');
        }
        sb.append(",\"amount_fen\":").append(amountFen).append(",\"currency\":\"CNY\"");
        if (riskFlags != null) {
            sb.append(",\"risk_flags\":[");
            for (int i = 0; i < riskFlags.length; i++) {
                sb.append(i == 0 ? "\"" : ",\"").append(riskFlags[i]).append('"');
            }
            sb.append(']');
        }
        sb.append('}');
        return sb.toString();
    }

    /** {@code orderPrefix} is 'o' for orders of this data set, another letter for older ones. */
    String refund(
            long t,
            long refund,
            char orderPrefix,
            long order,
            int streamer,
            long amountFen,
            boolean withCurrency) {
        begin("ORDER_REFUNDED", t);
        sb.append(",\"refund_id\":\"r").append(refund).append('"');
        sb.append(",\"order_id\":\"").append(orderPrefix).append(order).append('"');
        appendStreamer(streamer);
        sb.append(",\"amount_fen\":").append(amountFen);
        if (withCurrency) {
            sb.append(",\"currency\":\"CNY\"");
        }
        sb.append('}');
        return sb.toString();
    }

    String registration(long t, int streamer, String campaign, String role) {
        begin("REGISTRATION", t);
        appendStreamer(streamer);
        sb.append(",\"campaign_id\":\"").append(campaign).append('"');
        if (role != null) {
            sb.append(",\"role\":\"").append(role).append('"');
        }
        sb.append('}');
        return sb.toString();
    }

    String preview(long t, long preview, int streamer, long scheduledStart) {
        begin("PREVIEW_PUBLISHED", t);
        sb.append(",\"preview_id\":\"p").append(preview).append('"');
        appendStreamer(streamer);
        if (scheduledStart != NO_TIME) {
            sb.append(",\"scheduled_start\":\"");
            appendTime(scheduledStart);
            sb.append('"');
        }
        sb.append('}');
        return sb.toString();
    }

    private void begin(String type, long t) {
        sb.setLength(0);
        sb.append("{\"type\":\"").append(type).append("\",\"event_time\":\"");
        appendTime(t);
        sb.append('"');
    }

    private void appendStreamer(int streamer) {
        sb.append(",\"streamer_id\":\"s");
        appendPadded(streamer, streamerDigits);
        sb.append('"');
    }

    /** ISO-8601 with milliseconds and the fixed China offset (no daylight saving there). */
    private void appendTime(long epochMs) {
        long local = epochMs + Tuning.CHINA_OFFSET_MS;
        long minute = Math.floorDiv(local, Tuning.MINUTE_MS);
        if (minute != cachedMinute) {
            // Consecutive lines mostly share their minute: format "yyyy-MM-ddTHH:mm:" once.
            cachedMinute = minute;
            long day = Math.floorDiv(minute, 24 * 60);
            int minuteOfDay = (int) (minute - day * 24 * 60);
            int mark = sb.length();
            sb.append(LocalDate.ofEpochDay(day)).append('T');
            appendPadded(minuteOfDay / 60, 2);
            sb.append(':');
            appendPadded(minuteOfDay % 60, 2);
            sb.append(':');
            cachedMinutePrefix = sb.substring(mark);
            sb.setLength(mark);
        }
        int ms = (int) (local - minute * Tuning.MINUTE_MS);
        sb.append(cachedMinutePrefix);
        appendPadded(ms / 1_000, 2);
        sb.append('.');
        appendPadded(ms % 1_000, 3);
        sb.append("+08:00");
    }

    private void appendPadded(int value, int width) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        sb.append(value);
    }
}
