package com.livegmv.campaign;

import static com.livegmv.testing.FieldMaps.with;
import static com.livegmv.testing.FieldMaps.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3: the campaign file, and every way it is refused. */
class CampaignLoaderTest {

    private static final String FILE = "campaigns.yaml";
    private static final String ID = "1212-2024";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The SPEC §3 example, verbatim. */
    private static final String SPEC_EXAMPLE =
            """
            campaigns:
              - id: "1212-2024"
                name: "12.12 Year-End Good Products Festival"
                timezone: Asia/Shanghai          # local times below are in this zone
                registration: { start: "2024-11-25T00:00", end: "2024-12-12T00:00" }
                event:        { start: "2024-12-05T00:00", end: "2024-12-13T00:00" }
                settlement_grace: P7D            # ISO-8601 duration, refunds counted until event.end + grace
                required_category: SHOPPING
                require_preview: true
                clawback_instant: true
                tiers:                           # strictly increasing levels (1..n) and thresholds
                  - { level: 1, threshold_fen: 1000000,  instant_reward_fen: 10000,  post_event_reward_fen: 30000 }
                  - { level: 2, threshold_fen: 5000000,  instant_reward_fen: 50000,  post_event_reward_fen: 150000 }
                  - { level: 3, threshold_fen: 20000000, instant_reward_fen: 200000, post_event_reward_fen: 600000 }
            """;

    private static long shanghai(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    // ---- a campaign as field -> raw YAML value, so a test can drop or change one field ----

    private static final String TIER_1 =
            "{ level: 1, threshold_fen: 1000000, instant_reward_fen: 10000,"
                    + " post_event_reward_fen: 30000 }";
    private static final String TIER_2 =
            "{ level: 2, threshold_fen: 5000000, instant_reward_fen: 50000,"
                    + " post_event_reward_fen: 150000 }";
    private static final String TIER_3 =
            "{ level: 3, threshold_fen: 20000000, instant_reward_fen: 200000,"
                    + " post_event_reward_fen: 600000 }";

    private static Map<String, String> campaign(String id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", "\"" + id + "\"");
        m.put("name", "\"12.12 Year-End Good Products Festival\"");
        m.put("timezone", "Asia/Shanghai");
        m.put("registration", "{ start: \"2024-11-25T00:00\", end: \"2024-12-12T00:00\" }");
        m.put("event", "{ start: \"2024-12-05T00:00\", end: \"2024-12-13T00:00\" }");
        m.put("settlement_grace", "P7D");
        m.put("required_category", "SHOPPING");
        m.put("require_preview", "true");
        m.put("clawback_instant", "true");
        m.put("tiers", tiers(TIER_1, TIER_2, TIER_3));
        return m;
    }

    private static Map<String, String> campaign() {
        return campaign(ID);
    }

    private static String tiers(String... tiers) {
        StringBuilder b = new StringBuilder();
        for (String t : tiers) {
            b.append("\n      - ").append(t);
        }
        return b.toString();
    }

    private static String tier(int level, Object threshold, Object instant, Object post) {
        return "{ level: "
                + level
                + ", threshold_fen: "
                + threshold
                + ", instant_reward_fen: "
                + instant
                + ", post_event_reward_fen: "
                + post
                + " }";
    }

    @SafeVarargs
    private static String yaml(Map<String, String>... campaigns) {
        StringBuilder b = new StringBuilder("campaigns:\n");
        for (Map<String, String> c : campaigns) {
            boolean first = true;
            for (Map.Entry<String, String> e : c.entrySet()) {
                b.append(first ? "  - " : "    ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue())
                        .append('\n');
                first = false;
            }
        }
        return b.toString();
    }

    private static ConfigException refusal(String yaml) {
        Throwable t = catchThrowable(() -> CampaignLoader.parse(yaml, FILE));
        assertThat(t).as("expected a refusal of:%n%s", yaml).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
        return (ConfigException) t;
    }

    /** The message names the file, the campaign and the field. */
    private static void assertRefused(String yaml, String campaignId, String field) {
        assertThat(refusal(yaml).getMessage())
                .startsWith(FILE + ": ")
                .contains("campaign \"" + campaignId + "\"")
                .contains("'" + field + "'");
    }

    // ---- the SPEC example -------------------------------------------------------------------

    @Test
    void specExampleLoadsWithItsWindowsInShanghaiTime() {
        CampaignPlan plan = CampaignLoader.parse(SPEC_EXAMPLE, FILE);

        assertThat(plan.size()).isEqualTo(1);
        Campaign c = plan.get(0);
        assertThat(c.id()).isEqualTo(ID);
        assertThat(c.name()).isEqualTo("12.12 Year-End Good Products Festival");
        assertThat(c.timezone()).isEqualTo("Asia/Shanghai");
        assertThat(c.registrationStart()).isEqualTo(shanghai(2024, 11, 25, 0, 0));
        assertThat(c.registrationEnd()).isEqualTo(shanghai(2024, 12, 12, 0, 0));
        assertThat(c.eventStart()).isEqualTo(shanghai(2024, 12, 5, 0, 0));
        assertThat(c.eventEnd()).isEqualTo(shanghai(2024, 12, 13, 0, 0));
        // Shanghai midnight is 16:00 UTC the day before
        assertThat(c.eventStart())
                .isEqualTo(OffsetDateTime.parse("2024-12-04T16:00:00Z").toInstant().toEpochMilli());
    }

    @Test
    void specExampleSettlesSevenDaysAfterTheEventEnds() {
        Campaign c = CampaignLoader.parse(SPEC_EXAMPLE, FILE).get(0);

        assertThat(c.graceMillis()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(c.settleAt())
                .isEqualTo(shanghai(2024, 12, 20, 0, 0))
                .isEqualTo(c.eventEnd() + 7L * 24 * 60 * 60 * 1000);
    }

    @Test
    void specExampleHasItsRulesAndTiers() {
        Campaign c = CampaignLoader.parse(SPEC_EXAMPLE, FILE).get(0);

        assertThat(c.requiredCategory()).isEqualTo("SHOPPING");
        assertThat(c.requirePreview()).isTrue();
        assertThat(c.clawbackInstant()).isTrue();
        TierLadder l = c.ladder();
        assertThat(l.size()).isEqualTo(3);
        assertThat(l.tier(1)).isEqualTo(new Tier(1, 1_000_000L, 10_000L, 30_000L));
        assertThat(l.tier(2)).isEqualTo(new Tier(2, 5_000_000L, 50_000L, 150_000L));
        assertThat(l.tier(3)).isEqualTo(new Tier(3, 20_000_000L, 200_000L, 600_000L));
    }

    @Test
    void windowsAreHalfOpen() {
        Campaign c = CampaignLoader.parse(SPEC_EXAMPLE, FILE).get(0);
        long regStart = shanghai(2024, 11, 25, 0, 0);
        long regEnd = shanghai(2024, 12, 12, 0, 0);
        long evStart = shanghai(2024, 12, 5, 0, 0);
        long evEnd = shanghai(2024, 12, 13, 0, 0);

        assertHalfOpen("registration", c::inRegistration, regStart, regEnd);
        assertHalfOpen("event", c::inEvent, evStart, evEnd);
        // a preview counts from registration start until the event ends
        assertHalfOpen("preview", c::inPreview, regStart, evEnd);
    }

    private static void assertHalfOpen(String window, LongPredicate in, long start, long end) {
        assertThat(in.test(start - 1)).as("%s just before its start", window).isFalse();
        assertThat(in.test(start)).as("%s at its start", window).isTrue();
        assertThat(in.test(end - 1)).as("%s just before its end", window).isTrue();
        assertThat(in.test(end)).as("%s at its end", window).isFalse();
    }

    @Test
    void builtExampleMatchesTheVerbatimSpecExample() {
        Campaign built = CampaignLoader.parse(yaml(campaign()), FILE).get(0);
        Campaign spec = CampaignLoader.parse(SPEC_EXAMPLE, FILE).get(0);

        assertThat(built).usingRecursiveComparison().isEqualTo(spec);
    }

    @Test
    void windowTimesMayCarryAnExplicitOffset() {
        Map<String, String> c =
                with(
                        campaign(),
                        "event",
                        "{ start: \"2024-12-05T00:00+08:00\", end: \"2024-12-12T16:00Z\" }");

        Campaign loaded = CampaignLoader.parse(yaml(c), FILE).get(0);

        assertThat(loaded.eventStart()).isEqualTo(shanghai(2024, 12, 5, 0, 0));
        assertThat(loaded.eventEnd()).isEqualTo(shanghai(2024, 12, 13, 0, 0));
    }

    @Test
    void localTimesFollowTheCampaignsOwnZone() {
        Map<String, String> c = with(campaign(), "timezone", "Europe/Berlin");

        Campaign loaded = CampaignLoader.parse(yaml(c), FILE).get(0);

        assertThat(loaded.timezone()).isEqualTo("Europe/Berlin");
        assertThat(loaded.eventStart())
                .isEqualTo(
                        LocalDateTime.of(2024, 12, 5, 0, 0)
                                .atZone(ZoneId.of("Europe/Berlin"))
                                .toInstant()
                                .toEpochMilli());
    }

    @Test
    void severalCampaignsKeepFileOrderAndAreFoundById() {
        Map<String, String> sprint =
                with(
                        with(campaign("sprint"), "settlement_grace", "P3D"),
                        "require_preview",
                        "false");

        CampaignPlan plan = CampaignLoader.parse(yaml(campaign(), sprint), FILE);

        assertThat(plan.size()).isEqualTo(2);
        assertThat(plan.campaigns()).extracting(Campaign::id).containsExactly(ID, "sprint");
        assertThat(plan.indexOf(ID)).isZero();
        assertThat(plan.indexOf("sprint")).isEqualTo(1);
        assertThat(plan.indexOf("no-such-campaign")).isEqualTo(-1);
        assertThat(plan.get(1).requirePreview()).isFalse();
        assertThat(plan.lastSettleAt())
                .isEqualTo(shanghai(2024, 12, 20, 0, 0))
                .isEqualTo(Math.max(plan.get(0).settleAt(), plan.get(1).settleAt()));
    }

    @Test
    void zeroGraceAndZeroRewardsAreAllowed() {
        Map<String, String> c =
                with(
                        with(campaign(), "settlement_grace", "PT0S"),
                        "tiers",
                        tiers(tier(1, 1, 0, 0)));

        Campaign loaded = CampaignLoader.parse(yaml(c), FILE).get(0);

        assertThat(loaded.settleAt()).isEqualTo(loaded.eventEnd());
        assertThat(loaded.ladder().tier(1)).isEqualTo(new Tier(1, 1, 0, 0));
    }

    @Test
    void graceMayBeGivenInHours() {
        Campaign loaded =
                CampaignLoader.parse(yaml(with(campaign(), "settlement_grace", "PT36H")), FILE)
                        .get(0);

        assertThat(loaded.settleAt()).isEqualTo(shanghai(2024, 12, 14, 12, 0));
    }

    @Test
    void loadsAFileAndNamesItInRefusals(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, SPEC_EXAMPLE, StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, yaml(without(campaign(), "tiers")), StandardCharsets.UTF_8);

        assertThat(CampaignLoader.load(good).get(0).id()).isEqualTo(ID);
        assertThatThrownBy(() -> CampaignLoader.load(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml: ")
                .hasMessageContaining("'tiers'");
        assertThatThrownBy(() -> CampaignLoader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml");
    }

    // ---- refusals: missing fields -----------------------------------------------------------

    static Stream<String> requiredCampaignFields() {
        return campaign().keySet().stream().filter(f -> !f.equals("id"));
    }

    @ParameterizedTest
    @MethodSource("requiredCampaignFields")
    void refusesMissingFieldNamingCampaignAndField(String field) {
        assertRefused(yaml(without(campaign(), field)), ID, field);
    }

    @ParameterizedTest
    @MethodSource("requiredCampaignFields")
    void refusesNullFieldNamingCampaignAndField(String field) {
        assertRefused(yaml(with(campaign(), field, "~")), ID, field);
    }

    @Test
    void refusesMissingIdNamingTheCampaignByPosition() {
        String y = yaml(campaign("first"), without(campaign("second"), "id"));

        assertThat(refusal(y).getMessage()).contains("campaign #2").contains("'id'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"registration", "event"})
    void refusesWindowWithoutStartOrEnd(String window) {
        assertRefused(
                yaml(with(campaign(), window, "{ start: \"2024-12-05T00:00\" }")),
                ID,
                window + ".end");
        assertRefused(
                yaml(with(campaign(), window, "{ end: \"2024-12-13T00:00\" }")),
                ID,
                window + ".start");
    }

    static Stream<String> tierFields() {
        return Stream.of("level", "threshold_fen", "instant_reward_fen", "post_event_reward_fen");
    }

    @ParameterizedTest
    @MethodSource("tierFields")
    void refusesTierWithoutFieldNamingTheTierAndField(String field) {
        String second = TIER_2.replaceAll(field + ": \\d+,? ?", "");
        assertThat(second).as("test setup").doesNotContain(field);

        assertRefused(
                yaml(with(campaign(), "tiers", tiers(TIER_1, second, TIER_3))),
                ID,
                "tiers[1]." + field);
    }

    // ---- refusals: windows ------------------------------------------------------------------

    static Stream<Arguments> badWindows() {
        List<Arguments> out = new ArrayList<>();
        for (String w : List.of("registration", "event")) {
            out.add(Arguments.of(w, "{ start: \"2024-12-05T00:00\", end: \"2024-12-05T00:00\" }"));
            out.add(Arguments.of(w, "{ start: \"2024-12-05T00:00\", end: \"2024-12-04T23:59\" }"));
            out.add(
                    Arguments.of(
                            w,
                            "{ start: \"2024-12-05T00:00+08:00\", end: \"2024-12-04T16:00Z\" }"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badWindows")
    void refusesWindowThatDoesNotEndAfterItStarts(String window, String value) {
        assertRefused(yaml(with(campaign(), window, value)), ID, window + ".end");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "soon",
                "2024-12-05",
                "2024-13-01T00:00",
                "2024/12/05 00:00",
                "1733328000000"
            })
    void refusesWindowTimeThatIsNotADateTime(String start) {
        assertRefused(
                yaml(
                        with(
                                campaign(),
                                "event",
                                "{ start: \"" + start + "\", end: \"2024-12-13T00:00\" }")),
                ID,
                "event.start");
    }

    @Test
    void refusesWindowThatIsNotAMapping() {
        assertRefused(yaml(with(campaign(), "event", "\"2024-12-05T00:00\"")), ID, "event");
    }

    // ---- refusals: tiers --------------------------------------------------------------------

    @Test
    void refusesEqualThresholds() {
        String t = tiers(tier(1, 1_000_000, 1, 1), tier(2, 1_000_000, 2, 2));

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[1].threshold_fen");
    }

    @Test
    void refusesDecreasingThresholds() {
        String t =
                tiers(tier(1, 1_000_000, 1, 1), tier(2, 5_000_000, 2, 2), tier(3, 4_999_999, 3, 3));

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[2].threshold_fen");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -1_000_000})
    void refusesThresholdBelowOneFen(long threshold) {
        String t = tiers(tier(1, threshold, 1, 1), tier(2, 5_000_000, 2, 2));

        ConfigException e = refusal(yaml(with(campaign(), "tiers", t)));

        assertThat(e.getMessage())
                .contains("campaign \"" + ID + "\"")
                .contains("'tiers[0].threshold_fen'")
                .contains(">= 1");
    }

    static Stream<Arguments> badLevels() {
        return Stream.of(
                Arguments.of(List.of(0, 1), 0),
                Arguments.of(List.of(2, 3), 0),
                Arguments.of(List.of(1, 3), 1),
                Arguments.of(List.of(1, 1), 1),
                Arguments.of(List.of(2, 1), 0),
                Arguments.of(List.of(1, 2, 2), 2));
    }

    @ParameterizedTest(name = "levels {0}")
    @MethodSource("badLevels")
    void refusesLevelsThatAreNotOneToN(List<Integer> levels, int badIndex) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            t.add(tier(levels.get(i), 1_000_000L * (i + 1), 1, 1));
        }

        assertRefused(
                yaml(with(campaign(), "tiers", tiers(t.toArray(new String[0])))),
                ID,
                "tiers[" + badIndex + "].level");
    }

    @Test
    void refusesNegativeInstantReward() {
        String t = tiers(TIER_1, tier(2, 5_000_000, -1, 150_000));

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[1].instant_reward_fen");
    }

    @Test
    void refusesNegativePostEventReward() {
        String t = tiers(tier(1, 1_000_000, 10_000, -30_000));

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[0].post_event_reward_fen");
    }

    @Test
    void refusesEmptyTierList() {
        assertRefused(yaml(with(campaign(), "tiers", "[]")), ID, "tiers");
    }

    @Test
    void refusesTiersThatAreNotAList() {
        assertRefused(yaml(with(campaign(), "tiers", TIER_1)), ID, "tiers");
    }

    @Test
    void refusesTierThatIsNotAMapping() {
        assertRefused(yaml(with(campaign(), "tiers", tiers(TIER_1, "5000000"))), ID, "tiers[1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"1000000\"",
                "1000000.5",
                "1.0e6",
                "true",
                "[1000000]",
                "99999999999999999999"
            })
    void refusesThresholdThatIsNotAWholeNumber(String threshold) {
        String t =
                tiers(
                        "{ level: 1, threshold_fen: "
                                + threshold
                                + ", instant_reward_fen: 1, post_event_reward_fen: 1 }");

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[0].threshold_fen");
    }

    // ---- refusals: other fields -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Asia/Shangai", "\"\"", "CST+8"})
    void refusesUnknownTimezone(String zone) {
        ConfigException e = refusal(yaml(with(campaign(), "timezone", zone)));

        assertThat(e.getMessage())
                .contains("campaign \"" + ID + "\"")
                .contains("'timezone'")
                .contains("\"" + zone.replace("\"", "") + "\"");
    }

    @Test
    void refusesDuplicateId() {
        String y = yaml(campaign("a"), campaign(ID), campaign("b"), campaign(ID));

        assertRefused(y, ID, "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7 days", "P7", "7D", "P1M", "P1Y", "\"\"", "PT", "P7DT"})
    void refusesBadDuration(String grace) {
        assertRefused(yaml(with(campaign(), "settlement_grace", grace)), ID, "settlement_grace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-P1D", "PT-1S", "P-7D"})
    void refusesNegativeGrace(String grace) {
        assertRefused(yaml(with(campaign(), "settlement_grace", grace)), ID, "settlement_grace");
    }

    @Test
    void refusesMisspelledCampaignField() {
        Map<String, String> c = without(campaign(), "settlement_grace");
        c.put("settlment_grace", "P7D");

        ConfigException e = refusal(yaml(c));

        assertThat(e.getMessage())
                .contains("campaign \"" + ID + "\"")
                .contains("'settlment_grace'")
                .contains("unknown field");
    }

    @Test
    void refusesUnknownFieldInAWindow() {
        assertRefused(
                yaml(
                        with(
                                campaign(),
                                "registration",
                                "{ start: \"2024-11-25T00:00\", end: \"2024-12-12T00:00\","
                                        + " ends: \"2024-12-13T00:00\" }")),
                ID,
                "registration.ends");
    }

    @Test
    void refusesUnknownFieldInATier() {
        String t = tiers(TIER_1, TIER_2.replace("instant_reward_fen", "instant_reward"));

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "tiers[1].instant_reward");
    }

    @Test
    void refusesEmptyId() {
        ConfigException e = refusal(yaml(campaign("")));

        assertThat(e.getMessage()).contains("campaign #1").contains("'id'").contains("1..128");
    }

    /** Ids count code points, like the campaign_id of a registration that must name them. */
    @ParameterizedTest(name = "{1} x {0}")
    @CsvSource({"x, 128", "🎉, 1", "🎉, 100", "🎉, 128"})
    void acceptsAnIdOfUpTo128CodePoints(String codePoint, int count) {
        String id = codePoint.repeat(count);

        assertThat(CampaignLoader.parse(yaml(campaign(id)), FILE).get(0).id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "🎉"})
    void refusesAnIdOf129CodePoints(String codePoint) {
        String id = codePoint.repeat(129);

        assertRefused(yaml(campaign(id)), id, "id");
    }

    @Test
    void refusesAnIdThatIsHalfASurrogatePair() {
        // A YAML escape can spell U+D800 alone, as a JSON escape can in an event.
        ConfigException e = refusal(yaml(campaign("c")).replace("\"c\"", "\"c\\ud800\""));

        assertThat(e.getMessage()).contains("'id'").contains("lone surrogate");
    }

    @Test
    void valuesWithLineBreaksAreEscapedSoTheMessageStaysOneLine() {
        ConfigException e =
                refusal(
                        yaml(
                                with(
                                        campaign("multi\\nline"),
                                        "timezone",
                                        "\"Mars/Olympus\\r\\nMons\"")));

        assertThat(e.getMessage())
                .isEqualTo(
                        FILE
                                + ": campaign \"multi\\nline\": field 'timezone': unknown time zone"
                                + " \"Mars/Olympus\\r\\nMons\"");
    }

    @Test
    void refusesEmptyRequiredCategory() {
        assertRefused(yaml(with(campaign(), "required_category", "\"\"")), ID, "required_category");
    }

    @ParameterizedTest
    @ValueSource(strings = {"required_category", "name", "timezone", "settlement_grace"})
    void refusesTextFieldGivenAsAListOrMapping(String field) {
        assertRefused(yaml(with(campaign(), field, "[SHOPPING]")), ID, field);
        assertRefused(yaml(with(campaign(), field, "{ a: b }")), ID, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"require_preview", "clawback_instant"})
    void refusesFlagThatIsNotABoolean(String field) {
        assertRefused(yaml(with(campaign(), field, "\"true\"")), ID, field);
        assertRefused(yaml(with(campaign(), field, "1")), ID, field);
        assertRefused(yaml(with(campaign(), field, "maybe")), ID, field);
    }

    // ---- refusals: the file as a whole ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"campaigns: []", "campaigns: {}", "campaigns: 3", "campaigns: ~"})
    void refusesEmptyOrNonListCampaigns(String yaml) {
        ConfigException e = refusal(yaml);

        assertThat(e.getMessage()).startsWith(FILE + ": ").contains("'campaigns'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "other: 1", "- a\n- b", "just text"})
    void refusesFileWithoutCampaigns(String yaml) {
        ConfigException e = refusal(yaml);

        assertThat(e.getMessage()).startsWith(FILE + ": ").contains("'campaigns'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "campaigns: [",
                "campaigns:\n\t- id: x",
                "campaigns: { a: 1",
                "campaigns:\n  - id: \"unterminated\n",
                "key: value\n bad indent: x\n  - y",
            })
    void refusesTextThatIsNotYaml(String text) {
        ConfigException e = refusal(text);

        assertThat(e.getMessage())
                .startsWith(FILE + ": ")
                .contains("not valid YAML")
                .containsPattern("at line \\d+, column \\d+: \\S");
    }

    /** The position is the problem's, 1-based, and the problem comes in one line. */
    @ParameterizedTest
    @MethodSource("yamlSyntaxErrors")
    void aYamlSyntaxErrorSaysWhereAndWhat(String text, String message) {
        assertThat(refusal(text).getMessage()).isEqualTo(FILE + ": not valid YAML at " + message);
    }

    static Stream<Arguments> yamlSyntaxErrors() {
        return Stream.of(
                Arguments.of(
                        "campaigns:\n  - id: a\n    name: b\nfoo\nbar: 1\n",
                        "line 5, column 1: could not find expected ':' (while scanning a simple"
                                + " key from line 4, column 1)"),
                Arguments.of(
                        "campaigns:\n\t- id: x",
                        "line 2, column 1: found character '\\t(TAB)' that cannot start any"
                                + " token. (Do not use \\t(TAB) for indentation) (while scanning"
                                + " for the next token)"),
                Arguments.of(
                        "campaigns: { a: 1",
                        "line 1, column 18: expected ',' or '}', but got <stream end> (while"
                                + " parsing a flow mapping from line 1, column 12)"),
                Arguments.of(
                        "key: value\n bad indent: x\n",
                        "line 2, column 12: mapping values are not allowed here"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedSayingSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, yaml(campaign("caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CampaignLoader.load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("latin1.yaml")
                .hasMessageContaining("not UTF-8 text");
    }

    @Test
    void refusesCampaignThatIsNotAMapping() {
        ConfigException e = refusal("campaigns:\n  - just-a-name\n");

        assertThat(e.getMessage()).contains("campaign #1").contains("mapping");
    }

    @Test
    void refusesMoreCampaignsThanOrderMasksHold() {
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i <= CampaignPlan.MAX_CAMPAIGNS; i++) {
            many.add(campaign("c" + i));
        }

        @SuppressWarnings("unchecked")
        ConfigException e = refusal(yaml(many.toArray(new Map[0])));

        assertThat(e.getMessage()).contains("'campaigns'").contains("at most");
        // one fewer loads
        assertThat(
                        CampaignLoader.parse(
                                        yaml(
                                                many.subList(0, CampaignPlan.MAX_CAMPAIGNS)
                                                        .toArray(new Map[0])),
                                        FILE)
                                .size())
                .isEqualTo(CampaignPlan.MAX_CAMPAIGNS);
    }

    // ---- known defects ----------------------------------------------------------------------
    @Test
    void refusesDuplicateKeyInACampaign() {
        String y =
                yaml(campaign())
                        .replace(
                                "    require_preview:",
                                "    required_category: GAMING\n    require_preview:");
        assertThat(y)
                .as("test setup")
                .contains("required_category: SHOPPING")
                .contains("required_category: GAMING");

        assertRefused(y, ID, "required_category");
    }

    @Test
    void refusesDuplicateKeyInATier() {
        String t =
                tiers(
                        "{ level: 1, threshold_fen: 1000000, threshold_fen: 10, instant_reward_fen: 1, post_event_reward_fen: 1 }");

        assertRefused(yaml(with(campaign(), "tiers", t)), ID, "threshold_fen");
    }

    @Test
    void refusesGraceThatOverflowsTheSettlementTime() {
        assertRefused(
                yaml(with(campaign(), "settlement_grace", "P106751991167D")),
                ID,
                "settlement_grace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grace", "window"})
    void refusesOutOfRangeValuesWithAConfigException(String what) {
        Map<String, String> c =
                what.equals("grace")
                        ? with(campaign(), "settlement_grace", "PT9223372036854775807S")
                        : with(
                                campaign(),
                                "event",
                                "{ start: \"2024-12-05T00:00\", end: \"+999999999-12-31T23:59\" }");

        assertRefused(yaml(c), ID, what.equals("grace") ? "settlement_grace" : "event.end");
    }
}
