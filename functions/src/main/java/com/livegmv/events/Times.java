package com.livegmv.events;

import java.time.format.DateTimeParseException;

/**
 * ISO-8601 at the edges, epoch millis inside. Input instants are RFC 3339 exactly (SPEC §2): {@code
 * YYYY-MM-DDTHH:MM:SS[.fraction]} then {@code Z} or {@code ±HH:MM} with an offset of at most 18
 * hours, {@code T} and {@code Z} in either case. One hand-written pass, no java.time: it is the hot
 * path of every event, and java.time's ISO parser accepts more (offsets with seconds, hour-only
 * offsets, times without seconds, years beyond four digits). Precision beyond milliseconds is
 * truncated, never rounded.
 */
public final class Times {
    private Times() {}

    /**
     * Parses an RFC 3339 instant; throws DateTimeParseException naming what is wrong. A leap second
     * (second 60) is refused: epoch millis have no place for it.
     */
    public static long parseInstant(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) | 0x20) != 't' // 'T' or 't'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            throw notRfc3339(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            throw notRfc3339(s);
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
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
                throw notRfc3339(s);
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i + 1 == n && (s.charAt(i) | 0x20) == 'z') { // 'Z' or 'z'
            offsetSeconds = 0;
        } else if (i + 6 == n
                && (s.charAt(i) == '+' || s.charAt(i) == '-')
                && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0) {
                throw notRfc3339(s);
            }
            if (om > 59) {
                throw new DateTimeParseException("no such offset", s, i);
            }
            if (oh * 60 + om > 18 * 60) {
                throw new DateTimeParseException("offset beyond ±18:00", s, i);
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            throw notRfc3339(s);
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw new DateTimeParseException("no such date", s, 0);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeParseException("no such time of day", s, 11);
        }
        long days = epochDay(year, month, day);
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    private static DateTimeParseException notRfc3339(String s) {
        return new DateTimeParseException(
                "not of the form YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±HH:MM", s, 0);
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
