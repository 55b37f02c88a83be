package com.livegmv.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventGeneratorTest {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The campaign of examples/1212-basic/campaigns.yaml. */
    private static final CampaignWindow FESTIVAL =
            CampaignWindow.ofLocal(
                    "1212-2024",
                    ZoneId.of("Asia/Shanghai"),
                    LocalDateTime.parse("2024-11-25T00:00"),
                    LocalDateTime.parse("2024-12-12T00:00"),
                    LocalDateTime.parse("2024-12-05T00:00"),
                    LocalDateTime.parse("2024-12-13T00:00"),
                    Duration.ofDays(7),
                    "SHOPPING");

    private static final Pattern EVENT_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00");

    private static final Set<String> TYPES =
            Set.of(
                    "LIVE_SESSION_STARTED",
                    "REGISTRATION",
                    "PREVIEW_PUBLISHED",
                    "ORDER_PAID",
                    "ORDER_REFUNDED");

    private static List<String> sample;
    private static GeneratorStats sampleStats;

    @BeforeAll
    static void generateSample() {
        sample = new ArrayList<>();
        sampleStats =
                new EventGenerator(
                                new GeneratorOptions(3_000, 200_000, 20241212L, List.of(FESTIVAL)))
                        .generate(sample::add);
    }

    @Test
    void sameSeedGivesIdenticalOutput() {
        GeneratorOptions options = new GeneratorOptions(500, 30_000, 99L, List.of(FESTIVAL));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        GeneratorStats a = new EventGenerator(options).generate(first::add);
        GeneratorStats b = new EventGenerator(options).generate(second::add);

        assertThat(second).isEqualTo(first);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void oneGeneratorGivesTheSameOutputOnEveryCall() {
        EventGenerator generator =
                new EventGenerator(new GeneratorOptions(200, 5_000, 5L, List.of(FESTIVAL)));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        generator.generate(first::add);
        generator.generate(second::add);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentOutput() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        new EventGenerator(new GeneratorOptions(500, 10_000, 1L, List.of(FESTIVAL)))
                .generate(first::add);
        new EventGenerator(new GeneratorOptions(500, 10_000, 2L, List.of(FESTIVAL)))
                .generate(second::add);

        assertThat(second).hasSameSizeAs(first).isNotEqualTo(first);
        Set<String> firstLines = new HashSet<>(first);
        long shared =
                second.stream()
                        .filter(line -> rejection(line) == null)
                        .filter(firstLines::contains)
                        .count();
        assertThat(shared).isZero();
    }

    @ParameterizedTest(name = "{0} streamers, {1} lines")
    @CsvSource({
        "1, 0",
        "1, 1",
        "3, 2",
        "10, 7",
        "50, 999",
        "1000, 1000",
        "20000, 3000",
        "700, 123457"
    })
    void emitsExactlyTheRequestedNumberOfLines(int streamers, long events) {
        long[] count = {0};
        GeneratorStats stats =
                new EventGenerator(new GeneratorOptions(streamers, events, 3L, List.of(FESTIVAL)))
                        .generate(line -> count[0]++);

        assertThat(count[0]).isEqualTo(events);
        assertThat(stats.lines()).isEqualTo(events);
        assertThat(partsOf(stats)).isEqualTo(events);
    }

    @Test
    void emitsExactlyTheRequestedNumberOfLinesWithoutCampaigns() {
        List<String> lines = new ArrayList<>();
        GeneratorStats stats =
                new EventGenerator(new GeneratorOptions(100, 20_000, 3L, List.of()))
                        .generate(lines::add);

        assertThat(lines).hasSize(20_000);
        assertThat(stats.registrations()).isZero();
        assertThat(stats.orders()).isGreaterThan(15_000);
    }

    @Test
    void noLineIsMoreThan1500MsEarlierThanTheLatestEventTimeBeforeIt() {
        Long max = null;
        long worst = 0;
        for (String line : sample) {
            Long t = eventTimeOf(line);
            if (t == null) {
                continue;
            }
            if (max != null) {
                worst = Math.max(worst, max - t);
            }
            max = max == null ? t : Math.max(max, t);
        }

        assertThat(worst).isBetween(1L, 1_500L); // some disorder, never beyond the bound
    }

    @Test
    void everyLineIsEitherWellFormedOrCountedAsMalformed() {
        long rejected = 0;
        for (String line : sample) {
            if (rejection(line) != null) {
                rejected++;
            }
        }

        assertThat(rejected).isEqualTo(sampleStats.malformed());
    }

    @Test
    void everyWellFormedLineIsAJsonObjectWithTheRequiredFieldsOfItsType() throws Exception {
        Map<String, Integer> perType = new HashMap<>();
        for (String line : sample) {
            if (rejection(line) != null) {
                continue;
            }
            JsonNode e = MAPPER.readTree(line);
            String type = e.get("type").asText();
            perType.merge(type, 1, Integer::sum);
            assertThat(e.get("event_time").asText()).matches(EVENT_TIME);
            switch (type) {
                case "LIVE_SESSION_STARTED" ->
                        assertThat(e.get("category").asText())
                                .isIn("SHOPPING", "GAMING", "MUSIC", "OUTDOOR");
                case "ORDER_PAID" -> {
                    assertThat(e.get("currency").asText()).isEqualTo("CNY");
                    assertThat(e.get("amount_fen").isIntegralNumber()).isTrue();
                }
                default -> {}
            }
        }

        assertThat(perType).containsOnlyKeys(TYPES);
        assertThat(perType.get("ORDER_PAID")).isGreaterThan(perType.get("LIVE_SESSION_STARTED"));
    }

    @Test
    void malformedLinesAreRoughlyTheDefaultFraction() {
        double share = (double) sampleStats.malformed() / sample.size();

        assertThat(share).isBetween(0.004, 0.006);
    }

    @Test
    void malformedLinesFollowTheRequestedFractionAndMixKinds() {
        List<String> lines = new ArrayList<>();
        GeneratorStats stats =
                new EventGenerator(
                                new GeneratorOptions(1_000, 100_000, 11L, List.of(FESTIVAL), 0.05))
                        .generate(lines::add);
        Map<String, Integer> reasons = new HashMap<>();
        for (String line : lines) {
            String reason = rejection(line);
            if (reason != null) {
                reasons.merge(reason, 1, Integer::sum);
            }
        }

        assertThat((double) stats.malformed() / lines.size()).isBetween(0.045, 0.055);
        assertThat(reasons.values().stream().mapToLong(Integer::longValue).sum())
                .isEqualTo(stats.malformed());
        assertThat(reasons)
                .containsKeys(
                        "MALFORMED_JSON",
                        "UNKNOWN_TYPE",
                        "MISSING_FIELD",
                        "INVALID_FIELD",
                        "UNSUPPORTED_CURRENCY");
    }

    @Test
    void noMalformedLinesWhenTheFractionIsZero() {
        List<String> lines = new ArrayList<>();
        GeneratorStats stats =
                new EventGenerator(new GeneratorOptions(300, 20_000, 11L, List.of(FESTIVAL), 0.0))
                        .generate(lines::add);

        assertThat(stats.malformed()).isZero();
        assertThat(lines).allSatisfy(line -> assertThat(rejection(line)).isNull());
    }

    @Test
    void sessionsPrecedeTheirOrdersInTheFileAndInEventTime() {
        long livestream = 0;
        long notLivestream = 0;
        for (Joined order : withEarlier("LIVE_SESSION_STARTED", "ORDER_PAID", "session_id")) {
            JsonNode e = order.event();
            JsonNode sessionId = e.get("session_id");
            if (sessionId == null || sessionId.isNull()) {
                notLivestream++;
                continue;
            }
            livestream++;
            JsonNode session = order.earlier();
            assertThat(session).as("session of %s seen earlier", order.line()).isNotNull();
            assertThat(session.get("streamer_id")).isEqualTo(e.get("streamer_id"));
            assertThat(millis(session)).isLessThan(millis(e));
        }

        double share = (double) notLivestream / (livestream + notLivestream);
        assertThat(share).isBetween(0.08, 0.14);
    }

    @Test
    void refundsFollowTheirOrdersAndHaveUniqueIds() {
        Map<String, String> refundLines = new HashMap<>();
        int partial = 0;
        int full = 0;
        int afterSettlement = 0;
        int unknownOrder = 0;
        for (Joined refund : withEarlier("ORDER_PAID", "ORDER_REFUNDED", "order_id")) {
            JsonNode e = refund.event();
            String previous = refundLines.putIfAbsent(e.get("refund_id").asText(), refund.line());
            assertThat(previous == null || previous.equals(refund.line()))
                    .as("refund id reused by a different line: %s", refund.line())
                    .isTrue();
            JsonNode order = refund.earlier();
            if (order == null) {
                unknownOrder++;
                continue;
            }
            assertThat(order.get("streamer_id")).isEqualTo(e.get("streamer_id"));
            assertThat(millis(e)).isGreaterThan(millis(order));
            long paid = order.get("amount_fen").asLong();
            long refunded = e.get("amount_fen").asLong();
            if (refunded == paid) {
                full++;
            } else {
                partial++;
            }
            if (millis(e) >= FESTIVAL.settleAt()) {
                afterSettlement++;
            }
        }

        assertThat(full).isGreaterThan(100);
        assertThat(partial).isGreaterThan(100);
        assertThat(afterSettlement).isGreaterThan(10);
        assertThat(unknownOrder).isPositive().isLessThan((full + partial) / 10);
    }

    @Test
    void duplicatesAreVerbatimRepeatsOfEarlierLines() {
        Set<String> seen = new HashSet<>();
        long repeats = 0;
        for (String line : sample) {
            if (rejection(line) == null && !seen.add(line)) {
                repeats++;
            }
        }

        assertThat(repeats).isEqualTo(sampleStats.duplicates());
        assertThat((double) repeats / sample.size()).isBetween(0.004, 0.006);
    }

    @Test
    void registrationsAreMostlyInsideTheWindowWithSomeOutsideAndForUnknownCampaigns() {
        Set<String> registered = new HashSet<>();
        Set<String> previewed = new HashSet<>();
        int inside = 0;
        int outside = 0;
        int unknown = 0;
        for (Accepted a : accepted()) {
            JsonNode e = a.event();
            long t = millis(e);
            if (a.type().equals("REGISTRATION")) {
                if (!e.get("campaign_id").asText().equals(FESTIVAL.id())) {
                    unknown++;
                } else if (t >= FESTIVAL.registrationStart() && t < FESTIVAL.registrationEnd()) {
                    inside++;
                    registered.add(e.get("streamer_id").asText());
                } else {
                    outside++;
                }
            } else if (a.type().equals("PREVIEW_PUBLISHED")
                    && t >= FESTIVAL.registrationStart()
                    && t < FESTIVAL.eventEnd()) {
                previewed.add(e.get("streamer_id").asText());
            }
        }
        long registeredAndPreviewed = registered.stream().filter(previewed::contains).count();

        assertThat(outside).isPositive().isLessThan(inside / 10);
        assertThat(unknown).isPositive().isLessThan(inside / 10);
        assertThat(registered.size()).isBetween(1_000, 2_900); // some of 3,000 never register
        assertThat((double) registeredAndPreviewed / registered.size()).isBetween(0.8, 0.95);
    }

    @Test
    void festivalRunGivesAMeaningfulSpreadOfTiers() {
        List<String> lines = new ArrayList<>();
        new EventGenerator(new GeneratorOptions(10_000, 1_000_000, 1212L, List.of(FESTIVAL)))
                .generate(lines::add);
        TierCounts tiers = simplifiedTiers(lines);

        assertThat(tiers.ordersInsideEvent).isGreaterThan(0.65);
        assertThat(tiers.tier1).isGreaterThan(200);
        assertThat(tiers.tier2).isBetween(30, tiers.tier1 / 2);
        assertThat(tiers.tier3).isBetween(5, tiers.tier2 / 2);
    }

    @Test
    void writesTheSameLinesToAFile(@TempDir Path dir) throws IOException {
        GeneratorOptions options = new GeneratorOptions(300, 20_000, 8L, List.of(FESTIVAL));
        List<String> expected = new ArrayList<>();
        new EventGenerator(options).generate(expected::add);
        Path file = dir.resolve("events.jsonl");

        GeneratorStats stats = new EventGenerator(options).writeTo(file);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(stats.lines()).isEqualTo(20_000);
    }

    @Test
    void handlesAMillionStreamers() {
        Set<String> streamers = new HashSet<>();
        long[] count = {0};
        new EventGenerator(new GeneratorOptions(1_000_000, 200_000, 4L, List.of(FESTIVAL)))
                .generate(
                        line -> {
                            count[0]++;
                            int at = line.indexOf("\"streamer_id\":\"s");
                            if (at >= 0 && rejection(line) == null) {
                                int from = at + "\"streamer_id\":\"".length();
                                streamers.add(line.substring(from, line.indexOf('"', from)));
                            }
                        });

        assertThat(count[0]).isEqualTo(200_000);
        assertThat(streamers.size()).isGreaterThan(20_000);
        assertThat(streamers.stream().filter(s -> !s.matches("s\\d{6}")).toList()).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A line of the sample that validation accepts, with its JSON and type. */
    private record Accepted(String line, JsonNode event) {
        String type() {
            return event.get("type").asText();
        }
    }

    /** The accepted lines of the sample, in order, each parsed as it is reached. */
    private static Stream<Accepted> acceptedStream() {
        return sample.stream()
                .map(line -> new Accepted(line, parse(line)))
                .filter(a -> rejection(a.event()) == null);
    }

    private static Iterable<Accepted> accepted() {
        return () -> acceptedStream().iterator();
    }

    /** An accepted line and the first earlier accepted event that it names (or null). */
    private record Joined(String line, JsonNode event, JsonNode earlier) {}

    /**
     * Each accepted event of {@code type}, in order, joined to the first accepted event of {@code
     * earlierType} before it with the {@code idField} it names: null when there is none, or when it
     * names none.
     */
    private static Iterable<Joined> withEarlier(String earlierType, String type, String idField) {
        return () -> {
            Map<String, JsonNode> earlier = new HashMap<>();
            return acceptedStream()
                    .<Joined>mapMulti(
                            (a, out) -> {
                                JsonNode id = a.event().get(idField);
                                if (a.type().equals(earlierType)) {
                                    earlier.putIfAbsent(id.asText(), a.event());
                                } else if (a.type().equals(type)) {
                                    boolean names = id != null && !id.isNull();
                                    out.accept(
                                            new Joined(
                                                    a.line(),
                                                    a.event(),
                                                    names ? earlier.get(id.asText()) : null));
                                }
                            })
                    .iterator();
        };
    }

    private static long partsOf(GeneratorStats s) {
        return s.orders()
                + s.refunds()
                + s.registrations()
                + s.previews()
                + s.sessions()
                + s.malformed()
                + s.duplicates();
    }

    private static long millis(JsonNode e) {
        return OffsetDateTime.parse(e.get("event_time").asText()).toInstant().toEpochMilli();
    }

    /** The event time of any line that has a parseable one, else null. */
    private static Long eventTimeOf(String line) {
        try {
            JsonNode e = MAPPER.readTree(line);
            JsonNode t = e == null ? null : e.get("event_time");
            return t != null && t.isTextual() ? millis(e) : null;
        } catch (JsonProcessingException | DateTimeParseException e) {
            return null;
        }
    }

    /** SPEC section 2 validation: null when the line is accepted, else the reason code. */
    static String rejection(String line) {
        return rejection(parse(line));
    }

    /** The line as a JSON tree, or null when it is not JSON at all. */
    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException ex) {
            return null;
        }
    }

    private static String rejection(JsonNode e) {
        if (e == null || !e.isObject()) {
            return "MALFORMED_JSON";
        }
        JsonNode type = e.get("type");
        if (type == null || type.isNull()) {
            return "MISSING_FIELD";
        }
        if (!type.isTextual()) {
            return "INVALID_FIELD";
        }
        if (!TYPES.contains(type.asText())) {
            return "UNKNOWN_TYPE";
        }
        String problem = time(e, "event_time", true);
        switch (type.asText()) {
            case "LIVE_SESSION_STARTED" -> {
                problem = first(problem, id(e, "session_id", true), id(e, "streamer_id", true));
                problem = first(problem, text(e, "category"), bool(e, "with_goods"));
            }
            case "REGISTRATION" ->
                    problem =
                            first(problem, id(e, "streamer_id", true), id(e, "campaign_id", true));
            case "PREVIEW_PUBLISHED" -> {
                problem = first(problem, id(e, "preview_id", true), id(e, "streamer_id", true));
                problem = first(problem, time(e, "scheduled_start", false));
            }
            case "ORDER_PAID" -> {
                problem = first(problem, id(e, "order_id", true), id(e, "streamer_id", true));
                problem = first(problem, amount(e), currency(e, true));
                problem = first(problem, id(e, "session_id", false), id(e, "merchant_id", false));
            }
            default -> {
                problem = first(problem, id(e, "refund_id", true), id(e, "order_id", true));
                problem = first(problem, id(e, "streamer_id", true), amount(e));
                problem = first(problem, currency(e, false));
            }
        }
        return problem;
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String id(JsonNode e, String field, boolean required) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return required ? "MISSING_FIELD" : null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 128) {
            return "INVALID_FIELD";
        }
        return null;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? "MISSING_FIELD" : v.isTextual() ? null : "INVALID_FIELD";
    }

    private static String bool(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? "MISSING_FIELD" : v.isBoolean() ? null : "INVALID_FIELD";
    }

    private static String time(JsonNode e, String field, boolean required) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return required ? "MISSING_FIELD" : null;
        }
        try {
            OffsetDateTime.parse(v.textValue());
            return null;
        } catch (DateTimeParseException | NullPointerException ex) {
            return "INVALID_FIELD";
        }
    }

    private static String amount(JsonNode e) {
        JsonNode v = e.get("amount_fen");
        if (v == null || v.isNull()) {
            return "MISSING_FIELD";
        }
        boolean ok = v.isIntegralNumber() && v.asLong() >= 1 && v.asLong() <= 100_000_000_000L;
        return ok ? null : "INVALID_FIELD";
    }

    private static String currency(JsonNode e, boolean required) {
        JsonNode v = e.get("currency");
        if (v == null || v.isNull()) {
            return required ? "MISSING_FIELD" : null;
        }
        if (!v.isTextual()) {
            return "INVALID_FIELD";
        }
        return v.asText().equals("CNY") ? null : "UNSUPPORTED_CURRENCY";
    }

    private record TierCounts(double ordersInsideEvent, int tier1, int tier2, int tier3) {}

    /**
     * A much simplified reading of SPEC sections 5-6 in file order (which is event order within 1.5
     * s): counted GMV of eligible streamers at settlement, and how many reach each tier.
     */
    private static TierCounts simplifiedTiers(List<String> lines) {
        Map<String, JsonNode> sessions = new HashMap<>();
        Map<String, Long> countedPaid = new HashMap<>();
        Map<String, String> countedOwner = new HashMap<>();
        Map<String, Long> gmv = new HashMap<>();
        Set<String> registered = new HashSet<>();
        Set<String> previewed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        long orders = 0;
        long inside = 0;
        for (String line : lines) {
            if (!seen.add(line)) {
                continue; // a re-delivery
            }
            JsonNode e = parse(line);
            if (rejection(e) != null) {
                continue;
            }
            long t = millis(e);
            String streamer = e.get("streamer_id").asText();
            switch (e.get("type").asText()) {
                case "LIVE_SESSION_STARTED" -> sessions.put(e.get("session_id").asText(), e);
                case "REGISTRATION" -> {
                    if (e.get("campaign_id").asText().equals(FESTIVAL.id())
                            && t >= FESTIVAL.registrationStart()
                            && t < FESTIVAL.registrationEnd()) {
                        registered.add(streamer);
                    }
                }
                case "PREVIEW_PUBLISHED" -> {
                    if (t >= FESTIVAL.registrationStart() && t < FESTIVAL.eventEnd()) {
                        previewed.add(streamer);
                    }
                }
                case "ORDER_PAID" -> {
                    orders++;
                    if (t < FESTIVAL.eventStart() || t >= FESTIVAL.eventEnd()) {
                        break;
                    }
                    inside++;
                    JsonNode sessionId = e.get("session_id");
                    JsonNode session =
                            sessionId == null ? null : sessions.get(sessionId.asText(""));
                    JsonNode flags = e.get("risk_flags");
                    if (session != null
                            && session.get("streamer_id").asText().equals(streamer)
                            && session.get("category").asText().equals("SHOPPING")
                            && session.get("with_goods").asBoolean()
                            && (flags == null || flags.isEmpty())) {
                        long paid = e.get("amount_fen").asLong();
                        countedPaid.put(e.get("order_id").asText(), paid);
                        countedOwner.put(e.get("order_id").asText(), streamer);
                        gmv.merge(streamer, paid, Long::sum);
                    }
                }
                default -> {
                    String order = e.get("order_id").asText();
                    Long left = countedPaid.get(order);
                    if (left != null && t < FESTIVAL.settleAt()) {
                        long applied = Math.min(left, e.get("amount_fen").asLong());
                        countedPaid.put(order, left - applied);
                        gmv.merge(countedOwner.get(order), -applied, Long::sum);
                    }
                }
            }
        }
        int[] tiers = new int[4];
        for (Map.Entry<String, Long> entry : gmv.entrySet()) {
            String s = entry.getKey();
            if (!registered.contains(s) || !previewed.contains(s)) {
                continue;
            }
            long g = entry.getValue();
            if (g >= 1_000_000) tiers[1]++;
            if (g >= 5_000_000) tiers[2]++;
            if (g >= 20_000_000) tiers[3]++;
        }
        return new TierCounts((double) inside / orders, tiers[1], tiers[2], tiers[3]);
    }
}
