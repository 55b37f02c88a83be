package com.livegmv.tools.fuzz;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import com.livegmv.events.Times;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Builds hostile records for the replay job's fuzz test: each a mutation of a valid event of a fuzz
 * streamer ({@code fz*}) or raw bytes, labelled with the reject reason it must get (SPEC §2) or
 * none when it stays a valid event. The same seed and plan give the same records, byte for byte.
 */
public final class RecordFuzzer {
    static final int MB = 1 << 20;
    static final String BAD = "@@BAD@@";

    /** A flat JSON object kept as (key literal, raw value) pairs, duplicates allowed. */
    static final class Obj {
        final List<String[]> fields = new ArrayList<>();

        Obj put(String key, String raw) {
            for (String[] f : fields) {
                if (f[0].equals(key)) {
                    f[2] = raw;
                    return this;
                }
            }
            return add(key, raw);
        }

        Obj add(String key, String raw) {
            fields.add(new String[] {key, js(key), raw});
            return this;
        }

        Obj addLiteral(String keyLiteral, String raw) {
            fields.add(new String[] {keyLiteral, keyLiteral, raw});
            return this;
        }

        Obj remove(String key) {
            fields.removeIf(f -> f[0].equals(key));
            return this;
        }

        String get(String key) {
            for (String[] f : fields) {
                if (f[0].equals(key)) {
                    return f[2];
                }
            }
            return null;
        }

        Obj copy() {
            Obj o = new Obj();
            fields.forEach(f -> o.fields.add(f.clone()));
            return o;
        }

        String json() {
            return json("", ":", ",");
        }

        String json(String pad, String colon, String comma) {
            StringBuilder b = new StringBuilder("{").append(pad);
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    b.append(comma);
                }
                b.append(fields.get(i)[1]).append(colon).append(fields.get(i)[2]);
            }
            return b.append(pad).append('}').toString();
        }
    }

    /** How the parser treats a field of an event type (SPEC §2, README). */
    enum F {
        STR_REQ, // type, event_time, category
        ID_REQ,
        ID_OPT, // session_id, merchant_id of an order: an id when present and not null
        STR_OPT, // role (MERCHANT, CREATOR), scheduled_start (RFC 3339): checked when not null
        CUR_REQ,
        CUR_OPT,
        BOOL_REQ,
        AMOUNT_REQ,
        FLAGS_OPT;

        boolean required() {
            return name().endsWith("_REQ");
        }
    }

    static final String[] TYPES = {
        "LIVE_SESSION_STARTED", "REGISTRATION", "PREVIEW_PUBLISHED", "ORDER_PAID", "ORDER_REFUNDED"
    };

    static final List<String> KNOWN_FIELDS =
            List.of(
                    "type",
                    "event_time",
                    "streamer_id",
                    "session_id",
                    "category",
                    "campaign_id",
                    "preview_id",
                    "order_id",
                    "refund_id",
                    "currency",
                    "merchant_id",
                    "role",
                    "scheduled_start",
                    "with_goods",
                    "amount_fen",
                    "risk_flags");

    static final Map<String, Map<String, F>> SPECS = new HashMap<>();

    static {
        Function<Object[], Map<String, F>> spec =
                a -> {
                    Map<String, F> m = new LinkedHashMap<>();
                    m.put("type", F.STR_REQ);
                    m.put("event_time", F.STR_REQ);
                    m.put("streamer_id", F.ID_REQ);
                    for (int i = 0; i < a.length; i += 2) {
                        m.put((String) a[i], (F) a[i + 1]);
                    }
                    return m;
                };
        SPECS.put(
                "LIVE_SESSION_STARTED",
                spec.apply(
                        new Object[] {
                            "session_id", F.ID_REQ, "category", F.STR_REQ, "with_goods", F.BOOL_REQ
                        }));
        SPECS.put(
                "REGISTRATION",
                spec.apply(new Object[] {"campaign_id", F.ID_REQ, "role", F.STR_OPT}));
        SPECS.put(
                "PREVIEW_PUBLISHED",
                spec.apply(new Object[] {"preview_id", F.ID_REQ, "scheduled_start", F.STR_OPT}));
        SPECS.put(
                "ORDER_PAID",
                spec.apply(
                        new Object[] {
                            "order_id", F.ID_REQ,
                            "session_id", F.ID_OPT,
                            "merchant_id", F.ID_OPT,
                            "amount_fen", F.AMOUNT_REQ,
                            "currency", F.CUR_REQ,
                            "risk_flags", F.FLAGS_OPT
                        }));
        SPECS.put(
                "ORDER_REFUNDED",
                spec.apply(
                        new Object[] {
                            "refund_id", F.ID_REQ,
                            "order_id", F.ID_REQ,
                            "amount_fen", F.AMOUNT_REQ,
                            "currency", F.CUR_OPT
                        }));
    }

    /** A base event: a valid record of a fuzz streamer, and its type. */
    record Base(Obj obj, String type) {
        Map<String, F> spec() {
            return SPECS.get(type);
        }

        /** The fields of the spec that {@code which} picks, in the spec's order. */
        List<String> fields(BiPredicate<String, F> which) {
            List<String> picked = new ArrayList<>();
            spec().forEach(
                            (k, f) -> {
                                if (which.test(k, f)) {
                                    picked.add(k);
                                }
                            });
            return picked;
        }
    }

    private final SplittableRandom rnd;
    private final CampaignPlan plan;
    private long ids;

    /** A fuzzer whose records depend on {@code seed} and the plan alone. */
    public RecordFuzzer(long seed, CampaignPlan plan) {
        this.rnd = new SplittableRandom(seed);
        this.plan = plan;
    }

    /**
     * The festival with {@code count} fuzz records at random positions, each timed at or up to 1 s
     * behind the newest festival event before it (or invalid, as far-future times are).
     */
    public List<FuzzLine> mix(List<String> festival, int count) {
        long[] times = new long[festival.size()];
        for (int i = 0; i < times.length; i++) {
            String l = festival.get(i);
            int at = l.indexOf("\"event_time\":\"") + 14;
            times[i] = Times.parseInstant(l.substring(at, l.indexOf('"', at)));
        }
        int[] slots = new int[count]; // insert before festival line slots[i]
        for (int i = 0; i < slots.length; i++) {
            slots[i] = rnd.nextInt(festival.size() + 1);
        }
        Arrays.sort(slots);
        List<FuzzRecord> bigOnes = hugeLines(times[0]);
        int[] bigAt = new int[bigOnes.size()];
        for (int i = 0; i < bigAt.length; i++) {
            bigAt[i] = rnd.nextInt(slots.length);
        }
        List<FuzzLine> lines = new ArrayList<>(festival.size() + count);
        long max = times[0];
        int s = 0;
        for (int i = 0; i <= festival.size(); i++) {
            while (s < slots.length && slots[s] == i) {
                long t = max - rnd.nextInt(1_001);
                for (int k = 0; k < bigAt.length; k++) {
                    if (bigAt[k] == s) {
                        lines.add(line(bigOnes.get(k)));
                    }
                }
                lines.add(line(next(t)));
                s++;
            }
            if (i < festival.size()) {
                max = Math.max(max, times[i]);
                lines.add(
                        new FuzzLine(
                                festival.get(i).getBytes(StandardCharsets.UTF_8), false, null));
            }
        }
        return lines;
    }

    private FuzzLine line(FuzzRecord f) {
        return new FuzzLine(f.bytes(), rnd.nextInt(50) == 0, f);
    }

    /** A record of any kind but {@link FuzzKind#HUGE_LINE}, timed {@code t} when it has a time. */
    public FuzzRecord next(long t) {
        FuzzKind[] kinds = FuzzKind.values();
        FuzzKind k;
        do {
            k = kinds[rnd.nextInt(kinds.length)];
        } while (k == FuzzKind.HUGE_LINE);
        return next(k, t);
    }

    /** A record of kind {@code k} (not {@link FuzzKind#HUGE_LINE}: see {@link #hugeLines}). */
    public FuzzRecord next(FuzzKind k, long t) {
        return switch (k) {
            case TRUNCATED -> truncated(t);
            case WRONG_TYPE -> wrongType(t);
            case HUGE_NUMBER -> hugeNumber(t);
            case INVALID_UTF8 -> invalidUtf8(t);
            case FOREIGN_ENCODING -> foreignEncoding(t);
            case DEEP_NESTING -> deepNesting(t);
            case NUL_BYTES -> nul(t);
            case RANDOM_BYTES -> randomBytes(1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 4_000 : 200));
            case DUPLICATE_KEYS -> duplicateKeys(t);
            case TRAILING_GARBAGE -> trailingGarbage(t);
            case EMPTY_OBJECT -> emptyObject(t);
            case NOT_AN_OBJECT -> notAnObject(t);
            case WRONG_VALUE -> wrongValue(t);
            case MISSING_FIELD -> missingField(t);
            case UNPAIRED_SURROGATE -> unpairedSurrogate(t);
            case STILL_VALID -> stillValid(t);
            case HUGE_LINE -> throw new IllegalArgumentException("huge lines come from hugeLines");
        };
    }

    // -- base events --

    String streamer() {
        return "fz" + rnd.nextInt(3_000);
    }

    String id(String prefix) {
        return prefix + (++ids);
    }

    Base base(long t) {
        String type = TYPES[rnd.nextInt(TYPES.length)];
        Obj o = new Obj().add("type", js(type)).add("event_time", js(Times.format(t)));
        String streamer = streamer();
        switch (type) {
            case "LIVE_SESSION_STARTED" -> {
                o.add("session_id", js(id("fl")));
                o.add("streamer_id", js(streamer));
                o.add("category", js(rnd.nextInt(4) == 0 ? "GAMING" : "SHOPPING"));
                o.add("with_goods", rnd.nextInt(5) == 0 ? "false" : "true");
            }
            case "REGISTRATION" -> {
                o.add("streamer_id", js(streamer));
                int c = rnd.nextInt(plan.size() + 1);
                o.add("campaign_id", js(c < plan.size() ? plan.get(c).id() : "no-such-campaign"));
                if (rnd.nextBoolean()) {
                    o.add("role", js(rnd.nextBoolean() ? "MERCHANT" : "CREATOR"));
                }
            }
            case "PREVIEW_PUBLISHED" -> {
                o.add("preview_id", js(id("fp")));
                o.add("streamer_id", js(streamer));
                if (rnd.nextBoolean()) {
                    o.add("scheduled_start", js(Times.format(t + 3_600_000)));
                }
            }
            case "ORDER_PAID" -> {
                o.add("order_id", js(id("fo")));
                o.add("streamer_id", js(streamer));
                int sess = rnd.nextInt(3);
                if (sess == 0) {
                    o.add("session_id", js(id("fl")));
                } else if (sess == 1) {
                    o.add("session_id", "null");
                }
                if (rnd.nextBoolean()) {
                    o.add("merchant_id", js(id("fm")));
                }
                o.add("amount_fen", Long.toString(1 + rnd.nextLong(10_000_000)));
                o.add("currency", js("CNY"));
                int flags = rnd.nextInt(4);
                if (flags == 0) {
                    o.add("risk_flags", "[]");
                } else if (flags == 1) {
                    o.add("risk_flags", "[\"VELOCITY\"]");
                }
            }
            default -> {
                o.add("refund_id", js(id("fr")));
                o.add("order_id", js(id("fo")));
                o.add("streamer_id", js(streamer));
                o.add("amount_fen", Long.toString(1 + rnd.nextLong(1_000_000)));
                if (rnd.nextBoolean()) {
                    o.add("currency", js("CNY"));
                }
            }
        }
        return new Base(o, type);
    }

    Base base(long t, String... types) {
        while (true) {
            Base b = base(t);
            if (Arrays.asList(types).contains(b.type)) {
                return b;
            }
        }
    }

    <T> T pick(List<T> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    @SafeVarargs
    final <T> T pick(T... a) {
        return a[rnd.nextInt(a.length)];
    }

    String pickField(Base b) {
        return pick(new ArrayList<>(b.spec().keySet()));
    }

    FuzzRecord fuzz(FuzzKind k, String variant, String text, RejectReason expected) {
        return new FuzzRecord(k, variant, text.getBytes(StandardCharsets.UTF_8), expected, false);
    }

    FuzzRecord fuzz(
            FuzzKind k, String variant, byte[] bytes, RejectReason expected, Boolean binary) {
        return new FuzzRecord(k, variant, bytes, expected, binary);
    }

    // -- mutation kinds --

    FuzzRecord truncated(long t) {
        Base b = base(t);
        boolean multi = rnd.nextInt(3) == 0;
        if (multi) {
            b.obj.add("note", js("价格 ¥19.9 😀 " + "é".repeat(rnd.nextInt(5))));
        }
        byte[] full = b.obj.json().getBytes(StandardCharsets.UTF_8);
        int cut = 1 + rnd.nextInt(full.length - 1);
        byte[] part = Arrays.copyOf(full, cut);
        return fuzz(
                FuzzKind.TRUNCATED,
                multi ? "cut-with-multibyte" : "cut",
                part,
                RejectReason.MALFORMED_JSON,
                multi ? null : false);
    }

    static final List<String> NOT_STRINGS =
            List.of(
                    "42",
                    "-1",
                    "3.14",
                    "true",
                    "false",
                    "{}",
                    "{\"a\":1}",
                    "[]",
                    "[\"fz1\"]",
                    "9223372036854775808",
                    "1e400");
    static final List<String> NOT_BOOLEANS =
            List.of("\"true\"", "1", "0", "{}", "[]", "\"\"", "[true]", "\"false\"");
    static final List<String> NOT_INTEGERS =
            List.of("\"100\"", "1.5", "true", "[100]", "{}", "\"\"", "{\"amount\":100}", "false");
    static final List<String> NOT_FLAGS =
            List.of(
                    "\"VELOCITY\"",
                    "1",
                    "{}",
                    "true",
                    "[1]",
                    "[\"a\",2]",
                    "[null]",
                    "[[\"a\"]]",
                    "[{}]",
                    "[\"a\",true]");

    FuzzRecord wrongType(long t) {
        Base b = base(t);
        // Also optional fields that the base left out.
        List<String> fields = new ArrayList<>(b.spec().keySet());
        String f = pick(fields);
        F kind = b.spec().get(f);
        String v =
                switch (kind) {
                    case BOOL_REQ -> pick(NOT_BOOLEANS);
                    case AMOUNT_REQ -> pick(NOT_INTEGERS);
                    case FLAGS_OPT -> pick(NOT_FLAGS);
                    default -> pick(NOT_STRINGS);
                };
        b.obj.put(f, v);
        return fuzz(
                FuzzKind.WRONG_TYPE,
                b.type + "." + f + "=" + v,
                b.obj.json(),
                RejectReason.INVALID_FIELD);
    }

    static final List<String> OUT_OF_RANGE_AMOUNTS =
            List.of(
                    "1000000000000000000000000000000", // 10^30
                    "-1000000000000000000000000000000",
                    "1e30",
                    "1e400",
                    "-1e400",
                    "1e-400",
                    "-0",
                    "0",
                    "-1",
                    "-0.0",
                    "0.0",
                    "9223372036854775807",
                    "9223372036854775808",
                    "-9223372036854775808",
                    "-9223372036854775809",
                    "18446744073709551616",
                    "100000000001",
                    "100000000000.5",
                    "1.0",
                    "1E2",
                    "1e+2",
                    "99999999999999999999");

    FuzzRecord hugeNumber(long t) {
        int v = rnd.nextInt(10);
        if (v < 6) {
            Base b = base(t, "ORDER_PAID", "ORDER_REFUNDED");
            String a = pick(OUT_OF_RANGE_AMOUNTS);
            b.obj.put("amount_fen", a);
            return fuzz(
                    FuzzKind.HUGE_NUMBER,
                    "amount_fen=" + a,
                    b.obj.json(),
                    RejectReason.INVALID_FIELD);
        }
        if (v == 6) {
            Base b = base(t, "ORDER_PAID", "ORDER_REFUNDED");
            b.obj.put("amount_fen", "9".repeat(1_000));
            return fuzz(
                    FuzzKind.HUGE_NUMBER,
                    "amount_fen=1000-digits",
                    b.obj.json(),
                    RejectReason.INVALID_FIELD);
        }
        if (v == 7) {
            // Above the parser's number length limit (4,096 digits): refused while parsing.
            Base b = base(t);
            boolean amount = b.spec().containsKey("amount_fen") && rnd.nextBoolean();
            b.obj.put(amount ? "amount_fen" : "x_big", "9".repeat(10_000));
            return fuzz(
                    FuzzKind.HUGE_NUMBER,
                    (amount ? "amount_fen" : "unknown") + "=10000-digits",
                    b.obj.json(),
                    RejectReason.MALFORMED_JSON);
        }
        if (v == 8) {
            Base b = base(t, "ORDER_PAID", "ORDER_REFUNDED");
            String a =
                    pick(
                            "NaN",
                            "Infinity",
                            "-Infinity",
                            "+1",
                            "01",
                            "0x10",
                            "1.",
                            ".5",
                            "1e",
                            "--1");
            b.obj.put("amount_fen", a);
            return fuzz(
                    FuzzKind.HUGE_NUMBER,
                    "amount_fen=" + a + "(not JSON)",
                    b.obj.json(),
                    RejectReason.MALFORMED_JSON);
        }
        // A huge number where a string belongs.
        Base b = base(t);
        String f = pick("streamer_id", "event_time", "type");
        b.obj.put(f, pick("9223372036854775808", "1e400", "1000000000000000000000000000000", "-0"));
        return fuzz(
                FuzzKind.HUGE_NUMBER, f + "=huge number", b.obj.json(), RejectReason.INVALID_FIELD);
    }

    static final List<byte[]> BAD_UTF8 =
            List.of(
                    bytes(0xFF),
                    bytes(0xFE),
                    bytes(0xC0, 0xAF),
                    bytes(0xC1, 0xBF),
                    bytes(0xE0, 0x80, 0xAF),
                    bytes(0xED, 0xA0, 0x80),
                    bytes(0xED, 0xBF, 0xBF),
                    bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80),
                    bytes(0xF0, 0x80, 0x80, 0xAF),
                    bytes(0xF4, 0x90, 0x80, 0x80),
                    bytes(0xF5, 0x80, 0x80, 0x80),
                    bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
                    bytes(0x80),
                    bytes(0xBF),
                    bytes(0xC2),
                    bytes(0xE2, 0x82),
                    bytes(0xF0, 0x9F, 0x98),
                    bytes(0xE4, 0xBD));

    FuzzRecord invalidUtf8(long t) {
        byte[] bad = pick(BAD_UTF8);
        String where = placeholder(t);
        return fuzz(
                FuzzKind.INVALID_UTF8,
                hex(bad) + " " + where.substring(0, where.indexOf('|')),
                splice(where.substring(where.indexOf('|') + 1), bad),
                RejectReason.MALFORMED_JSON,
                true);
    }

    /** "where|json" with BAD marking a spot inside a string value or between tokens. */
    String placeholder(long t) {
        Base b = base(t);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                String f = pick("streamer_id", "type", "event_time");
                String v = b.obj.get(f);
                int at = 1 + rnd.nextInt(v.length() - 1);
                b.obj.put(f, v.substring(0, at) + BAD + v.substring(at));
                return "in " + f + "|" + b.obj.json();
            }
            case 1 -> {
                b.obj.add("note", js("ok " + BAD + " ok"));
                return "in unknown string|" + b.obj.json();
            }
            case 2 -> {
                b.obj.add(BAD + "key", "1");
                return "in a key|" + b.obj.json();
            }
            case 3 -> {
                String j = b.obj.json();
                int comma = j.indexOf(',', rnd.nextInt(j.length() - 2));
                if (comma < 0) {
                    comma = j.indexOf(',');
                }
                return "between tokens|" + j.substring(0, comma + 1) + BAD + j.substring(comma + 1);
            }
            default -> {
                String j = b.obj.json();
                return rnd.nextBoolean()
                        ? "before the object|" + BAD + j
                        : "after the object|" + j + BAD;
            }
        }
    }

    FuzzRecord foreignEncoding(long t) {
        Base b = base(t);
        String[] cs = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"};
        String c = pick(cs);
        boolean bom = rnd.nextInt(4) == 0;
        byte[] enc = ((bom ? "\uFEFF" : "") + b.obj.json()).getBytes(Charset.forName(c));
        return fuzz(
                FuzzKind.FOREIGN_ENCODING,
                c + (bom ? "+BOM" : ""),
                enc,
                RejectReason.MALFORMED_JSON,
                true);
    }

    int bigNests = 0;

    FuzzRecord deepNesting(long t) {
        Base b = base(t);
        int depth;
        if (bigNests < 20 && rnd.nextInt(300) == 0) {
            bigNests++;
            depth = 100_000;
        } else {
            depth = 65 + rnd.nextInt(rnd.nextBoolean() ? 100 : 3_000);
        }
        boolean closed = rnd.nextBoolean();
        boolean objects = rnd.nextInt(3) == 0;
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String v = open.repeat(depth) + (closed ? "1" + close.repeat(depth) : "");
        b.obj.add("x_nested", v);
        String json = b.obj.json();
        if (!closed) {
            json = json.substring(0, json.length() - 1); // nothing can close it
        }
        return fuzz(
                FuzzKind.DEEP_NESTING,
                (objects ? "objects" : "arrays")
                        + " depth "
                        + depth
                        + (closed ? " closed" : " unclosed"),
                json,
                RejectReason.MALFORMED_JSON);
    }

    FuzzRecord nul(long t) {
        String where = placeholder(t);
        byte[] nul = rnd.nextBoolean() ? bytes(0) : bytes(0, 0, 0);
        return fuzz(
                FuzzKind.NUL_BYTES,
                "NUL " + where.substring(0, where.indexOf('|')),
                splice(where.substring(where.indexOf('|') + 1), nul),
                RejectReason.MALFORMED_JSON,
                true);
    }

    FuzzRecord randomBytes(int n) {
        boolean ascii = rnd.nextInt(3) == 0;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int x = ascii ? 0x20 + rnd.nextInt(0x5F) : rnd.nextInt(256);
            if (x == '\n') {
                x = ' ';
            }
            if (x == '{') {
                x = '|'; // never an object, in any encoding
            }
            b[i] = (byte) x;
        }
        if (b[n - 1] == '\r') {
            b[n - 1] = 'x';
        }
        if (RecordDecoder.isBlank(b, n)) {
            b[0] = 'x';
        }
        return fuzz(
                FuzzKind.RANDOM_BYTES,
                (ascii ? "ascii " : "bytes ") + n,
                b,
                RejectReason.MALFORMED_JSON,
                ascii ? false : null);
    }

    FuzzRecord duplicateKeys(long t) {
        Base b = base(t);
        String variant =
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        String f = pickField(b);
                        if (b.obj.get(f) == null) {
                            f = "type";
                        }
                        b.obj.add(f, b.obj.get(f));
                        yield "same value " + f;
                    }
                    case 1 -> {
                        b.obj.add("streamer_id", js(streamer()));
                        yield "other streamer_id";
                    }
                    case 2 -> {
                        b.obj.add("x", "1").add("x", "2");
                        yield "unknown field twice";
                    }
                    case 3 -> {
                        b.obj.add("x", "{\"a\":1,\"b\":[{\"c\":1,\"c\":2}]}");
                        yield "nested in unknown";
                    }
                    default -> {
                        b.obj.addLiteral("\"\\u0074ype\"", b.obj.get("type"));
                        yield "escaped name \\u0074ype";
                    }
                };
        return fuzz(FuzzKind.DUPLICATE_KEYS, variant, b.obj.json(), RejectReason.MALFORMED_JSON);
    }

    FuzzRecord trailingGarbage(long t) {
        Base b = base(t);
        String g =
                pick(
                        "x",
                        "}",
                        "]",
                        ",",
                        "{}",
                        "[]",
                        " 1",
                        "null",
                        "\"\"",
                        "//",
                        "/* c */",
                        "#c",
                        ";",
                        " {\"type\":\"ORDER_PAID\"}",
                        "\\",
                        "\u0001",
                        " \u00A0",
                        "garbage",
                        "\t,");
        return fuzz(
                FuzzKind.TRAILING_GARBAGE,
                "+" + g.strip(),
                b.obj.json() + g,
                RejectReason.MALFORMED_JSON);
    }

    FuzzRecord emptyObject(long t) {
        String j =
                pick(
                        "{}",
                        "{ }",
                        "{\t}",
                        "{\"x\":1}",
                        "{\"type\":null}",
                        "{\"event_time\":" + js(Times.format(t)) + "}",
                        "{\"streamer_id\":\"fz1\"}",
                        "{\"\":\"\"}");
        return fuzz(FuzzKind.EMPTY_OBJECT, j, j, RejectReason.MISSING_FIELD);
    }

    FuzzRecord notAnObject(long t) {
        String valid = base(t).obj.json();
        String j =
                pick(
                        "[]",
                        "[" + valid + "]",
                        js(valid),
                        "42",
                        "-1.5e3",
                        "true",
                        "false",
                        "null",
                        "\"ORDER_PAID\"",
                        "[" + valid + "," + valid + "]",
                        "[1,2",
                        "\"unterminated",
                        "[{}]");
        return fuzz(
                FuzzKind.NOT_AN_OBJECT,
                j.length() > 20 ? j.substring(0, 20) + "..." : j,
                j,
                RejectReason.MALFORMED_JSON);
    }

    static final List<String> BAD_TIMES =
            List.of(
                    "2024-13-01T00:00:00Z",
                    "2024-02-30T00:00:00Z",
                    "2024-12-05T20:15:03",
                    "2024-12-05 20:15:03Z",
                    "yesterday",
                    "",
                    "2024-12-05T24:00:00Z",
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "2024-12-05T20:15:03.120+19:00",
                    "1733400903120",
                    "2024-12-05T20:15:60Z",
                    "2024-12-05",
                    "2024-12-05T20:15:03.120+0800",
                    "２０２４-12-05T20:15:03Z",
                    // RFC 3339 only (SPEC §2): what java.time or ISO 8601 would also take
                    "2024-12-05T20:15:03+08:00:00",
                    "2024-12-05T20:15+08:00",
                    "2024-12-05T20:15:03.+08:00",
                    "20241205T201503Z",
                    "2024-W49-4T20:15:03Z",
                    "2024-340T20:15:03Z",
                    "2024-12-05T20:15:03,120Z",
                    "+10000-01-01T00:00:00Z",
                    "+292278994-08-17T07:12:55.807Z",
                    // valid instants more than max_future_skew (1 h) ahead of the clock
                    "2204-12-05T20:15:03.120+08:00",
                    "9999-12-31T23:59:59.999Z");

    FuzzRecord wrongValue(long t) {
        switch (rnd.nextInt(6)) {
            case 0 -> {
                Base b = base(t, "ORDER_PAID", "ORDER_REFUNDED");
                String c = pick("USD", "cny", "CNY ", "", "RMB", "¥", "ＣＮＹ", "CNY\u0000", "EUR");
                b.obj.put("currency", js(c));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        b.type + " currency " + c,
                        b.obj.json(),
                        RejectReason.UNSUPPORTED_CURRENCY);
            }
            case 1 -> {
                Base b = base(t);
                String f = pick(b.fields((k, v) -> v == F.ID_REQ || v == F.ID_OPT));
                String v =
                        pick(
                                "",
                                "fz" + "z".repeat(127),
                                "fz" + "😀".repeat(127),
                                "fz" + "9".repeat(10_000),
                                "fz" + "中".repeat(127));
                b.obj.put(f, js(v));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        f + " of " + v.codePointCount(0, v.length()) + " chars",
                        b.obj.json(),
                        RejectReason.INVALID_FIELD);
            }
            case 2 -> {
                Base b = base(t);
                String ty =
                        pick(
                                "order_paid",
                                "ORDER_SHIPPED",
                                "",
                                " ORDER_PAID",
                                "ORDER_PAID\u0000",
                                "ORDER_PAİD",
                                "LIVE_SESSION_ENDED",
                                "Order_Paid",
                                "ORDER_PAID ");
                b.obj.put("type", js(ty));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        "type " + ty.strip(),
                        b.obj.json(),
                        RejectReason.UNKNOWN_TYPE);
            }
            case 4 -> {
                Base b = base(t, "REGISTRATION", "PREVIEW_PUBLISHED");
                String f = b.type.equals("REGISTRATION") ? "role" : "scheduled_start";
                String x =
                        f.equals("role")
                                ? pick("merchant", "ADMIN", "", " CREATOR", "MERCHANT\u0000")
                                : pick("", "anything", "2024-12-05 20:00:00+08:00", "2024-12-05");
                b.obj.put(f, js(x));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        b.type + " " + f + " " + x,
                        b.obj.json(),
                        RejectReason.INVALID_FIELD);
            }
            case 3 -> {
                Base b = base(t);
                // quote() of the detail keeps 64 characters: here the 64th is half an emoji.
                b.obj.put("type", js("A".repeat(63) + "😀😀"));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        "type-emoji-at-64",
                        b.obj.json(),
                        RejectReason.UNKNOWN_TYPE);
            }
            default -> {
                Base b = base(t);
                String ti = pick(BAD_TIMES);
                b.obj.put("event_time", js(ti));
                return fuzz(
                        FuzzKind.WRONG_VALUE,
                        "event_time " + ti,
                        b.obj.json(),
                        RejectReason.INVALID_FIELD);
            }
        }
    }

    FuzzRecord missingField(long t) {
        Base b = base(t);
        String f = pick(b.fields((k, v) -> v.required()));
        boolean asNull = rnd.nextBoolean();
        if (asNull) {
            b.obj.put(f, "null");
        } else {
            b.obj.remove(f);
        }
        return fuzz(
                FuzzKind.MISSING_FIELD,
                b.type + " " + f + (asNull ? "=null" : " removed"),
                b.obj.json(),
                RejectReason.MISSING_FIELD);
    }

    FuzzRecord unpairedSurrogate(long t) {
        Base b = base(t);
        // The ids the record holds: every required one, and the optional ones given as text.
        BiPredicate<String, F> held =
                (k, v) ->
                        v == F.ID_REQ
                                || (v == F.ID_OPT
                                        && b.obj.get(k) != null
                                        && !b.obj.get(k).equals("null"));
        String f = pick(b.fields(held));
        String v = b.obj.get(f);
        String esc = pick("\\ud800", "\\udc00", "\\ud83d", "\\ude00\\ud83d", "\\udfff");
        boolean atEnd = rnd.nextBoolean();
        // Ids start with two letters (fz, fo, fl...; 12 of 1212-2024): the streamer stays fz.
        v =
                atEnd
                        ? v.substring(0, v.length() - 1) + esc + "\""
                        : v.substring(0, 3) + esc + v.substring(3);
        b.obj.put(f, v);
        return fuzz(
                FuzzKind.UNPAIRED_SURROGATE,
                f + " " + esc + (atEnd ? " at end" : " inside"),
                b.obj.json(),
                RejectReason.INVALID_FIELD);
    }

    FuzzRecord stillValid(long t) {
        Base b = base(t);
        int v = rnd.nextInt(14);
        String variant;
        String text;
        switch (v) {
            case 0 -> {
                String x =
                        pick(
                                "\"hello\"",
                                "42",
                                "1e400",
                                "-0",
                                "null",
                                "true",
                                "[]",
                                "{}",
                                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                                "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}",
                                js("价格 😀 \u0000 \\ \""),
                                "9".repeat(4_000),
                                js("y".repeat(10_000)),
                                "\"\\u0000\\ud83d\\ude00\"");
                b.obj.add(pick("x_extra", "comment", "trace_id", "TYPE", "Type"), x);
                variant = "unknown field";
                text = b.obj.json();
            }
            case 1 -> {
                // Known fields this type does not use: ignored whatever their value.
                List<String> foreign = new ArrayList<>(KNOWN_FIELDS);
                foreign.removeAll(b.spec().keySet());
                String f = pick(foreign);
                String x =
                        pick("42", "\"\"", "{}", "[1,\"a\"]", "\"USD\"", "null", "true", "1e400");
                b.obj.put(f, x);
                variant = "foreign field " + f + "=" + x;
                text = b.obj.json();
            }
            case 2 -> {
                Collections.shuffle(b.obj.fields, new java.util.Random(rnd.nextLong()));
                variant = "keys shuffled";
                text = b.obj.json();
            }
            case 3 -> {
                String ws = pick(" ", "\t", "  \t ", " \r ");
                variant = "white space";
                text =
                        pick(" ", "\t", "")
                                + b.obj.json(ws, ws + ":" + ws, ws + "," + ws)
                                + pick(" ", "\t", "");
            }
            case 4 -> {
                String s = b.obj.get("streamer_id");
                StringBuilder e = new StringBuilder("\"");
                for (char c : s.substring(1, s.length() - 1).toCharArray()) {
                    e.append(String.format("\\u%04x", (int) c));
                }
                b.obj.put("streamer_id", e.append('"').toString());
                variant = "escaped streamer_id";
                text = b.obj.json();
            }
            case 5 -> {
                Base o = base(t, "ORDER_PAID", "ORDER_REFUNDED");
                String a = pick("1", "100000000000");
                o.obj.put("amount_fen", a);
                variant = "amount_fen=" + a;
                text = o.obj.json();
            }
            case 6 -> {
                String id =
                        pick(
                                "fz" + "z".repeat(126),
                                "fz" + "😀".repeat(126),
                                "fz" + "中".repeat(126),
                                "fz\\ud83d\\ude00",
                                "fz\\/\\\\x");
                b.obj.put("streamer_id", id.contains("\\") ? "\"" + id + "\"" : js(id));
                variant = "streamer_id boundary " + id.codePointCount(0, id.length());
                text = b.obj.json();
            }
            case 7 -> {
                // One coin per optional field, in the spec's order.
                for (String k : b.fields((k, f) -> !f.required())) {
                    if (rnd.nextBoolean()) {
                        b.obj.put(k, "null");
                    }
                }
                variant = "null optionals";
                text = b.obj.json();
            }
            case 8 -> {
                long ms = Times.parseInstant(js2s(b.obj.get("event_time")));
                // ISO_OFFSET_DATE_TIME always writes the seconds (OffsetDateTime.toString
                // leaves out zero seconds, which RFC 3339 does not allow).
                java.time.format.DateTimeFormatter iso8601 =
                        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
                String iso =
                        pick(
                                java.time.Instant.ofEpochMilli(ms)
                                        .atOffset(java.time.ZoneOffset.ofHours(8))
                                        .format(iso8601),
                                java.time.Instant.ofEpochMilli(ms)
                                        .atOffset(java.time.ZoneOffset.ofHours(-5))
                                        .format(iso8601),
                                java.time.Instant.ofEpochMilli(ms)
                                        .atOffset(java.time.ZoneOffset.ofHours(18))
                                        .format(iso8601)
                                        .toLowerCase(java.util.Locale.ROOT),
                                java.time.Instant.ofEpochMilli(ms).plusNanos(999_999).toString(),
                                java.time.Instant.ofEpochMilli(ms).toString());
                b.obj.put("event_time", js(iso));
                variant = "event_time form " + iso;
                text = b.obj.json();
            }
            case 9 -> {
                variant = "UTF-8 BOM";
                text = "\uFEFF" + b.obj.json();
            }
            case 10 -> {
                String ti =
                        pick(
                                "0001-01-01T00:00:00Z",
                                "0000-01-01t00:00:00z",
                                "1970-01-01T00:00:00Z",
                                "2000-02-29T23:59:59.999+14:00");
                b.obj.put("event_time", js(ti));
                variant = "ancient event_time " + ti;
                text = b.obj.json();
            }
            case 11 -> {
                Base o = base(t, "ORDER_PAID");
                o.obj.put("risk_flags", pick("[]", "null", "[\"A\",\"B\",\"\"]"));
                o.obj.put("session_id", pick("null", js(id("fl"))));
                variant = "order optionals";
                text = o.obj.json();
            }
            case 12 -> {
                Base o = base(t, "REGISTRATION", "PREVIEW_PUBLISHED", "ORDER_PAID");
                String f =
                        o.type.equals("REGISTRATION")
                                ? "role"
                                : o.type.equals("PREVIEW_PUBLISHED")
                                        ? "scheduled_start"
                                        : "merchant_id";
                String x =
                        switch (f) {
                            case "merchant_id" -> js("m" + "😀".repeat(100));
                            case "role" -> pick("\"MERCHANT\"", "\"CREATOR\"", "null");
                            default ->
                                    pick(
                                            "\"2024-12-05t20:00:00.5z\"",
                                            "\"9999-12-31T23:59:59.999999999-18:00\"",
                                            "null");
                        };
                o.obj.put(f, x);
                variant = "optional within its values " + f + "=" + x;
                text = o.obj.json();
            }
            default -> {
                b.obj.add("x_nested", "[".repeat(60) + "]".repeat(60));
                variant = "nesting depth 61";
                text = b.obj.json();
            }
        }
        return fuzz(FuzzKind.STILL_VALID, variant, text, null);
    }

    /** The ~1 MB lines, each once. */
    public List<FuzzRecord> hugeLines(long t) {
        List<FuzzRecord> l = new ArrayList<>();
        Base b = base(t, "ORDER_PAID");
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "valid 1 MB unknown string",
                        b.obj.copy().add("blob", js("x".repeat(MB))).json(),
                        null));
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB streamer_id",
                        b.obj.copy().put("streamer_id", js("fz" + "9".repeat(MB))).json(),
                        RejectReason.INVALID_FIELD));
        for (String pad : List.of("", "a")) {
            Obj o = new Obj().add("blob", js(pad + "😀".repeat(MB / 4)));
            b.obj.fields.forEach(f -> o.fields.add(f.clone()));
            o.put("currency", js("USD"));
            String j = o.json();
            boolean high = Character.isHighSurrogate(j.charAt(RecordDecoder.MAX_RAW_CHARS - 1));
            l.add(
                    fuzz(
                            FuzzKind.HUGE_LINE,
                            high ? "emoji-cut-on-pair" : "emoji-cut-after-pair",
                            j,
                            RejectReason.UNSUPPORTED_CURRENCY));
        }
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB with FF",
                        splice(
                                b.obj.copy()
                                        .add(
                                                "blob",
                                                js("x".repeat(MB / 2) + BAD + "x".repeat(MB / 2)))
                                        .json(),
                                bytes(0xFF)),
                        RejectReason.MALFORMED_JSON,
                        true));
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB NUL at the end",
                        splice(b.obj.copy().add("blob", js("x".repeat(MB) + BAD)).json(), bytes(0)),
                        RejectReason.MALFORMED_JSON,
                        true));
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1M '[' unclosed",
                        "{\"x\":" + "[".repeat(MB),
                        RejectReason.MALFORMED_JSON));
        FuzzRecord r = randomBytes(MB);
        l.add(
                new FuzzRecord(
                        FuzzKind.HUGE_LINE,
                        "1 MB random bytes",
                        r.bytes(),
                        r.expected(),
                        r.binary()));
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB currency",
                        b.obj.copy().put("currency", js("X".repeat(MB))).json(),
                        RejectReason.UNSUPPORTED_CURRENCY));
        String big = b.obj.copy().add("blob", js("x".repeat(MB))).json();
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB truncated",
                        big.substring(0, MB / 2 + rnd.nextInt(MB / 2)),
                        RejectReason.MALFORMED_JSON));
        l.add(
                fuzz(
                        FuzzKind.HUGE_LINE,
                        "1 MB CJK without type",
                        b.obj.copy().remove("type").add("blob", js("中".repeat(MB / 3))).json(),
                        RejectReason.MISSING_FIELD));
        return l;
    }

    /** A JSON string literal. */
    static String js(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String js2s(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X", x & 0xFF));
        }
        return s.toString();
    }

    /** The UTF-8 bytes of {@code text} with the placeholder replaced by {@code insert}. */
    static byte[] splice(String text, byte[] insert) {
        int at = text.indexOf(BAD);
        ByteArrayOutputStream o = new ByteArrayOutputStream(text.length() + insert.length);
        o.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        o.writeBytes(insert);
        o.writeBytes(text.substring(at + BAD.length()).getBytes(StandardCharsets.UTF_8));
        return o.toByteArray();
    }
}
