package com.livegmv.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 at the edges, epoch millis inside. Parsing has a fast path for the common shape {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} and falls back to java.time for anything else, so both
 * accept exactly what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts for that shape.
 * Precision beyond milliseconds is truncated (SPEC §2).
 */
public final class Times {
    private Times() {}

    /** Parses an ISO-8601 instant with an offset or Z; throws DateTimeParseException. */
    public static long parseInstant(String s) {
        long fast = parseFast(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        // Truncation toward the past, as SPEC §2 says: nanos are never negative, so dividing
        // them alone floors the whole instant, also before 1970. Exact arithmetic: an instant
        // beyond the range of epoch millis is refused, never wrapped into another one.
        try {
            return Math.addExact(
                    Math.multiplyExact(t.toEpochSecond(), 1000L), t.getNano() / 1_000_000);
        } catch (ArithmeticException e) {
            throw new DateTimeParseException("instant out of range", s, 0);
        }
    }

    /** Returns Long.MIN_VALUE when the string is not of the fast shape. */
    static long parseFast(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
            return Long.MIN_VALUE;
        }
        if (minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > daysInMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0) {
                return Long.MIN_VALUE;
            }
            // Any number of digits: precision beyond milliseconds is truncated (SPEC §2).
            for (int k = Math.min(count, 3); k < 3; k++) {
                millis *= 10;
            }
        }
        if (i >= n) {
            return Long.MIN_VALUE;
        }
        int offsetSeconds;
        char c = s.charAt(i);
        if (c == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om != 0)) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
        } else {
            return Long.MIN_VALUE;
        }
        long days = epochDay(year, month, day);
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean leap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return leap(y) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 (proleptic Gregorian), the civil-from-days inverse. */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Formats epoch millis as UTC ISO-8601 with milliseconds: 2024-12-05T12:15:03.120Z. */
    public static String format(long epochMillis) {
        StringBuilder b = new StringBuilder(24);
        appendTo(b, epochMillis);
        return b.toString();
    }

    public static void appendTo(StringBuilder b, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // days -> civil date (inverse of epochDay)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        if (y < 0 || y > 9999) {
            b.append(java.time.Instant.ofEpochMilli(epochMillis));
            return;
        }
        pad(b, y, 4).append('-');
        pad(b, m, 2).append('-');
        pad(b, d, 2).append('T');
        pad(b, msOfDay / 3_600_000, 2).append(':');
        pad(b, msOfDay / 60_000 % 60, 2).append(':');
        pad(b, msOfDay / 1000 % 60, 2).append('.');
        pad(b, msOfDay % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder b, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** True when the string parses as an instant. */
    public static boolean isInstant(String s) {
        try {
            parseInstant(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
