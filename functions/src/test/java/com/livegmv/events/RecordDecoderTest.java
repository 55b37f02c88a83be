package com.livegmv.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.output.Tables;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw record bytes to an event or a {@code rejected_event} row (SPEC §2, §9). */
class RecordDecoderTest {

    private static final String TIME = "2024-12-05T20:15:03.120+08:00";

    private static final String ORDER =
            "{\"type\":\"ORDER_PAID\",\"event_time\":\""
                    + TIME
                    + "\",\"streamer_id\":\"s1\",\"order_id\":\"o1\",\"session_id\":\"live-1\","
                    + "\"amount_fen\":600000,\"currency\":\"CNY\"}";

    /** The machine's clock in these tests: a day after the events. */
    private static final long NOW = Instant.parse("2024-12-06T12:15:03.120Z").toEpochMilli();

    private static final RecordDecoder DECODER = new RecordDecoder(Duration.ofHours(1), () -> NOW);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RejectedEvent rejected(byte[] payload, String origin, long position) {
        ParsedRecord r = DECODER.decode(payload, origin, position);
        assertThat(r.event).as("a rejected record carries no event").isNull();
        assertThat(r.rejected).as("the record must be rejected").isNotNull();
        return r.rejected;
    }

    /**
     * A strict UTF-8 reading, to check the premise that a payload is (in)valid UTF-8: the JDK
     * replaces every malformed sequence when decoding, so only valid UTF-8 survives a round trip.
     */
    private static boolean isValidUtf8(byte[] b) {
        return Arrays.equals(
                new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), b);
    }

    // ---- valid records ----------------------------------------------------------------------

    @Test
    void validBytesBecomeAnEventWithOriginAndPosition() {
        ParsedRecord r = DECODER.decode(utf8(ORDER), "events.jsonl", 42);

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
        ParsedRecord r = DECODER.decode(utf8(ORDER), "orders:0", 7);

        assertThat(r.timestamp())
                .isEqualTo(OffsetDateTime.parse(TIME).toInstant().toEpochMilli())
                .isEqualTo(r.event.eventTime);
    }

    @Test
    void kafkaOriginKeepsTopicPartitionAndOffset() {
        ParsedRecord r = DECODER.decode(utf8(ORDER), "gmv-events:3", 9_876_543_210L);

        assertThat(r.event.source()).isEqualTo("gmv-events:3:9876543210");
    }

    // ---- rejected records -------------------------------------------------------------------

    @Test
    void invalidRecordIsRejectedWithFileAndLineAsSourceAndTheClocksTime() {
        RejectedEvent rej = rejected(utf8("{\"type\":\"ORDER_PAID\"}"), "events.jsonl", 7);

        assertThat(rej.source).isEqualTo("events.jsonl:7");
        assertThat(rej.raw).isEqualTo("{\"type\":\"ORDER_PAID\"}");
        assertThat(rej.reason).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rej.detail).isNotBlank();
        assertThat(rej.receivedAt).isEqualTo(NOW);
    }

    @Test
    void theSystemClockDecoderStampsRejectionsWithTheWallClock() {
        long before = System.currentTimeMillis();

        ParsedRecord r =
                new RecordDecoder(Duration.ofHours(1)).decode(utf8("[]"), "events.jsonl", 1);

        assertThat(r.rejected.receivedAt).isBetween(before, System.currentTimeMillis());
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
        ParsedRecord r = DECODER.decode(utf8("not json"), "f", 1);

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
    @ValueSource(strings = {"", " ", "\t", "  \t  "})
    void lineOfSpacesAndTabsOnlyIsBlank(String line) {
        byte[] b = utf8(line);

        assertThat(RecordDecoder.isBlank(b, b.length)).isTrue();
    }

    /**
     * The reader has dropped the {@code \r} of a CR LF line end: any {@code \r} left is part of the
     * record (SPEC §2), so a line holding one is a record, not a blank line.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}", " x", "\r", " \r ", "\r\r", "\n", "\u00a0", "\f", "\u000b", "\u3000", "  .  "
            })
    void lineWithAnythingElseIsNotBlank(String line) {
        byte[] b = utf8(line);

        assertThat(RecordDecoder.isBlank(b, b.length)).isFalse();
    }

    @Test
    void aLoneCarriageReturnIsARecordRejectedWithItsRawText() {
        RejectedEvent rej = rejected(utf8("\r"), "events.jsonl", 3);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.raw).isEqualTo("\r");
    }

    @Test
    void aCarriageReturnAfterTheObjectIsJsonWhiteSpace() {
        // The last line of a file without a final line feed keeps its \r: still one valid object.
        ParsedRecord r = DECODER.decode(utf8(ORDER + "\r"), "events.jsonl", 9);

        assertThat(r.rejected).isNull();
        assertThat(r.event.key).isEqualTo("o1");
    }

    @Test
    void recordsSeparatedByCarriageReturnsAloneAreOneMalformedRecordKeptWhole() {
        // Old Mac line ends: the \r do not end lines, so nothing is split or lost silently.
        String text = ORDER + "\r" + ORDER.replace("o1", "o2") + "\r";

        RejectedEvent rej = rejected(utf8(text), "events.jsonl", 4);

        assertThat(rej.reason).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rej.raw).isEqualTo(text);
    }

    @Test
    void blankCheckLooksOnlyAtTheGivenLength() {
        byte[] b = utf8("  \tnot blank");

        assertThat(RecordDecoder.isBlank(b, 3)).isTrue();
        assertThat(RecordDecoder.isBlank(b, 4)).isFalse();
    }

    // ---- events too far in the future (max_future_skew) -------------------------------------

    private static String at(String eventTime) {
        return ORDER.replace(TIME, eventTime);
    }

    @Test
    void acceptsAnEventExactlyMaxFutureSkewAheadOfTheClock() {
        String limit = Instant.ofEpochMilli(NOW).plus(Duration.ofHours(1)).toString();

        ParsedRecord r = DECODER.decode(utf8(at(limit)), "events.jsonl", 1);

        assertThat(r.rejected).isNull();
        assertThat(r.event.eventTime).isEqualTo(NOW + 3_600_000L);
    }

    @Test
    void rejectsAnEventOneMillisecondBeyondTheSkewSayingByHowMuchAndTheLimit() {
        String beyond = Instant.ofEpochMilli(NOW + 3_600_001L).toString();

        RejectedEvent rej = rejected(utf8(at(beyond)), "events.jsonl", 2);

        assertThat(rej.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rej.detail)
                .isEqualTo(
                        "event_time: 2024-12-06T13:15:03.121Z is 1h 0.001s ahead of this"
                                + " machine's clock (2024-12-06T12:15:03.120Z); max_future_skew is"
                                + " 1h");
        assertThat(rej.raw).isEqualTo(at(beyond));
    }

    static Stream<String> farFutureEventsOfEveryType() {
        String t = "2204-12-05T20:15:03+08:00";
        return Stream.of(
                        "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"@\",\"streamer_id\":\"s\",\"session_id\":\"l\",\"category\":\"SHOPPING\",\"with_goods\":true}",
                        "{\"type\":\"REGISTRATION\",\"event_time\":\"@\",\"streamer_id\":\"s\",\"campaign_id\":\"c\"}",
                        "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"@\",\"streamer_id\":\"s\",\"preview_id\":\"p\"}",
                        "{\"type\":\"ORDER_PAID\",\"event_time\":\"@\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                        "{\"type\":\"ORDER_REFUNDED\",\"event_time\":\"@\",\"streamer_id\":\"s\",\"refund_id\":\"r\",\"order_id\":\"o\",\"amount_fen\":1}",
                        // the fast scanner gives this one (an escape) to Jackson: the guard is
                        // after both
                        "{\"type\":\"REGISTRATION\",\"event_time\":\"@\",\"streamer_id\":\"\\u0073\",\"campaign_id\":\"c\"}")
                .map(line -> line.replace("@", t));
    }

    @ParameterizedTest
    @MethodSource("farFutureEventsOfEveryType")
    void rejectsAFarFutureEventOfAnyTypeAsAnInvalidEventTime(String line) {
        byte[] b = utf8(line);
        assertThat(DECODER.decode(utf8(line.replace("2204-", "2024-")), "f", 1).event)
                .as("premise: valid in 2024")
                .isNotNull();

        RejectedEvent rej = rejected(b, "events.jsonl", 5);

        assertThat(rej.reason).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rej.detail)
                .startsWith("event_time: 2204-12-05T12:15:03.000Z is ")
                .contains("max_future_skew is 1h");
        assertThat(rej.raw).isEqualTo(line);
    }

    @Test
    void scheduledStartFarInTheFutureIsNotCheckedAgainstTheClock() {
        String preview =
                "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\""
                        + TIME
                        + "\",\"streamer_id\":\"s\",\"preview_id\":\"p\",\"scheduled_start\":\"2204-01-01T00:00:00Z\"}";

        assertThat(DECODER.decode(utf8(preview), "f", 1).event).isNotNull();
    }

    @Test
    void theClockIsReadWhenEachRecordIsDecoded() {
        AtomicLong clock = new AtomicLong(NOW);
        RecordDecoder decoder = new RecordDecoder(Duration.ofMinutes(5), clock::get);
        byte[] record = utf8(at(Instant.ofEpochMilli(NOW + 600_000L).toString()));

        assertThat(decoder.decode(record, "f", 1).rejected).as("10 min ahead").isNotNull();
        clock.addAndGet(300_000L);
        assertThat(decoder.decode(record, "f", 2).event).as("5 min ahead").isNotNull();
    }

    @Test
    void beyondSkewIsNullWithinTheLimitAndSaysWhyBeyondIt() {
        assertThat(DECODER.beyondSkew(NOW + 3_600_000L)).isNull();
        assertThat(DECODER.beyondSkew(Long.MIN_VALUE)).isNull();
        assertThat(DECODER.beyondSkew(NOW + 2 * 86_400_000L + 3_600_000L))
                .isEqualTo(
                        "2024-12-08T13:15:03.120Z is 2d 1h ahead of this machine's clock"
                                + " (2024-12-06T12:15:03.120Z); max_future_skew is 1h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT0.999S", "PT-1H"})
    void refusesASkewBelowOneSecondRatherThanTurningTheCheckOff(String skew) {
        assertThatThrownBy(() -> new RecordDecoder(Duration.parse(skew), () -> NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_future_skew must be at least 1s");
    }

    @Test
    void aSkewTooLargeForMillisSaturatesInsteadOfOverflowing() {
        RecordDecoder huge = new RecordDecoder(Duration.ofSeconds(Long.MAX_VALUE), () -> NOW);
        RecordDecoder oneSecond = new RecordDecoder(Duration.ofSeconds(1), () -> NOW);

        assertThat(huge.decode(utf8(at("9999-12-31T23:59:59Z")), "f", 1).event).isNotNull();
        assertThat(oneSecond.beyondSkew(NOW + 1000)).isNull();
        assertThat(oneSecond.beyondSkew(NOW + 1001)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 0.001s",
        "1000, 1s",
        "61000, 1m 1s",
        "3600000, 1h",
        "3600001, 1h 0.001s",
        "90061500, 1d 1h 1m 1.500s",
        "86400000, 1d",
    })
    void describesDurationsByTheirNonZeroUnits(long millis, String text) {
        assertThat(RecordDecoder.describe(millis)).isEqualTo(text);
    }

    @Test
    void aDecoderSurvivesJavaSerializationWithItsSkewAndClock() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(new RecordDecoder(Duration.ofMinutes(30)));
        }
        RecordDecoder copy;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(
                        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RecordDecoder) in.readObject();
        }
        long now = System.currentTimeMillis();

        assertThat(copy.beyondSkew(now + 25 * 60_000L)).isNull();
        assertThat(copy.beyondSkew(now + 35 * 60_000L)).contains("max_future_skew is 30m");
    }
}
