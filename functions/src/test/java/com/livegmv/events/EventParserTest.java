package com.livegmv.events;

import static com.livegmv.events.RejectReason.INVALID_FIELD;
import static com.livegmv.events.RejectReason.MALFORMED_JSON;
import static com.livegmv.events.RejectReason.MISSING_FIELD;
import static com.livegmv.events.RejectReason.UNKNOWN_TYPE;
import static com.livegmv.events.RejectReason.UNSUPPORTED_CURRENCY;
import static com.livegmv.testing.FieldMaps.with;
import static com.livegmv.testing.FieldMaps.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §2: decoding and validating one input record. */
class EventParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String TIME = "2024-12-05T20:15:03.120+08:00";

    /** The oracle for event_time: java.time, not the parser's own clock code. */
    private static long millis(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
    }

    // ---- valid events of every type, as ordered maps so tests can change one field ----

    private static Map<String, Object> valid(EventType type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("event_time", TIME);
        m.put("streamer_id", "s1");
        switch (type) {
            case LIVE_SESSION_STARTED:
                m.put("session_id", "live-1");
                m.put("category", "SHOPPING");
                m.put("with_goods", true);
                break;
            case REGISTRATION:
                m.put("campaign_id", "1212-2024");
                m.put("role", "MERCHANT");
                break;
            case PREVIEW_PUBLISHED:
                m.put("preview_id", "pv-1");
                m.put("scheduled_start", "2024-12-05T20:00:00+08:00");
                break;
            case ORDER_PAID:
                m.put("order_id", "o1");
                m.put("session_id", "live-1");
                m.put("merchant_id", "m1");
                m.put("amount_fen", 600_000);
                m.put("currency", "CNY");
                m.put("risk_flags", List.of());
                break;
            case ORDER_REFUNDED:
                m.put("refund_id", "r1");
                m.put("order_id", "o3");
                m.put("amount_fen", 300_000);
                m.put("currency", "CNY");
                break;
            default:
                throw new AssertionError(type);
        }
        return m;
    }

    /** The fields SPEC §2 lists as required for each type (type and event_time for all). */
    private static List<String> requiredFields(EventType type) {
        switch (type) {
            case LIVE_SESSION_STARTED:
                return List.of("event_time", "session_id", "streamer_id", "category", "with_goods");
            case REGISTRATION:
                return List.of("event_time", "streamer_id", "campaign_id");
            case PREVIEW_PUBLISHED:
                return List.of("event_time", "preview_id", "streamer_id");
            case ORDER_PAID:
                return List.of("event_time", "order_id", "streamer_id", "amount_fen", "currency");
            case ORDER_REFUNDED:
                return List.of("event_time", "refund_id", "order_id", "streamer_id", "amount_fen");
            default:
                throw new AssertionError(type);
        }
    }

    /** The id fields of each type, required or optional, that must have 1..128 characters. */
    private static List<String> idFields(EventType type) {
        switch (type) {
            case LIVE_SESSION_STARTED:
                return List.of("session_id", "streamer_id");
            case REGISTRATION:
                return List.of("streamer_id", "campaign_id");
            case PREVIEW_PUBLISHED:
                return List.of("preview_id", "streamer_id");
            case ORDER_PAID:
                return List.of("order_id", "streamer_id", "session_id", "merchant_id");
            case ORDER_REFUNDED:
                return List.of("refund_id", "order_id", "streamer_id");
            default:
                throw new AssertionError(type);
        }
    }

    private static String json(Map<String, Object> m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ORDER_PAID object with the given raw JSON members added at its end. */
    private static String orderPaidAnd(String members) {
        String s = json(valid(EventType.ORDER_PAID));
        return s.substring(0, s.length() - 1) + "," + members + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Event parse(String json) throws InvalidEventException {
        byte[] b = utf8(json);
        return EventParser.parse(b, 0, b.length);
    }

    private static Event parse(Map<String, Object> m) throws InvalidEventException {
        return parse(json(m));
    }

    private static InvalidEventException rejected(byte[] b) {
        Throwable t = catchThrowable(() -> EventParser.parse(b, 0, b.length));
        assertThat(t)
                .as("expected a rejection of %s", new String(b, StandardCharsets.UTF_8))
                .isInstanceOf(InvalidEventException.class);
        return (InvalidEventException) t;
    }

    private static InvalidEventException rejected(String json) {
        return rejected(utf8(json));
    }

    private static InvalidEventException rejected(Map<String, Object> m) {
        return rejected(json(m));
    }

    private static void assertRejected(
            Map<String, Object> m, RejectReason reason, String detailMentions) {
        InvalidEventException e = rejected(m);
        assertThat(e.reason()).as("reason for %s", json(m)).isEqualTo(reason);
        assertThat(e.detail()).as("detail for %s", json(m)).contains(detailMentions);
    }

    static Stream<EventType> types() {
        return Stream.of(EventType.values());
    }

    static Stream<EventType> typesWithAnAmount() {
        return Stream.of(EventType.ORDER_PAID, EventType.ORDER_REFUNDED);
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class EveryTypeParsesWithItsFields {

        /** Per type: key, session_id, order_id, category, with_goods, amount_fen. */
        static Stream<Arguments> eachTypeAndItsFields() {
            return Stream.of(
                    Arguments.of(
                            EventType.LIVE_SESSION_STARTED,
                            "live-1",
                            null,
                            null,
                            "SHOPPING",
                            true,
                            0L),
                    Arguments.of(EventType.REGISTRATION, "1212-2024", null, null, null, false, 0L),
                    Arguments.of(EventType.PREVIEW_PUBLISHED, "pv-1", null, null, null, false, 0L),
                    Arguments.of(EventType.ORDER_PAID, "o1", "live-1", null, null, false, 600_000L),
                    Arguments.of(
                            EventType.ORDER_REFUNDED, "r1", null, "o3", null, false, 300_000L));
        }

        /** Fields a type does not use keep their defaults. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("eachTypeAndItsFields")
        void eachTypeCarriesItsOwnFieldsAndLeavesTheOthersAtTheirDefaults(
                EventType type,
                String key,
                String sessionId,
                String orderId,
                String category,
                boolean withGoods,
                long amountFen)
                throws Exception {
            Event e = parse(valid(type));

            assertThat(e.type).isEqualTo(type);
            assertThat(e.eventTime).isEqualTo(millis(TIME));
            assertThat(e.streamerId).isEqualTo("s1");
            assertThat(e.key).isEqualTo(key);
            assertThat(e.sessionId).isEqualTo(sessionId);
            assertThat(e.orderId).isEqualTo(orderId);
            assertThat(e.category).isEqualTo(category);
            assertThat(e.withGoods).isEqualTo(withGoods);
            assertThat(e.amountFen).isEqualTo(amountFen);
            assertThat(e.risky).isFalse();
        }

        @Test
        void liveSessionWithoutGoodsHasWithGoodsFalse() throws Exception {
            Event e =
                    parse(
                            with(
                                    with(
                                            valid(EventType.LIVE_SESSION_STARTED),
                                            "with_goods",
                                            false),
                                    "category",
                                    "GAMING"));

            assertThat(e.withGoods).isFalse();
            assertThat(e.category).isEqualTo("GAMING");
        }

        @Test
        void registrationRoleIsOptional() throws Exception {
            Event e = parse(without(valid(EventType.REGISTRATION), "role"));

            assertThat(e.key).isEqualTo("1212-2024");
        }

        @Test
        void previewScheduledStartIsOptional() throws Exception {
            Event e = parse(without(valid(EventType.PREVIEW_PUBLISHED), "scheduled_start"));

            assertThat(e.key).isEqualTo("pv-1");
        }

        @Test
        void fieldOrderInTheObjectDoesNotMatter() throws Exception {
            Map<String, Object> forward = valid(EventType.ORDER_PAID);
            List<String> keys = new ArrayList<>(forward.keySet());
            Map<String, Object> reversed = new LinkedHashMap<>();
            for (int i = keys.size() - 1; i >= 0; i--) {
                reversed.put(keys.get(i), forward.get(keys.get(i)));
            }

            Event e = parse(reversed);

            assertThat(json(reversed)).startsWith("{\"risk_flags\"");
            assertThat(e.key).isEqualTo("o1");
            assertThat(e.amountFen).isEqualTo(600_000L);
            assertThat(e.sessionId).isEqualTo("live-1");
        }

        @Test
        void eventTimeInUtcAndInOtherOffsetsIsTheSameInstant() throws Exception {
            Event plus8 = parse(valid(EventType.REGISTRATION));
            Event utc =
                    parse(
                            with(
                                    valid(EventType.REGISTRATION),
                                    "event_time",
                                    "2024-12-05T12:15:03.120Z"));
            Event minus0530 =
                    parse(
                            with(
                                    valid(EventType.REGISTRATION),
                                    "event_time",
                                    "2024-12-05T06:45:03.120-05:30"));

            assertThat(utc.eventTime).isEqualTo(plus8.eventTime).isEqualTo(millis(TIME));
            assertThat(minus0530.eventTime).isEqualTo(plus8.eventTime);
        }

        @Test
        void eventTimeBeyondMillisecondsIsTruncatedNotRounded() throws Exception {
            Event e =
                    parse(
                            with(
                                    valid(EventType.ORDER_PAID),
                                    "event_time",
                                    "2024-12-05T20:15:03.120999999+08:00"));

            assertThat(e.eventTime).isEqualTo(millis(TIME));
        }

        @Test
        void stringEscapesInIdsAreDecoded() throws Exception {
            Event e =
                    parse(
                            "{\"type\":\"ORDER_PAID\",\"event_time\":\""
                                    + TIME
                                    + "\",\"streamer_id\":\"\\u4e3b\\u64ad-\\\"q\\\"\","
                                    + "\"order_id\":\"o\\/1\",\"amount_fen\":1,\"currency\":\"CNY\"}");

            assertThat(e.streamerId).isEqualTo("主播-\"q\"");
            assertThat(e.key).isEqualTo("o/1");
        }

        @Test
        void nonAsciiIdsArePreserved() throws Exception {
            Event e = parse(with(valid(EventType.ORDER_PAID), "streamer_id", "主播😀"));

            assertThat(e.streamerId).isEqualTo("主播😀");
        }

        @Test
        void parsesOnlyTheGivenSliceOfTheBuffer() throws Exception {
            byte[] inner = utf8(json(valid(EventType.ORDER_PAID)));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            buf.writeBytes(utf8("garbage{\"x\":"));
            buf.writeBytes(inner);
            buf.writeBytes(utf8("]]trailing garbage"));
            byte[] all = buf.toByteArray();

            Event e = EventParser.parse(all, "garbage{\"x\":".length(), inner.length);

            assertThat(e.key).isEqualTo("o1");
            assertThat(e.amountFen).isEqualTo(600_000L);
        }

        @Test
        void parsingARawRecordSetsItsOriginAndPosition() throws Exception {
            RawRecord r = new RawRecord(utf8(json(valid(EventType.ORDER_PAID))), "orders:3", 4711L);

            Event e = EventParser.parse(r);

            assertThat(e.origin).isEqualTo("orders:3");
            assertThat(e.position).isEqualTo(4711L);
            assertThat(e.source()).isEqualTo("orders:3:4711");
            assertThat(e.key).isEqualTo("o1");
        }

        @Test
        void surroundingWhiteSpaceAndATrailingNewlineAreAccepted() throws Exception {
            Event e = parse(" \t" + json(valid(EventType.ORDER_PAID)) + " \r\n");

            assertThat(e.key).isEqualTo("o1");
        }
    }

    @Nested
    class UnknownFieldsAreIgnored {

        @ParameterizedTest
        @MethodSource("com.livegmv.events.EventParserTest#types")
        void unknownScalarsObjectsAndArraysAreIgnoredForEveryType(EventType type) throws Exception {
            Event plain = parse(valid(type));
            Map<String, Object> m = valid(type);
            m.put("extra_string", "x");
            m.put("extra_number", 1.5e300);
            m.put("extra_null", null);
            m.put("extra_bool", false);
            Map<String, Object> nested = new HashMap<>();
            nested.put("type", "NOT_A_TYPE");
            nested.put("amount_fen", -1);
            nested.put("deeper", List.of(Map.of("order_id", ""), List.of(1, 2, List.of())));
            m.put("extra_object", nested);
            m.put("extra_array", List.of(Map.of("streamer_id", 5), "x", List.of(List.of())));

            Event e = parse(m);

            assertThat(e)
                    .as("the nested object's fields must not leak into the event")
                    .usingRecursiveComparison()
                    .isEqualTo(plain);
            assertThat(e.type).isEqualTo(type);
        }

        @Test
        void moderatelyNestedUnknownFieldIsAccepted() throws Exception {
            String nested = "[".repeat(20) + "{\"a\":{\"b\":[1]}}" + "]".repeat(20);
            Event e = parse(orderPaidAnd("\"extra\":" + nested));

            assertThat(e.key).isEqualTo("o1");
        }

        /** Fields of other types, with values their own type would refuse, all at once. */
        static Stream<Arguments> fieldsOfOtherTypesWithValuesTheirTypeRefuses() {
            return Stream.of(
                    Arguments.of(
                            EventType.ORDER_PAID,
                            ordered(
                                    "category",
                                    5,
                                    "with_goods",
                                    "yes",
                                    "campaign_id",
                                    List.of(),
                                    "preview_id",
                                    Map.of(),
                                    "refund_id",
                                    7)),
                    Arguments.of(
                            EventType.LIVE_SESSION_STARTED,
                            ordered(
                                    "risk_flags",
                                    "not-an-array",
                                    "currency",
                                    "USD",
                                    "amount_fen",
                                    "lots")),
                    Arguments.of(
                            EventType.ORDER_REFUNDED, ordered("risk_flags", 5, "session_id", 12)),
                    // the id rules apply only to the id fields the type uses
                    Arguments.of(
                            EventType.REGISTRATION,
                            ordered("order_id", "", "session_id", "x".repeat(500))));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("fieldsOfOtherTypesWithValuesTheirTypeRefuses")
        void fieldsOfOtherTypesAreIgnoredWhateverTheirValue(
                EventType type, Map<String, Object> extra) throws Exception {
            Event plain = parse(valid(type));
            Map<String, Object> m = valid(type);
            m.putAll(extra);

            assertThat(parse(m)).usingRecursiveComparison().isEqualTo(plain);
        }

        private static Map<String, Object> ordered(Object... fieldsAndValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                m.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
            return m;
        }
    }

    @Nested
    class NotAJsonObject {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "   ",
                    "hello",
                    "{",
                    "{\"type\":",
                    "{\"type\":\"ORDER_PAID\"",
                    "{'type':'ORDER_PAID'}",
                    "{type:\"ORDER_PAID\"}",
                    "{\"type\":\"ORDER_PAID\",}",
                    "{\"a\":NaN}",
                    "{\"a\":01}",
                    "{\"a\":1} // comment",
                })
        void rejectsTextThatIsNotJson(String text) {
            InvalidEventException e = rejected(text);

            assertThat(e.reason()).isEqualTo(MALFORMED_JSON);
            assertThat(e.detail()).isNotBlank();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "[]",
                    "[{\"type\":\"ORDER_PAID\"}]",
                    "\"ORDER_PAID\"",
                    "42",
                    "-1.5",
                    "null",
                    "true"
                })
        void rejectsJsonThatIsNotAnObject(String text) {
            InvalidEventException e = rejected(text);

            assertThat(e.reason()).isEqualTo(MALFORMED_JSON);
            assertThat(e.detail()).contains("not a JSON object");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {" {}", "{}", "x", "]", "}", "\"", "0", "\n{\"type\":\"ORDER_PAID\"}"})
        void rejectsContentAfterTheObject(String trailing) {
            InvalidEventException e = rejected(json(valid(EventType.ORDER_PAID)) + trailing);

            assertThat(e.reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsDuplicateTopLevelKeys() {
            InvalidEventException e = rejected(orderPaidAnd("\"amount_fen\":1"));

            assertThat(e.reason()).isEqualTo(MALFORMED_JSON);
            assertThat(e.detail()).contains("amount_fen");
        }

        @Test
        void rejectsDuplicateKeysEvenWithTheSameValue() {
            String dup = orderPaidAnd("\"type\":\"ORDER_PAID\"");

            assertThat(rejected(dup).reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsDuplicateKeysInsideAnUnknownNestedObject() {
            String dup = orderPaidAnd("\"extra\":{\"a\":1,\"a\":2}");

            assertThat(rejected(dup).reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsTenThousandNestedArraysInAnUnknownFieldWithoutStackOverflow() {
            String deep = orderPaidAnd("\"extra\":" + "[".repeat(10_000) + "]".repeat(10_000));

            // A StackOverflowError would escape catchThrowable as an Error and fail the test.
            InvalidEventException e = rejected(deep);

            assertThat(e.reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsTenThousandNestedObjectsInAnUnknownFieldWithoutStackOverflow() {
            String deep =
                    orderPaidAnd(
                            "\"extra\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));

            assertThat(rejected(deep).reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsUnterminatedDeepNesting() {
            String s = json(valid(EventType.ORDER_PAID));
            String deep = s.substring(0, s.length() - 1) + ",\"extra\":" + "[".repeat(100_000);

            assertThat(rejected(deep).reason()).isEqualTo(MALFORMED_JSON);
        }
    }

    @Nested
    class InvalidUtf8 {

        /** Splices raw bytes into a JSON text at a marker. */
        private byte[] splice(String json, String marker, byte[] insert) {
            int at = json.indexOf(marker);
            assertThat(at).as("marker %s", marker).isNotNegative();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8(json.substring(0, at)));
            out.writeBytes(insert);
            out.writeBytes(utf8(json.substring(at + marker.length())));
            return out.toByteArray();
        }

        private String withMarkers() {
            Map<String, Object> m = valid(EventType.ORDER_PAID);
            m.put("order_id", "o@ID@");
            m.put("note", "n@SKIPPED@");
            m.put("k@NAME@", 1);
            return json(m);
        }

        static Stream<Arguments> clearlyInvalidSequences() {
            return Stream.of(
                    Arguments.of("0xFF byte", new byte[] {(byte) 0xFF}),
                    Arguments.of("0xFE byte", new byte[] {(byte) 0xFE}),
                    Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}),
                    Arguments.of("2-byte lead then ASCII", new byte[] {(byte) 0xC3, 'x'}),
                    Arguments.of(
                            "3-byte lead cut short", new byte[] {(byte) 0xE2, (byte) 0x82, 'x'}),
                    Arguments.of(
                            "5-byte form",
                            new byte[] {
                                (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80
                            }));
        }

        @ParameterizedTest(name = "{0} in {2}")
        @MethodSource("clearlyInvalidSequencesEverywhere")
        void rejectsInvalidUtf8AsMalformedJson(String what, byte[] bytes, String where) {
            byte[] payload = splice(withMarkers(), where, bytes);

            assertThat(rejected(payload).reason()).isEqualTo(MALFORMED_JSON);
        }

        static Stream<Arguments> clearlyInvalidSequencesEverywhere() {
            return clearlyInvalidSequences()
                    .flatMap(
                            a ->
                                    Stream.of("@ID@", "@SKIPPED@", "@NAME@")
                                            .map(w -> Arguments.of(a.get()[0], a.get()[1], w)));
        }

        @Test
        void rejectsInvalidUtf8OutsideAnyString() {
            byte[] payload =
                    splice(
                            json(valid(EventType.ORDER_PAID)),
                            "{",
                            new byte[] {'{', (byte) 0xFF, ' '});

            assertThat(rejected(payload).reason()).isEqualTo(MALFORMED_JSON);
        }

        static Stream<Arguments> subtlyInvalidSequences() {
            return Stream.of(
                    Arguments.of("overlong '/' (C0 AF)", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                    Arguments.of(
                            "overlong 3-byte '/' (E0 80 AF)",
                            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                    Arguments.of(
                            "UTF-8-encoded surrogate U+D800 (ED A0 80)",
                            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                    Arguments.of(
                            "code point above U+10FFFF (F4 90 80 80)",
                            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        }

        @Test
        void javaItselfRefusesTheSubtlyInvalidSequences() {
            // Guards the premise of the disabled test below: these really are invalid UTF-8.
            subtlyInvalidSequences()
                    .forEach(
                            a -> {
                                byte[] b = (byte[]) a.get()[1];
                                Throwable t =
                                        catchThrowable(
                                                () ->
                                                        StandardCharsets.UTF_8
                                                                .newDecoder()
                                                                .decode(
                                                                        java.nio.ByteBuffer.wrap(
                                                                                b)));
                                assertThat(t).as("%s", a.get()[0]).isNotNull();
                            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("subtlyInvalidSequences")
        void rejectsOverlongSurrogateAndOutOfRangeUtf8(String what, byte[] bytes) {
            byte[] inId = splice(withMarkers(), "@ID@", bytes);
            byte[] inSkipped = splice(withMarkers(), "@SKIPPED@", bytes);

            assertThat(rejected(inId).reason()).isEqualTo(MALFORMED_JSON);
            assertThat(rejected(inSkipped).reason()).isEqualTo(MALFORMED_JSON);
        }

        /** Jackson would detect these encodings from the NUL bytes and decode the event. */
        @ParameterizedTest
        @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
        void rejectsAValidEventInAnotherUnicodeEncoding(String charset) {
            byte[] payload =
                    json(valid(EventType.ORDER_PAID))
                            .getBytes(java.nio.charset.Charset.forName(charset));

            assertThat(rejected(payload).reason()).isEqualTo(MALFORMED_JSON);
        }

        @Test
        void rejectsANulByteAnywhere() {
            byte[] before = splice(json(valid(EventType.ORDER_PAID)), "{", new byte[] {0, '{'});
            byte[] inString = splice(withMarkers(), "@SKIPPED@", new byte[] {0});

            assertThat(rejected(before).reason()).isEqualTo(MALFORMED_JSON);
            assertThat(rejected(inString).reason()).isEqualTo(MALFORMED_JSON);
        }
    }

    @Nested
    class TypeField {

        @ParameterizedTest
        @ValueSource(strings = {"ORDER_CANCELLED", "order_paid", "Order_Paid", "", " ORDER_PAID"})
        void rejectsUnknownTypeNamingIt(String type) {
            Map<String, Object> m = with(valid(EventType.ORDER_PAID), "type", type);

            InvalidEventException e = rejected(m);

            assertThat(e.reason()).isEqualTo(UNKNOWN_TYPE);
            assertThat(e.detail()).contains("\"" + type + "\"");
        }

        @Test
        void longUnknownTypeIsCutInTheDetailNeverInsideASurrogatePair() {
            String type = "A".repeat(63) + "\uD83D\uDE00\uD83D\uDE00";

            InvalidEventException e = rejected(with(valid(EventType.ORDER_PAID), "type", type));

            assertThat(e.reason()).isEqualTo(UNKNOWN_TYPE);
            assertThat(e.detail()).isEqualTo("unknown type \"" + "A".repeat(63) + "...\"");
        }

        @Test
        void rejectsMissingType() {
            assertRejected(without(valid(EventType.ORDER_PAID), "type"), MISSING_FIELD, "type");
        }

        @Test
        void rejectsNullType() {
            assertRejected(with(valid(EventType.ORDER_PAID), "type", null), MISSING_FIELD, "type");
        }

        @Test
        void rejectsNonStringType() {
            assertRejected(with(valid(EventType.ORDER_PAID), "type", 3), INVALID_FIELD, "type");
        }

        @Test
        void unknownTypeWinsOverMissingFieldsOfTheRealShape() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "SOMETHING_NEW");

            assertThat(rejected(m).reason()).isEqualTo(UNKNOWN_TYPE);
        }
    }

    @Nested
    class RequiredFields {

        static Stream<Arguments> requiredFieldOfEachType() {
            return types().flatMap(t -> requiredFields(t).stream().map(f -> Arguments.of(t, f)));
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("requiredFieldOfEachType")
        void rejectsMissingRequiredFieldNamingIt(EventType type, String field) {
            assertRejected(without(valid(type), field), MISSING_FIELD, field);
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("requiredFieldOfEachType")
        void rejectsNullRequiredFieldNamingIt(EventType type, String field) {
            assertRejected(with(valid(type), field, null), MISSING_FIELD, field);
        }

        static Stream<Arguments> requiredFieldWithWrongJsonType() {
            List<Arguments> out = new ArrayList<>();
            for (EventType t : EventType.values()) {
                for (String f : requiredFields(t)) {
                    List<Object> wrong;
                    if (f.equals("with_goods")) {
                        wrong = List.of("true", 1, List.of(true), Map.of("v", true));
                    } else if (f.equals("amount_fen")) {
                        wrong = List.of("100", 1.5, true, List.of(100), Map.of("fen", 100));
                    } else {
                        wrong = List.of(42, true, List.of("x"), Map.of("id", "x"));
                    }
                    for (Object w : wrong) {
                        out.add(Arguments.of(t, f, w));
                    }
                }
            }
            return out.stream();
        }

        @ParameterizedTest(name = "{0}.{1} = {2}")
        @MethodSource("requiredFieldWithWrongJsonType")
        void rejectsRequiredFieldOfWrongJsonTypeNamingIt(
                EventType type, String field, Object value) {
            assertRejected(with(valid(type), field, value), INVALID_FIELD, field);
        }

        @Test
        void wrongTypeNestedValueIsSkippedWholeSoTheRestStillParses() {
            // The rejection must be about streamer_id, not a parse error from the nested array.
            Map<String, Object> m =
                    with(
                            valid(EventType.ORDER_PAID),
                            "streamer_id",
                            List.of(List.of("a", Map.of("b", 1)), "c"));

            assertRejected(m, INVALID_FIELD, "streamer_id");
        }
    }

    @Nested
    class Ids {

        static Stream<Arguments> idFieldOfEachType() {
            return types().flatMap(t -> idFields(t).stream().map(f -> Arguments.of(t, f)));
        }

        static Stream<Arguments> idFieldOfEachTypeWithALengthOutsideOneTo128() {
            return idFieldOfEachType()
                    .flatMap(
                            a ->
                                    Stream.of(0, 129)
                                            .map(n -> Arguments.of(a.get()[0], a.get()[1], n)));
        }

        @ParameterizedTest(name = "{0}.{1} of {2} characters")
        @MethodSource("idFieldOfEachTypeWithALengthOutsideOneTo128")
        void rejectsEmptyOrOverlongIdNamingTheField(EventType type, String field, int length) {
            assertRejected(with(valid(type), field, "a".repeat(length)), INVALID_FIELD, field);
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("idFieldOfEachType")
        void acceptsIdOf128Characters(EventType type, String field) throws Exception {
            assertAcceptedId(type, field, "a".repeat(128));
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("idFieldOfEachType")
        void acceptsOneCharacterId(EventType type, String field) throws Exception {
            assertAcceptedId(type, field, "z");
        }

        /** 128 emoji are 256 UTF-16 units and 512 bytes: still 128 characters. */
        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("idFieldOfEachType")
        void idLengthCountsCodePointsForEveryIdField(EventType type, String field)
                throws Exception {
            assertAcceptedId(type, field, "😀".repeat(128));
            assertAcceptedId(type, field, "a" + "😀".repeat(127));
            assertRejected(with(valid(type), field, "😀".repeat(129)), INVALID_FIELD, field);
            assertRejected(with(valid(type), field, "a".repeat(129)), INVALID_FIELD, field);
        }

        @Test
        void aHundredEmojiCampaignIdIsValid() throws Exception {
            String id = "🎉".repeat(100);

            assertThat(parse(with(valid(EventType.REGISTRATION), "campaign_id", id)).key)
                    .isEqualTo(id);
        }

        @Test
        void idLengthCountsCharactersNotBytes() throws Exception {
            String id = "直".repeat(128); // 384 bytes of UTF-8

            Event e = parse(with(valid(EventType.ORDER_PAID), "order_id", id));

            assertThat(e.key).isEqualTo(id);
            assertRejected(
                    with(valid(EventType.ORDER_PAID), "order_id", "直".repeat(129)),
                    INVALID_FIELD,
                    "order_id");
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("idFieldOfEachType")
        void rejectsIdWithALoneSurrogateEscape(EventType type, String field) {
            for (String half : List.of("\\ud800", "\\udc00", "\\ude00\\ud83d")) {
                String s = json(with(valid(type), field, "a@HALF@")).replace("@HALF@", half);

                InvalidEventException e = rejected(s);

                assertThat(e.reason()).as(s).isEqualTo(INVALID_FIELD);
                assertThat(e.detail()).contains(field);
            }
        }

        @Test
        void acceptsIdWithAnEscapedSurrogatePair() throws Exception {
            String s =
                    json(with(valid(EventType.ORDER_PAID), "order_id", "o@PAIR@"))
                            .replace("@PAIR@", "\\ud83d\\ude00");

            assertThat(parse(s).key).isEqualTo("o\uD83D\uDE00");
        }

        @Test
        void whiteSpaceOnlyIdIsNotEmpty() throws Exception {
            assertThat(parse(with(valid(EventType.ORDER_PAID), "order_id", " ")).key)
                    .isEqualTo(" ");
        }

        private void assertAcceptedId(EventType type, String field, String id) throws Exception {
            Event e = parse(with(valid(type), field, id));

            switch (field) {
                case "streamer_id":
                    assertThat(e.streamerId).isEqualTo(id);
                    break;
                case "merchant_id":
                    // validated but not kept: acceptance is all there is to see
                    assertThat(e.key).isEqualTo("o1");
                    break;
                case "session_id":
                    assertThat(type == EventType.ORDER_PAID ? e.sessionId : e.key).isEqualTo(id);
                    break;
                case "order_id":
                    assertThat(type == EventType.ORDER_REFUNDED ? e.orderId : e.key).isEqualTo(id);
                    break;
                default:
                    assertThat(e.key).isEqualTo(id);
            }
        }
    }

    @Nested
    class EventTime {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "yesterday",
                    "",
                    "2024-12-05",
                    "2024-12-05T20:15:03",
                    "2024-12-05T20:15:03.120",
                    "2024-12-05 20:15:03Z",
                    "2023-02-29T00:00:00Z",
                    "2024-12-05T24:00:00Z",
                    "2024-12-05T20:15:03+0800",
                    "1733400903120",
                    // java.time's ISO parser accepts these; RFC 3339 does not (SPEC §2)
                    "2024-12-05T20:15:03.120+08:00:00",
                    "2024-12-05T20:15:03+08",
                    "2024-12-05T20:15+08:00",
                    "2024-12-05T20:15:03.+08:00",
                    "+10000-01-01T00:00:00Z",
                    "-0001-01-01T00:00:00Z",
                    // no basic format, week or ordinal dates, comma fractions, other separators
                    "20241205T201503+0800",
                    "20241205T20:15:03+08:00",
                    "2024-W49-4T20:15:03+08:00",
                    "2024-340T20:15:03+08:00",
                    "2024-12-05T20:15:03,120+08:00",
                    "2024-12-05t20:15:03 z",
                    "2024-12-05_20:15:03Z",
                    // offsets beyond ±18:00, a leap second
                    "2024-12-05T20:15:03+18:01",
                    "2024-12-05T20:15:03-19:00",
                    "2024-12-31T23:59:60Z",
                })
        void rejectsUnparseableEventTimeQuotingIt(String time) {
            InvalidEventException e =
                    rejected(with(valid(EventType.ORDER_PAID), "event_time", time));

            assertThat(e.reason()).isEqualTo(INVALID_FIELD);
            assertThat(e.detail()).contains("event_time").contains("\"" + time + "\"");
        }

        @ParameterizedTest
        @CsvSource({
            "2024-12-05t12:15:03.120z, 2024-12-05T12:15:03.120Z",
            "2024-12-05t20:15:03.120+08:00, 2024-12-05T12:15:03.120Z",
            "2024-12-05T12:15:03.120z, 2024-12-05T12:15:03.120Z",
            "2024-12-06T06:15:03.120+18:00, 2024-12-05T12:15:03.120Z",
            "2024-12-04T18:15:03.120-18:00, 2024-12-05T12:15:03.120Z",
            "2024-12-05T12:15:03.120-00:00, 2024-12-05T12:15:03.120Z",
            "2024-12-05T12:15:03.1209999999999+00:00, 2024-12-05T12:15:03.120Z",
        })
        void acceptsLowerCaseTAndZAndOffsetsUpToEighteenHours(String time, String utc)
                throws Exception {
            assertThat(parse(with(valid(EventType.ORDER_PAID), "event_time", time)).eventTime)
                    .isEqualTo(millis(utc));
        }

        @Test
        void detailSaysWhatIsWrongWithTheEventTime() {
            InvalidEventException e =
                    rejected(
                            with(
                                    valid(EventType.ORDER_PAID),
                                    "event_time",
                                    "2024-12-05T20:15:03+19:00"));

            assertThat(e.detail())
                    .isEqualTo(
                            "event_time: not an RFC 3339 instant like"
                                    + " 2024-12-05T20:15:03.120+08:00 (offset beyond ±18:00):"
                                    + " \"2024-12-05T20:15:03+19:00\"");
        }

        @Test
        void rejectsNumericEventTime() {
            assertRejected(
                    with(valid(EventType.ORDER_PAID), "event_time", 1_733_400_903_120L),
                    INVALID_FIELD,
                    "event_time");
        }

        @Test
        void longUnparseableEventTimeIsShortenedInTheDetail() {
            String time = "x".repeat(10_000);

            InvalidEventException e =
                    rejected(with(valid(EventType.ORDER_PAID), "event_time", time));

            assertThat(e.reason()).isEqualTo(INVALID_FIELD);
            assertThat(e.detail()).contains("event_time").hasSizeLessThan(500);
        }

        @Test
        void acceptsLeapDay() throws Exception {
            String t = "2024-02-29T23:59:59.999+08:00";

            assertThat(parse(with(valid(EventType.ORDER_PAID), "event_time", t)).eventTime)
                    .isEqualTo(millis(t));
        }
    }

    @Nested
    class AmountFen {

        @ParameterizedTest
        @MethodSource("com.livegmv.events.EventParserTest#typesWithAnAmount")
        void acceptsOneFenAndOneHundredBillionFen(EventType type) throws Exception {
            assertThat(parse(with(valid(type), "amount_fen", 1)).amountFen).isEqualTo(1L);
            assertThat(parse(with(valid(type), "amount_fen", EventParser.MAX_AMOUNT_FEN)).amountFen)
                    .isEqualTo(100_000_000_000L);
        }

        @Test
        void maxAmountIsOneHundredBillionFen() {
            assertThat(EventParser.MAX_AMOUNT_FEN).isEqualTo(100_000_000_000L);
        }

        static Stream<Arguments> outOfRangeAmounts() {
            List<Arguments> out = new ArrayList<>();
            for (EventType t : typesWithAnAmount().toList()) {
                for (String literal :
                        List.of(
                                "0",
                                "-0",
                                "-5",
                                "100000000001",
                                "9223372036854775807",
                                "9223372036854775808",
                                "-9223372036854775808",
                                "1000000000000000000000000000000",
                                "-1000000000000000000000000000000")) {
                    out.add(Arguments.of(t, literal));
                }
            }
            return out.stream();
        }

        @ParameterizedTest(name = "{0} amount_fen {1}")
        @MethodSource("outOfRangeAmounts")
        void rejectsIntegerAmountOutsideOneToOneHundredBillionFen(EventType type, String literal) {
            String s = json(with(valid(type), "amount_fen", "@AMOUNT@"));

            InvalidEventException e = rejected(s.replace("\"@AMOUNT@\"", literal));

            assertThat(e.reason()).isEqualTo(INVALID_FIELD);
            assertThat(e.detail()).contains("amount_fen");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "100.0", "1e2", "1E+2", "\"100\"", "true", "[100]", "{}"})
        void rejectsAmountThatIsNotAJsonInteger(String literal) {
            String s = json(with(valid(EventType.ORDER_PAID), "amount_fen", "@AMOUNT@"));

            InvalidEventException e = rejected(s.replace("\"@AMOUNT@\"", literal));

            assertThat(e.reason()).isEqualTo(INVALID_FIELD);
            assertThat(e.detail()).contains("amount_fen");
        }

        @Test
        void rejectsAmountAboveOneHundredBillionFen() {
            assertRejected(
                    with(valid(EventType.ORDER_PAID), "amount_fen", 100_000_000_001L),
                    INVALID_FIELD,
                    "amount_fen");
        }
    }

    @Nested
    class Currency {

        @ParameterizedTest
        @MethodSource("com.livegmv.events.EventParserTest#typesWithAnAmount")
        void rejectsUsdAsUnsupportedCurrency(EventType type) {
            assertRejected(with(valid(type), "currency", "USD"), UNSUPPORTED_CURRENCY, "USD");
        }

        @ParameterizedTest
        @ValueSource(strings = {"cny", "CNY ", "", "RMB"})
        void currencyMustBeExactlyCny(String currency) {
            assertThat(rejected(with(valid(EventType.ORDER_PAID), "currency", currency)).reason())
                    .isEqualTo(UNSUPPORTED_CURRENCY);
        }

        @Test
        void unsupportedCurrencyDetailIsQuotedAndShort() {
            InvalidEventException empty =
                    rejected(with(valid(EventType.ORDER_PAID), "currency", ""));
            InvalidEventException huge =
                    rejected(with(valid(EventType.ORDER_PAID), "currency", "X".repeat(1_000_000)));

            assertThat(empty.reason()).isEqualTo(UNSUPPORTED_CURRENCY);
            assertThat(empty.detail()).isEqualTo("\"\"");
            assertThat(huge.reason()).isEqualTo(UNSUPPORTED_CURRENCY);
            assertThat(huge.detail()).hasSizeLessThan(100);
        }

        @Test
        void currencyIsRequiredOnOrderPaid() {
            assertRejected(
                    without(valid(EventType.ORDER_PAID), "currency"), MISSING_FIELD, "currency");
        }

        @Test
        void currencyMayBeAbsentOrNullOnARefund() throws Exception {
            Event absent = parse(without(valid(EventType.ORDER_REFUNDED), "currency"));
            Event nul = parse(with(valid(EventType.ORDER_REFUNDED), "currency", null));

            assertThat(absent.key).isEqualTo("r1");
            assertThat(absent.amountFen).isEqualTo(300_000L);
            assertThat(nul.key).isEqualTo("r1");
        }

        @ParameterizedTest(name = "{0}.{1} = {2}")
        @CsvSource({"ORDER_REFUNDED, currency, 156", "ORDER_PAID, session_id, 17"})
        void rejectsANumberWhereAnOptionalStringIsExpected(
                EventType type, String field, int value) {
            assertRejected(with(valid(type), field, value), INVALID_FIELD, field);
        }
    }

    @Nested
    class OrderSessionAndRiskFlags {

        @Test
        void orderWithNullSessionIsNotALivestreamOrder() throws Exception {
            Event e = parse(with(valid(EventType.ORDER_PAID), "session_id", null));

            assertThat(e.sessionId).isNull();
            assertThat(e.key).isEqualTo("o1");
        }

        @Test
        void orderWithoutSessionIsNotALivestreamOrder() throws Exception {
            Event e = parse(without(valid(EventType.ORDER_PAID), "session_id"));

            assertThat(e.sessionId).isNull();
            assertThat(e.key).isEqualTo("o1");
        }

        @Test
        void emptyRiskFlagsIsNotRisky() throws Exception {
            assertThat(parse(with(valid(EventType.ORDER_PAID), "risk_flags", List.of())).risky)
                    .isFalse();
        }

        @Test
        void absentOrNullRiskFlagsIsNotRisky() throws Exception {
            assertThat(parse(without(valid(EventType.ORDER_PAID), "risk_flags")).risky).isFalse();
            assertThat(parse(with(valid(EventType.ORDER_PAID), "risk_flags", null)).risky)
                    .isFalse();
        }

        @Test
        void nonEmptyRiskFlagsIsRisky() throws Exception {
            assertThat(parse(with(valid(EventType.ORDER_PAID), "risk_flags", List.of("x"))).risky)
                    .isTrue();
            assertThat(
                            parse(
                                            with(
                                                    valid(EventType.ORDER_PAID),
                                                    "risk_flags",
                                                    List.of("velocity", "new_device")))
                                    .risky)
                    .isTrue();
        }

        @Test
        void anEmptyStringFlagStillMakesTheOrderRisky() throws Exception {
            assertThat(parse(with(valid(EventType.ORDER_PAID), "risk_flags", List.of(""))).risky)
                    .isTrue();
        }

        @Test
        void riskFlagsKeysAfterTheArrayAreStillRead() throws Exception {
            Map<String, Object> m = valid(EventType.ORDER_PAID);
            m.remove("risk_flags");
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("risk_flags", List.of("a", "b", "c"));
            first.putAll(m);

            Event e = parse(first);

            assertThat(e.risky).isTrue();
            assertThat(e.amountFen).isEqualTo(600_000L);
            assertThat(e.key).isEqualTo("o1");
        }

        static Stream<Object> notAnArrayOfStrings() {
            return Stream.of(
                    "x",
                    5,
                    true,
                    Map.of("a", "b"),
                    List.of(1),
                    List.of("ok", 2),
                    Arrays.asList("ok", null),
                    List.of(List.of("x")),
                    List.of(Map.of()));
        }

        @ParameterizedTest
        @MethodSource("notAnArrayOfStrings")
        void rejectsRiskFlagsThatAreNotAnArrayOfStrings(Object flags) {
            assertRejected(
                    with(valid(EventType.ORDER_PAID), "risk_flags", flags),
                    INVALID_FIELD,
                    "risk_flags");
        }
    }

    /** SPEC §2: an optional field present and not null is checked like a required one. */
    @Nested
    class OptionalFields {

        /** Every optional field of the SPEC §2 table, with its type. */
        static Stream<Arguments> optionalFieldOfEachType() {
            return Stream.of(
                    Arguments.of(EventType.REGISTRATION, "role"),
                    Arguments.of(EventType.PREVIEW_PUBLISHED, "scheduled_start"),
                    Arguments.of(EventType.ORDER_PAID, "session_id"),
                    Arguments.of(EventType.ORDER_PAID, "merchant_id"),
                    Arguments.of(EventType.ORDER_PAID, "risk_flags"),
                    Arguments.of(EventType.ORDER_REFUNDED, "currency"));
        }

        @ParameterizedTest(name = "{0}.{1}")
        @MethodSource("optionalFieldOfEachType")
        void acceptsEachOptionalFieldAbsentOrNull(EventType type, String field) throws Exception {
            assertThat(parse(without(valid(type), field)).type).isEqualTo(type);
            assertThat(parse(with(valid(type), field, null)).type).isEqualTo(type);
        }

        static Stream<Arguments> optionalFieldWithWrongJsonType() {
            return optionalFieldOfEachType()
                    .flatMap(
                            a -> {
                                String field = (String) a.get()[1];
                                List<Object> wrong =
                                        field.equals("risk_flags")
                                                ? List.of("VELOCITY", 5, true, Map.of("a", "b"))
                                                : List.of(
                                                        42,
                                                        1.5,
                                                        true,
                                                        List.of("x"),
                                                        Map.of("id", "x"));
                                return wrong.stream().map(w -> Arguments.of(a.get()[0], field, w));
                            });
        }

        @ParameterizedTest(name = "{0}.{1} = {2}")
        @MethodSource("optionalFieldWithWrongJsonType")
        void rejectsOptionalFieldOfWrongJsonTypeNamingIt(
                EventType type, String field, Object value) {
            assertRejected(with(valid(type), field, value), INVALID_FIELD, field);
        }

        static Stream<Arguments> optionalFieldOutsideItsValues() {
            return Stream.of(
                    Arguments.of(EventType.REGISTRATION, "role", "merchant", INVALID_FIELD),
                    Arguments.of(EventType.REGISTRATION, "role", "Creator", INVALID_FIELD),
                    Arguments.of(EventType.REGISTRATION, "role", "ADMIN", INVALID_FIELD),
                    Arguments.of(EventType.REGISTRATION, "role", "", INVALID_FIELD),
                    Arguments.of(EventType.REGISTRATION, "role", " MERCHANT", INVALID_FIELD),
                    Arguments.of(EventType.PREVIEW_PUBLISHED, "scheduled_start", "", INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "tonight",
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-12-05 20:00:00+08:00",
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-12-05T20:00:00",
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-W49-4T20:00:00+08:00",
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-12-05T20:00:00+19:00",
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-02-30T20:00:00Z",
                            INVALID_FIELD),
                    Arguments.of(EventType.ORDER_PAID, "session_id", "", INVALID_FIELD),
                    Arguments.of(
                            EventType.ORDER_PAID, "session_id", "x".repeat(129), INVALID_FIELD),
                    Arguments.of(EventType.ORDER_PAID, "merchant_id", "", INVALID_FIELD),
                    Arguments.of(
                            EventType.ORDER_PAID, "merchant_id", "😀".repeat(129), INVALID_FIELD),
                    Arguments.of(EventType.ORDER_PAID, "risk_flags", List.of(1), INVALID_FIELD),
                    Arguments.of(
                            EventType.ORDER_PAID,
                            "risk_flags",
                            Arrays.asList("ok", null),
                            INVALID_FIELD),
                    Arguments.of(
                            EventType.ORDER_PAID,
                            "risk_flags",
                            List.of(List.of("x")),
                            INVALID_FIELD),
                    Arguments.of(EventType.ORDER_REFUNDED, "currency", "USD", UNSUPPORTED_CURRENCY),
                    Arguments.of(EventType.ORDER_REFUNDED, "currency", "cny", UNSUPPORTED_CURRENCY),
                    Arguments.of(EventType.ORDER_REFUNDED, "currency", "", UNSUPPORTED_CURRENCY));
        }

        @ParameterizedTest(name = "{0}.{1} = \"{2}\"")
        @MethodSource("optionalFieldOutsideItsValues")
        void rejectsOptionalFieldOutsideItsValues(
                EventType type, String field, Object value, RejectReason reason) {
            InvalidEventException e = rejected(with(valid(type), field, value));

            assertThat(e.reason()).isEqualTo(reason);
            if (reason == INVALID_FIELD) {
                assertThat(e.detail()).startsWith(field + ": ");
            }
        }

        static Stream<Arguments> optionalFieldWithinItsValues() {
            return Stream.of(
                    Arguments.of(EventType.REGISTRATION, "role", "MERCHANT"),
                    Arguments.of(EventType.REGISTRATION, "role", "CREATOR"),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-12-05t20:00:00.5z"),
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "2024-12-05T20:00:00-18:00"),
                    // the future skew limit is for event_time only
                    Arguments.of(
                            EventType.PREVIEW_PUBLISHED,
                            "scheduled_start",
                            "9999-12-31T23:59:59.999999Z"),
                    Arguments.of(EventType.ORDER_PAID, "session_id", "😀".repeat(128)),
                    Arguments.of(EventType.ORDER_PAID, "merchant_id", "商".repeat(128)),
                    Arguments.of(EventType.ORDER_PAID, "risk_flags", List.of()),
                    Arguments.of(EventType.ORDER_PAID, "risk_flags", List.of("", "VELOCITY")),
                    Arguments.of(EventType.ORDER_REFUNDED, "currency", "CNY"));
        }

        @ParameterizedTest(name = "{0}.{1} = \"{2}\"")
        @MethodSource("optionalFieldWithinItsValues")
        void acceptsOptionalFieldWithinItsValues(EventType type, String field, Object value)
                throws Exception {
            assertThat(parse(with(valid(type), field, value)).type).isEqualTo(type);
        }

        @Test
        void roleDetailNamesTheAllowedValuesAndTheValueGiven() {
            assertThat(rejected(with(valid(EventType.REGISTRATION), "role", "ADMIN")).detail())
                    .isEqualTo("role: expected \"MERCHANT\" or \"CREATOR\", got \"ADMIN\"");
            assertThat(rejected(with(valid(EventType.REGISTRATION), "role", 5)).detail())
                    .isEqualTo("role: expected \"MERCHANT\" or \"CREATOR\"");
        }
    }

    /** SPEC §2: fields not listed for a type are extra fields, ignored whatever their value. */
    @Nested
    class ExtraFields {

        static Stream<Arguments> currencyOnTypesWithoutAnAmount() {
            List<Object> values =
                    Arrays.asList("USD", "", 156, true, null, List.of("CNY"), Map.of("c", "CNY"));
            return Stream.of(
                            EventType.LIVE_SESSION_STARTED,
                            EventType.REGISTRATION,
                            EventType.PREVIEW_PUBLISHED)
                    .flatMap(t -> values.stream().map(v -> Arguments.of(t, v)));
        }

        @ParameterizedTest(name = "{0} currency = {1}")
        @MethodSource("currencyOnTypesWithoutAnAmount")
        void currencyOnTypesWithoutAnAmountIsIgnoredWhateverItsValue(EventType type, Object value)
                throws Exception {
            Event plain = parse(valid(type));

            Event e = parse(with(valid(type), "currency", value));

            assertThat(e).usingRecursiveComparison().isEqualTo(plain);
        }

        static Stream<Arguments> optionalFieldsOfOtherTypes() {
            return Stream.of(
                    Arguments.of(EventType.ORDER_PAID, "role", "ADMIN"),
                    Arguments.of(EventType.LIVE_SESSION_STARTED, "role", 5),
                    Arguments.of(EventType.REGISTRATION, "scheduled_start", "tonight"),
                    Arguments.of(EventType.ORDER_REFUNDED, "scheduled_start", List.of()),
                    Arguments.of(EventType.REGISTRATION, "merchant_id", ""),
                    Arguments.of(EventType.PREVIEW_PUBLISHED, "risk_flags", "x"),
                    Arguments.of(EventType.ORDER_REFUNDED, "session_id", 12));
        }

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("optionalFieldsOfOtherTypes")
        void optionalFieldsOfOtherTypesAreIgnoredWhateverTheirValue(
                EventType type, String field, Object value) throws Exception {
            Event plain = parse(valid(type));

            assertThat(parse(with(valid(type), field, value)))
                    .usingRecursiveComparison()
                    .isEqualTo(plain);
        }
    }
}
