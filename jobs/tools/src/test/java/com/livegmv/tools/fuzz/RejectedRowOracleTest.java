package com.livegmv.tools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RejectedRowOracle} on hand-picked lines and rows. */
class RejectedRowOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "/in/fuzz.jsonl:";
    private static final int MAX = RecordDecoder.MAX_RAW_CHARS;

    @Test
    void shouldExpectTheTextOfAUtf8Line() {
        byte[] line = utf8("{\"type\":\"价格 😀\"");

        assertThat(RejectedRowOracle.expectedRaw(line)).isEqualTo("{\"type\":\"价格 😀\"");
        assertThat(RejectedRowOracle.isCut(line)).isFalse();
    }

    @Test
    void shouldExpectBase64OfALineWithNulOrInvalidUtf8() {
        byte[] nul = {'{', 0, '}'};
        byte[] ff = {'{', (byte) 0xFF, '}'};

        assertThat(RejectedRowOracle.expectedRaw(nul))
                .isEqualTo("base64:" + Base64.getEncoder().encodeToString(nul));
        assertThat(RejectedRowOracle.expectedRaw(ff)).isEqualTo("base64:e/99");
    }

    @Test
    void shouldCutALongLineAtTheLimitButNeverInsideASurrogatePair() {
        byte[] ascii = utf8("x".repeat(MAX + 10));
        byte[] pairOnTheLimit = utf8("x".repeat(MAX - 1) + "😀" + "x");

        assertThat(RejectedRowOracle.expectedRaw(ascii)).isEqualTo("x".repeat(MAX));
        assertThat(RejectedRowOracle.isCut(ascii)).isTrue();
        assertThat(RejectedRowOracle.expectedRaw(pairOnTheLimit)).isEqualTo("x".repeat(MAX - 1));
    }

    @Test
    void shouldFindNothingWhenEveryBadLineHasItsRowAndNoOtherLineHasOne() {
        List<FuzzLine> lines = List.of(festival(), bad("{"), stillValid(), bad("{\"a\""));

        RejectedRowOracle.Problems problems =
                RejectedRowOracle.compare(
                        lines,
                        List.of(row(4, "MALFORMED_JSON", "{\"a\""), row(2, "MALFORMED_JSON", "{")),
                        FILE);

        assertThat(problems.total()).as("%s", problems).isZero();
    }

    @Test
    void shouldNameEachSortOfDifference() {
        String long_ = "{" + "x".repeat(MAX + 5);
        List<FuzzLine> lines =
                List.of(
                        festival(),
                        bad("{"), // 2: no row
                        stillValid(), // 3: rejected
                        bad("{\"a\""), // 4: wrong reason
                        bad("{\"b\""), // 5: wrong raw
                        bad(long_), // 6: cut, no size in the detail
                        bad("{\"c\"")); // 7: two rows

        RejectedRowOracle.Problems problems =
                RejectedRowOracle.compare(
                        lines,
                        List.of(
                                row(3, "MALFORMED_JSON", "{\"x\":1}"),
                                row(4, "INVALID_FIELD", "{\"a\""),
                                row(5, "MALFORMED_JSON", "{\"B\""),
                                row(6, "MALFORMED_JSON", long_.substring(0, MAX)),
                                row(7, "MALFORMED_JSON", "{\"c\""),
                                row(7, "MALFORMED_JSON", "{\"c\""),
                                row("/other.jsonl:1", "MALFORMED_JSON", "{")),
                        FILE);

        assertThat(problems.bySort())
                .containsOnlyKeys(
                        "TRUNCATED ACCEPTED_INVALID",
                        "STILL_VALID REJECTED_VALID",
                        "TRUNCATED WRONG_REASON",
                        "TRUNCATED RAW",
                        "TRUNCATED NO_SIZE",
                        "TWO_ROWS",
                        "UNEXPECTED_SOURCE");
        assertThat(problems.total()).isEqualTo(7);
    }

    private static FuzzLine festival() {
        return new FuzzLine(utf8("{\"type\":\"ORDER_PAID\"}"), false, null);
    }

    private static FuzzLine stillValid() {
        byte[] b = utf8("{\"x\":1}");
        return new FuzzLine(b, false, new FuzzRecord(FuzzKind.STILL_VALID, "v", b, null, false));
    }

    private static FuzzLine bad(String text) {
        byte[] b = utf8(text);
        return new FuzzLine(
                b,
                false,
                new FuzzRecord(FuzzKind.TRUNCATED, "cut", b, RejectReason.MALFORMED_JSON, false));
    }

    private static JsonNode row(int line, String reason, String raw) {
        return row(FILE + line, reason, raw);
    }

    private static JsonNode row(String source, String reason, String raw) {
        return JSON.createObjectNode()
                .put("source", source)
                .put("reason", reason)
                .put("raw", raw)
                .put("detail", "a short detail");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
