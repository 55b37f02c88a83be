package com.livegmv.output;

import com.livegmv.events.Times;

/**
 * A tiny JSON object writer for output rows: fixed field order, SPEC §9 names, times as UTC
 * ISO-8601 with milliseconds. Hand-written because it runs once per output row.
 */
public final class Json {
    private final StringBuilder b;
    private boolean first = true;

    private Json(StringBuilder b) {
        this.b = b;
        b.append('{');
    }

    public static Json object(StringBuilder b) {
        return new Json(b);
    }

    private StringBuilder name(String name) {
        if (!first) {
            b.append(',');
        }
        first = false;
        return b.append('"').append(name).append("\":");
    }

    public Json str(String name, String value) {
        name(name);
        if (value == null) {
            b.append("null");
        } else {
            quote(b, value);
        }
        return this;
    }

    public Json num(String name, long value) {
        name(name).append(value);
        return this;
    }

    public Json num(String name, Long value) {
        name(name).append(value == null ? "null" : value.toString());
        return this;
    }

    public Json bool(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    public Json time(String name, long epochMillis) {
        name(name).append('"');
        Times.appendTo(b, epochMillis);
        b.append('"');
        return this;
    }

    public void end() {
        b.append('}');
    }

    public static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape =
                    switch (c) {
                        case '"' -> "\\\"";
                        case '\\' -> "\\\\";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        case '\t' -> "\\t";
                        default -> null;
                    };
            if (escape != null) {
                b.append(escape);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
