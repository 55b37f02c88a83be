package com.livegmv.tools.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the replay job must have written for each line of a fuzz file (SPEC §2): no rejected row for
 * a festival event or a still-valid record; otherwise one row naming the line ({@code file:line}),
 * with the reason the mutation implies and the raw line as {@link #expectedRaw} gives it, the size
 * in bytes in the detail when the raw is cut, and a short detail.
 */
public final class RejectedRowOracle {
    static final int MAX_DETAIL_CHARS = 1_024;

    private RejectedRowOracle() {}

    /**
     * Every difference between the rejected rows and what {@code lines} (written to a file whose
     * rows name {@code filePrefix} + the line number) should have produced.
     */
    public static Problems compare(
            List<FuzzLine> lines, List<JsonNode> rejected, String filePrefix) {
        Problems problems = new Problems();
        Map<Integer, JsonNode> bySource = new HashMap<>();
        for (JsonNode r : rejected) {
            String source = r.get("source").asText();
            if (!source.startsWith(filePrefix)) {
                problems.add("UNEXPECTED_SOURCE", "unexpected source " + source);
                continue;
            }
            int n = Integer.parseInt(source.substring(filePrefix.length()));
            if (bySource.put(n, r) != null) {
                problems.add("TWO_ROWS", "two rows for " + source);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            FuzzLine l = lines.get(i);
            JsonNode r = bySource.get(i + 1);
            RejectReason expected = l.fuzz == null ? null : l.fuzz.expected();
            String what = "line " + (i + 1) + " " + l.describe();
            if (expected == null) {
                if (r != null) {
                    problems.add(
                            kind(l) + " REJECTED_VALID",
                            what
                                    + ": expected a valid event, rejected "
                                    + summary(r)
                                    + " "
                                    + snippet(l.content));
                }
            } else if (r == null) {
                problems.add(
                        kind(l) + " ACCEPTED_INVALID",
                        what + ": expected " + expected + ", was accepted (no row)");
            } else {
                check(l, r, expected, what, problems);
            }
        }
        return problems;
    }

    private static String kind(FuzzLine l) {
        return l.fuzz == null ? "FESTIVAL" : l.fuzz.kind().name();
    }

    private static void check(
            FuzzLine l, JsonNode r, RejectReason expected, String what, Problems problems) {
        FuzzKind k = l.fuzz.kind();
        String reason = r.get("reason").asText();
        String raw = r.get("raw").asText();
        String detail = r.get("detail").asText();
        if (!reason.equals(expected.name())) {
            problems.add(
                    k + " WRONG_REASON",
                    what + ": reason " + reason + ", expected " + expected + "; " + summary(r));
        }
        byte[] b = l.content;
        if (l.fuzz.binary() != null && l.fuzz.binary() == isUtf8Text(b)) {
            problems.add(
                    k + " PREMISE",
                    what + ": not built as intended (binary=" + l.fuzz.binary() + ")");
        }
        String want = expectedRaw(b);
        if (!raw.equals(want)) {
            problems.add(
                    k + " RAW",
                    what
                            + ": raw differs (got "
                            + raw.length()
                            + " chars, expected "
                            + want.length()
                            + "; first difference at "
                            + firstDifference(raw, want)
                            + ")");
        }
        if (isCut(b) && !detail.contains(" " + b.length + " bytes")) {
            problems.add(
                    k + " NO_SIZE", what + ": truncated raw, but detail names no size: " + detail);
        }
        if (detail.isEmpty() || detail.length() > MAX_DETAIL_CHARS) {
            problems.add(
                    k + " DETAIL_LENGTH", what + ": detail of " + detail.length() + " characters");
        }
        if (l.fuzz.variant().equals("emoji-cut-on-pair")
                && raw.length() != RecordDecoder.MAX_RAW_CHARS - 1) {
            problems.add(
                    k + " SPLIT_PAIR",
                    what + ": cut inside a surrogate pair, raw of " + raw.length());
        }
        if (l.fuzz.variant().startsWith("type-emoji-at-64") && detail.indexOf('?') >= 0) {
            problems.add(
                    k + " DETAIL_SPLIT_PAIR", what + ": detail split a surrogate pair: " + detail);
        }
    }

    /**
     * The raw column of a rejected line: its UTF-8 text, or {@code base64:} + its bytes when it is
     * not UTF-8 text or holds NUL; cut at {@link RecordDecoder#MAX_RAW_CHARS} characters, never
     * inside a surrogate pair.
     */
    public static String expectedRaw(byte[] line) {
        return cut(full(line));
    }

    /** Whether the raw column holds less than the whole line (then the detail names its size). */
    public static boolean isCut(byte[] line) {
        return full(line).length() > RecordDecoder.MAX_RAW_CHARS;
    }

    private static String full(byte[] b) {
        return isUtf8Text(b)
                ? new String(b, StandardCharsets.UTF_8)
                : "base64:" + Base64.getEncoder().encodeToString(b);
    }

    private static String cut(String s) {
        int max = RecordDecoder.MAX_RAW_CHARS;
        if (s.length() <= max) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut);
    }

    /** Strict UTF-8 without NUL: what the raw column keeps as text. */
    public static boolean isUtf8Text(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        // Decoding puts U+FFFD (EF BF BD, valid) in place of each malformed sequence, so only
        // valid UTF-8 encodes back to the very same bytes.
        return Arrays.equals(
                new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), b);
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    private static String summary(JsonNode r) {
        String d = r.get("detail").asText();
        return r.get("reason").asText()
                + " ("
                + (d.length() > 160 ? d.substring(0, 160) + "..." : d)
                + ")";
    }

    private static String snippet(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 300), StandardCharsets.UTF_8);
        return "[" + s + (b.length > 300 ? "..." : "") + "]";
    }

    /** Mismatches: counted by kind and sort, the first five of each sort kept in full. */
    public static final class Problems {
        private final Map<String, Long> bySort = new TreeMap<>();
        private final List<String> first = new ArrayList<>();
        private long total;

        void add(String sort, String message) {
            total++;
            if (bySort.merge(sort, 1L, Long::sum) <= 5) {
                first.add(message);
            }
        }

        public long total() {
            return total;
        }

        /** The count of each sort, e.g. {@code TRUNCATED WRONG_REASON}. */
        public Map<String, Long> bySort() {
            return bySort;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            bySort.forEach((k, v) -> b.append(String.format("  %-40s %7d%n", k, v)));
            first.forEach(m -> b.append("  ").append(m).append('\n'));
            return b.toString();
        }
    }
}
