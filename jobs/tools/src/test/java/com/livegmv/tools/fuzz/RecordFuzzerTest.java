package com.livegmv.tools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.Times;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RecordFuzzer} without Flink: the same seed gives the same records, and each record is of
 * the kind asked for and gets from the job's own decoder exactly the outcome it is labelled with,
 * the raw column included.
 */
class RecordFuzzerTest {
    private static final CampaignPlan PLAN =
            CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
    private static final long T = Times.parseInstant("2024-12-06T12:00:00Z");
    private static final RecordDecoder DECODER =
            new RecordDecoder(GmvOptions.MAX_FUTURE_SKEW.defaultValue(), () -> T);

    @Test
    void shouldMakeTheSameRecordsFromTheSameSeed() {
        Function<Long, List<String>> records =
                seed -> {
                    RecordFuzzer f = new RecordFuzzer(seed, PLAN);
                    List<String> l = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        FuzzRecord r = f.next(T + i);
                        l.add(r.describe() + " " + HexFormat.of().formatHex(r.bytes()));
                    }
                    return l;
                };

        assertThat(records.apply(7L)).isEqualTo(records.apply(7L));
        assertThat(records.apply(7L)).isNotEqualTo(records.apply(8L));
    }

    @ParameterizedTest
    @EnumSource(value = FuzzKind.class, mode = EnumSource.Mode.EXCLUDE, names = "HUGE_LINE")
    void shouldMakeRecordsOfTheKindAskedForThatTheDecoderTreatsAsLabelled(FuzzKind kind) {
        RecordFuzzer fuzzer = new RecordFuzzer(kind.ordinal(), PLAN);
        for (int i = 0; i < 300; i++) {
            FuzzRecord r = fuzzer.next(kind, T);
            assertThat(r.kind()).isEqualTo(kind);
            assertDecodedAsLabelled(r);
        }
    }

    @Test
    void shouldMakeHugeLinesOfAboutAMegabyteThatTheDecoderTreatsAsLabelled() {
        List<FuzzRecord> huge = new RecordFuzzer(1L, PLAN).hugeLines(T);

        assertThat(huge).hasSizeGreaterThanOrEqualTo(5);
        for (FuzzRecord r : huge) {
            assertThat(r.kind()).isEqualTo(FuzzKind.HUGE_LINE);
            assertThat(r.bytes().length).as(r.describe()).isGreaterThanOrEqualTo(1 << 19);
            assertDecodedAsLabelled(r);
        }
        assertThat(huge)
                .extracting(FuzzRecord::variant)
                .contains("emoji-cut-on-pair", "emoji-cut-after-pair");
    }

    @Test
    void shouldKeepTheFestivalInOrderAndTimeValidRecordsBehindItsNewestEvent() {
        List<String> festival = new ArrayList<>();
        new EventGenerator(new GeneratorOptions(50, 400, 3, CampaignWindow.of(PLAN), 0.0))
                .generate(festival::add);

        List<FuzzLine> lines = new RecordFuzzer(5L, PLAN).mix(festival, 600);

        assertThat(lines.stream().filter(l -> l.fuzz == null))
                .extracting(l -> new String(l.content, StandardCharsets.UTF_8))
                .containsExactlyElementsOf(festival);
        assertThat(
                        lines.stream()
                                .filter(l -> l.fuzz != null && l.fuzz.kind() != FuzzKind.HUGE_LINE))
                .hasSize(600);
        // The festival's dates are past: the clock of the decoder is the wall clock, as in replay.
        RecordDecoder decoder = new RecordDecoder(GmvOptions.MAX_FUTURE_SKEW.defaultValue());
        // Fuzz records before the first festival line are timed behind it.
        long newest =
                decoder.decode(festival.get(0).getBytes(StandardCharsets.UTF_8), "f", 0)
                        .event
                        .eventTime;
        for (FuzzLine l : lines) {
            ParsedRecord p = decoder.decode(l.content, "mix", 0);
            if (l.fuzz == null) {
                newest = Math.max(newest, p.event.eventTime);
            } else if (p.event != null) {
                assertThat(p.event.eventTime).as(l.describe()).isLessThanOrEqualTo(newest);
            }
        }
    }

    /** The decoder's verdict is the label: a valid event of a fuzz streamer, or the reason. */
    private static void assertDecodedAsLabelled(FuzzRecord r) {
        ParsedRecord p = DECODER.decode(r.bytes(), "fuzz", 1);
        if (r.binary() != null) {
            assertThat(RejectedRowOracle.isUtf8Text(r.bytes()))
                    .as("built as text: %s", r.describe())
                    .isEqualTo(!r.binary());
        }
        if (r.expected() == null) {
            assertThat(p.rejected).as(r.describe()).isNull();
            assertThat(p.event.streamerId).as(r.describe()).startsWith("fz");
            return;
        }
        assertThat(p.rejected).as(r.describe()).isNotNull();
        assertThat(p.rejected.reason).as(r.describe()).isEqualTo(r.expected());
        assertThat(p.rejected.raw)
                .as(r.describe())
                .isEqualTo(RejectedRowOracle.expectedRaw(r.bytes()));
    }
}
