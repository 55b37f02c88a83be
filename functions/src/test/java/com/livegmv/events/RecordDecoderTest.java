package com.livegmv.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.output.Tables;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw record bytes to an event or a {@code rejected_event} row (SPEC §2, §9). */
class RecordDecoderTest {

    private static final String TIME = "2024-12-05T20:15:03.120+08:00";

    private static final String ORDER =
            "{\"type\":\"ORDER_PAID\",\"event_time\":\""
                    + TIME
                    + "\",\"streamer_id\":\"s1\",\"order_id\":\"o1\",\"session_id\":\"live-1\","
                    + "\"amount_fen\":600000,\"currency\":\"CNY\"}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RejectedEvent rejected(byte[] payload, String origin, long position) {
        ParsedRecord r = RecordDecoder.decode(payload, origin, position);
        assertThat(r.event).as("a rejected record carries no event").isNull();
        assertThat(r.rejected).as("the record must be rejected").isNotNull();
        return r.rejected;
    }

    /** A strict UTF-8 reading, to check the premise that a payload is (in)valid UTF-8. */
    private static boolean isValidUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    // ---- valid records ----------------------------------------------------------------------

    @Test
    void validBytesBecomeAnEventWithOriginAndPosition() {
        ParsedRecord r = RecordDecoder.decode(utf8(ORDER), "events.jsonl", 42);

        assertThat(r.rejected).isNull();
        assertThat(r.event).isNotNull();
        assertThat(r.event.type).isEqualTo(EventType.ORDER_PAID);
        assertThat(r.event.key).isEqualTo("o1");
        assertThat(r.event.amountFen).isEqualTo(600_000L);
        assertThat(r.event.origin).isEqualTo("events.jsonl");
        assertThat(r.event.position).isEqualTo(42L);
        assertThat(r.event.source()).isEqualTo("events.jsonl:42");
    }

    @Test
    void aValidRecordsTimestampIsItsEventTime() {
        ParsedRecord r = RecordDecoder.decode(utf8(ORDER), "orders:0", 7);

        assertThat(r.timestamp())
                .isEqualTo(OffsetDateTime.parse(TIME).toInstant().toEpochMilli())
                .isEqualTo(r.event.eventTime);
    }

    @Test
    void kafkaOriginKeepsTopicPartitionAndOffset() {
        ParsedRecord r = RecordDecoder.decode(utf8(ORDER), "gmv-events:3", 9_876_543_210L);

        assertThat(r.event.source()).isEqualTo("gmv-events:3:9876543210");
    }

    // ---- rejected records -------------------------------------------------------------------

    @Test
    void invalidRecordIsRejectedWithFileAndLineAsSource() {
        long before = System.currentTimeMillis();

        RejectedEvent rej = rejected(utf8("{\"type\":\"ORDER_PAID\"}"), "events.jsonl", 7);

        long after = System.currentTimeMillis();
        assertThat(rej.source).isEqualTo("events.jsonl:7");
        assertThat(rej.raw).isEqualTo("{\"type\":\"ORDER_PAID\"}");
        assertThat(rej.reason).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rej.detail).isNotBlank();
        assertThat(rej.receivedAt).isBetween(before, after);
    }

    @Test
    void rejectionCarriesTheParsersReasonAndDetail() {
        byte[] payload = utf8(ORDER.replace("\"CNY\"", "\"USD\""));
        InvalidEventException direct = null;
        try {
            EventParser.parse(payload, 0, payload.length);
        } catch (InvalidEventException e) {
            direct = e;
        }
        assertThat(direct).as("premise: the parser rejects a USD order").isNotNull();

        RejectedEvent rej = rejected(payload, "events.jsonl", 3);

        assertThat(rej.reason).isEqualTo(RejectReason.UNSUPPORTED_CURRENCY);
        assertThat(rej.detail).isEqualTo(direct.detail());
    }

    @Test
    void rejectedRecordHasNoEventTimeForWatermarks() {
        ParsedRecord r = RecordDecoder.decode(utf8("not json"), "f", 1);

        assertThat(r.timestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectedKafkaRecordNamesTopicPartitionAndOffset() {
        RejectedEvent rej = rejected(utf8("[]"), "gmv-events:11", 123_456L);

        assertThat(rej.source).isEqualTo("gmv-events:11:123456");
        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"直播开始\",\"event_time\":\"2024-12-05T20:15:03Z\"}",
                "{\"type\":\"ORDER_PAID\",\"streamer_id\":\"主播😀\",\"note\":\"naïve café\"}",
                "{\"type\":\"ORDER_PAID\",\"streamer_id\":\"\\u4e3b\\\"q\\\"\\\\\"}",
                "  {\"type\":\"ORDER_PAID\", \"x\":\"a\tb\"}\r",
                "{\"type\":\"ORDER_PAID\",\"x\":\"line\u2028sep\u2029para\"}",
                "\uFEFF{\"type\":\"REGISTRATION\"}",
                "𝄞 not json at all 🎉",
                "{\"type\":\"ORDER_PAID\"} trailing",
                "\u0001\u001f",
            })
    void rawTextIsPreservedExactlyIncludingUnicode(String text) {
        byte[] payload = utf8(text);
        assertThat(isValidUtf8(payload)).isTrue();

        RejectedEvent rej = rejected(payload, "events.jsonl", 5);

        assertThat(rej.raw).isEqualTo(text);
        assertThat(rej.raw.getBytes(StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(rej.detail).doesNotContain("truncated").doesNotContain("Base64");
    }

    @Test
    void payloadWithNulIsKeptAsBase64BecausePostgresTextCannotHoldIt() {
        byte[] payload = utf8("{\"type\":\"ORDER_PAID\"\u0000}");

        RejectedEvent rej = rejected(payload, "events.jsonl", 6);

        assertThat(rej.raw).startsWith("base64:");
        assertThat(java.util.Base64.getDecoder().decode(rej.raw.substring("base64:".length())))
                .isEqualTo(payload);
        assertThat(rej.detail).contains("Base64");
    }

    @Test
    void rejectedRowJsonCarriesTheRawTextExactly() throws Exception {
        String text = "{\"type\":\"X\",\"s\":\"主播😀 \\\" \\\\ \t\r\n\u2028\u0007\"}";

        RejectedEvent rej = rejected(utf8(text), "events.jsonl", 9);
        JsonNode row = new ObjectMapper().readTree(Tables.REJECTED_EVENT.toJson(rej));

        assertThat(row.get("raw").asText()).isEqualTo(text);
        assertThat(row.get("source").asText()).isEqualTo("events.jsonl:9");
        // raw control characters inside a JSON string are not JSON
        assertThat(row.get("reason").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void nullPayloadIsRejectedAsMalformedWithEmptyRaw() {
        RejectedEvent rej = rejected(null, "orders:0", 1);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.raw).isEmpty();
    }

    @Test
    void emptyPayloadIsRejectedAsMalformedWithEmptyRaw() {
        RejectedEvent rej = rejected(new byte[0], "orders:0", 2);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.raw).isEmpty();
    }

    // ---- invalid UTF-8 ----------------------------------------------------------------------

    @Test
    void invalidUtf8IsKeptAsBase64OfTheExactBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8("{\"type\":\"ORDER_PAID\",\"streamer_id\":\"s"));
        b.write(0xFF);
        b.write(0xC3); // a lead byte with no continuation
        b.writeBytes(utf8("\",\"主\":0}"));
        byte[] payload = b.toByteArray();
        assertThat(isValidUtf8(payload)).as("premise").isFalse();

        RejectedEvent rej = rejected(payload, "events.jsonl", 12);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.source).isEqualTo("events.jsonl:12");
        assertThat(rej.raw).startsWith("base64:");
        assertThat(Base64.getDecoder().decode(rej.raw.substring("base64:".length())))
                .isEqualTo(payload);
        assertThat(rej.detail).contains("not valid UTF-8");
    }

    @Test
    void everyByteValueSurvivesTheBase64Raw() {
        byte[] payload = new byte[256];
        for (int i = 0; i < 256; i++) {
            payload[i] = (byte) i;
        }

        RejectedEvent rej = rejected(payload, "f", 1);

        assertThat(rej.raw).startsWith("base64:");
        assertThat(Base64.getDecoder().decode(rej.raw.substring(7))).isEqualTo(payload);
    }

    // ---- oversized records ------------------------------------------------------------------

    @Test
    void maxRawCharsIsSixtyFourKibiChars() {
        assertThat(RecordDecoder.MAX_RAW_CHARS).isEqualTo(65_536);
    }

    @Test
    void oneMegabyteLineIsTruncatedAndTheDetailGivesItsByteSize() {
        String text = "{\"type\":\"ORDER_PAID\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        byte[] payload = utf8(text);

        RejectedEvent rej = rejected(payload, "big.jsonl", 1);

        assertThat(rej.reason).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rej.raw)
                .hasSize(RecordDecoder.MAX_RAW_CHARS)
                .isEqualTo(text.substring(0, RecordDecoder.MAX_RAW_CHARS));
        assertThat(rej.detail)
                .contains("truncated")
                .contains(String.valueOf(payload.length) + " bytes");
    }

    @Test
    void oneMegabyteOfMultiByteTextIsTruncatedByCharactersNotBytes() {
        String text = "直".repeat(350_000) + " not json";
        byte[] payload = utf8(text);
        assertThat(payload.length).isGreaterThan(1_000_000);

        RejectedEvent rej = rejected(payload, "big.jsonl", 2);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.raw).isEqualTo("直".repeat(RecordDecoder.MAX_RAW_CHARS));
        assertThat(rej.detail).contains(String.valueOf(payload.length) + " bytes");
    }

    @Test
    void lineOfExactlyMaxRawCharsIsKeptWhole() {
        String text = "y".repeat(RecordDecoder.MAX_RAW_CHARS);

        RejectedEvent rej = rejected(utf8(text), "f", 1);

        assertThat(rej.raw).isEqualTo(text);
        assertThat(rej.detail).doesNotContain("truncated");
    }

    @Test
    void lineOfOneCharOverTheLimitIsTruncated() {
        String text = "y".repeat(RecordDecoder.MAX_RAW_CHARS + 1);

        RejectedEvent rej = rejected(utf8(text), "f", 1);

        assertThat(rej.raw).isEqualTo(text.substring(0, RecordDecoder.MAX_RAW_CHARS));
        assertThat(rej.detail)
                .contains("truncated")
                .contains((RecordDecoder.MAX_RAW_CHARS + 1) + " bytes");
    }

    @Test
    void truncationDoesNotSplitASurrogatePair() {
        String text = "x" + "😀".repeat(40_000); // the 65,536th char is a high surrogate

        RejectedEvent rej = rejected(utf8(text), "emoji.jsonl", 1);

        assertThat(rej.raw).isNotEmpty();
        assertThat(Character.isHighSurrogate(rej.raw.charAt(rej.raw.length() - 1))).isFalse();
        assertThat(text).startsWith(rej.raw);
    }

    // ---- blank lines ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\r", "\n", " \t\r\n  "})
    void whiteSpaceOnlyLineIsBlank(String line) {
        byte[] b = utf8(line);

        assertThat(RecordDecoder.isBlank(b, b.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " x", "\u00a0", "\f", "\u000b", "\u3000", "  .  "})
    void lineWithAnythingElseIsNotBlank(String line) {
        byte[] b = utf8(line);

        assertThat(RecordDecoder.isBlank(b, b.length)).isFalse();
    }

    @Test
    void blankCheckLooksOnlyAtTheGivenLength() {
        byte[] b = utf8("  \tnot blank");

        assertThat(RecordDecoder.isBlank(b, 3)).isTrue();
        assertThat(RecordDecoder.isBlank(b, 4)).isFalse();
    }
}
