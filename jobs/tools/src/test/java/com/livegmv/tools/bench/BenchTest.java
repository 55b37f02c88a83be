package com.livegmv.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.campaign.CampaignLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gmv bench} end to end on a small data set: every event processed, the JSON summary. */
class BenchTest {
    @TempDir Path tmp;

    private static final List<String> LOCAL_CASES =
            List.of(
                    "engine-heap",
                    "engine-rocksdb",
                    "sql-groupby-rocksdb",
                    "hot-key",
                    "replay-file");

    /**
     * One round of these cases over the default plan (seed 7, parallelism 2, 2 s out of order),
     * results under {@code tmp/results}.
     */
    private Bench.Settings settings(
            long events,
            int streamers,
            List<String> cases,
            double e2eRate,
            long e2eSeconds,
            String e2eBackend,
            boolean e2eCapacity,
            boolean state) {
        return new Bench.Settings(
                CampaignLoader.load(Path.of("../../config/campaigns.yaml")),
                events,
                streamers,
                7,
                1,
                cases,
                2,
                Duration.ofSeconds(2),
                e2eRate,
                Duration.ofSeconds(e2eSeconds),
                e2eBackend,
                e2eCapacity,
                1,
                state,
                tmp.resolve("results"));
    }

    /** What a run printed: its JSON summary (the last line of stdout) and its progress (stderr). */
    private record Run(String summary, String err) {}

    /** Runs the bench, which must exit 0. */
    private static Run run(Bench.Settings s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(new Bench(s, print(out), print(err)).run()).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new Run(lines[lines.length - 1], err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    @Test
    void everyLocalCaseProcessesEveryEventAndTheLastLineIsTheJsonSummary() throws Exception {
        Run run = run(settings(20_000, 150, LOCAL_CASES, 1_000, 1, "hashmap", true, true));
        JsonNode json = new ObjectMapper().readTree(run.summary());
        assertThat(json.get("events").asLong()).isEqualTo(20_000);
        assertThat(json.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode cases = json.get("cases");
        List<String> names = new ArrayList<>();
        cases.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(LOCAL_CASES);
        for (String c : LOCAL_CASES) {
            assertThat(cases.get(c).get("events_per_s").asLong()).as(c).isPositive();
            assertThat(cases.get(c).get("rounds_events_per_s")).as(c).hasSize(1);
        }
        // Every line was either accepted as an event or rejected, by the engine and by the replay.
        for (String c : List.of("engine-heap", "engine-rocksdb", "hot-key", "replay-file")) {
            assertThat(cases.get(c).get("events_processed").asLong()).as(c).isEqualTo(20_000);
        }
        double heap = cases.get("engine-heap").get("events_per_s").asDouble();
        double rocksdb = cases.get("engine-rocksdb").get("events_per_s").asDouble();
        assertThat(cases.get("engine-rocksdb").get("ratio_to_heap").asDouble())
                .isCloseTo(rocksdb / heap, within(0.001));
        // The JSON's rates are whole numbers, the ratio is taken before rounding: a slow case
        // (a loaded machine) makes that rounding a visible share of the ratio.
        double sql = cases.get("sql-groupby-rocksdb").get("events_per_s").asDouble();
        assertThat(cases.get("engine-heap").get("ratio_to_sql").asDouble())
                .isCloseTo(heap / sql, within(heap / sql * (0.5 / heap + 0.5 / sql) + 0.005));
        // Every campaign state of the cut-off run is counted, and the savepoint holds them.
        assertThat(json.get("state_pairs").asLong()).isPositive();
        assertThat(json.get("state_bytes_per_key").asLong()).isPositive();
        BufferedImage chart = ImageIO.read(Path.of(json.get("chart").asText()).toFile());
        assertThat(chart.getHeight()).isEqualTo(BenchChart.HEIGHT);
        assertThat(Files.readString(tmp.resolve("results/bench.json")).strip())
                .isEqualTo(run.summary());
        // No warm-up run outside the rounds.
        assertThat(run.err()).doesNotContain("warm-up").contains("engine-heap         round 1/1");
    }

    @Test
    void replayScaleReplaysOneFileWithEachBackendAndMeasuresPeakMemory() throws Exception {
        Bench.Settings s =
                settings(1_000, 10, List.of("replay-scale"), 1_000, 1, "hashmap", false, false);
        Bench bench =
                new Bench(
                        s, print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()));

        List<Bench.ScaleRun> runs = bench.replayScale(500, 8_000, tmp);

        assertThat(runs).extracting(Bench.ScaleRun::backend).containsExactly("hashmap", "rocksdb");
        for (Bench.ScaleRun run : runs) {
            assertThat(run.records()).isEqualTo(8_000);
            assertThat(run.recordsPerSecond()).isPositive();
            assertThat(run.peakHeapBytes()).isPositive();
            assertThat(run.peakRssBytes()).isGreaterThan(run.peakHeapBytes() / 4);
        }
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the file and the outputs are deleted").isEmpty();
        }
    }

    @Test
    @Tag("slow")
    void theEndToEndCasesRunBothPipelinesColdAndMeasureTheirGrants() throws Exception {
        List<String> e2eCases = List.of("kafka-e2e", "kafka-streams-e2e");
        Run run = run(settings(20_000, 50, e2eCases, 3_000, 5, "rocksdb", false, false));
        JsonNode cases = new ObjectMapper().readTree(run.summary()).get("cases");
        for (String c : e2eCases) {
            JsonNode e2e = cases.get(c);
            assertThat(e2e.get("offered_per_s").asLong()).as(c).isEqualTo(3_000);
            assertThat(e2e.get("rounds").asInt()).as(c).isEqualTo(1);
            assertThat(e2e.get("rounds_held").asInt()).as(c).isBetween(0, 1);
            assertThat(e2e.get("grants_measured").asLong()).as(c).isPositive();
            assertThat(e2e.get("grant_visible_p99_ms_worst").asLong())
                    .as(c)
                    .isEqualTo(e2e.get("grant_visible_p99_ms").asLong());
            assertThat(e2e.has("capacity_per_s")).as(c).isFalse();
        }
        assertThat(run.err()).contains("kafka-streams-e2e round 1/1: offered 3,000/s");
    }

    /** {send times, delays} of 200 grants sent 10 ms apart, the i-th delayed {@code delay(i)}. */
    private static long[][] grants(IntToLongFunction delay) {
        int n = 200;
        long[][] sentAndDelay = new long[2][n];
        for (int i = 0; i < n; i++) {
            sentAndDelay[0][i] = i * 10L;
            sentAndDelay[1][i] = delay.applyAsLong(i);
        }
        return sentAndDelay;
    }

    private static final long[][] STEADY = grants(i -> 300 + (i % 7) * 40);

    @Test
    void aGrowingQueueIsABacklogAndASteadyOneIsNot() {
        assertThat(KafkaE2e.backlogGrew(STEADY)).isFalse();
        assertThat(KafkaE2e.backlogGrew(grants(i -> 300 + i * 20L))).isTrue();
        assertThat(KafkaE2e.backlogGrew(new long[2][5])).isFalse();
    }

    @Test
    void aRoundHoldsOnlyAtTheRateWithinTheBoundAndWithoutABacklog() {
        long[][] steadyButLate = grants(i -> 11_000 + (i % 7) * 200);

        assertThat(KafkaE2e.held(100_000, 99_000, STEADY, 3_000)).isTrue();
        assertThat(KafkaE2e.held(100_000, 97_000, STEADY, 3_000)).as("rate missed").isFalse();
        assertThat(KafkaE2e.backlogGrew(steadyButLate)).isFalse();
        assertThat(KafkaE2e.held(100_000, 100_000, steadyButLate, 3_000))
                .as("a queue of constant length, beyond the bound")
                .isFalse();
    }

    @Test
    void theCapacitySearchFindsTheHighestHeldRateWithinTenPercent() throws Exception {
        List<Double> probed = new ArrayList<>();
        double capacity =
                KafkaE2e.capacity(
                        50_000,
                        true,
                        rate -> {
                            probed.add(rate);
                            return rate <= 131_000;
                        });
        // Up by x1.5 while held: 75k, 112.5k held, 168.75k not; then bisected.
        assertThat(probed.subList(0, 3)).containsExactly(75_000.0, 112_500.0, 168_750.0);
        assertThat(capacity).isLessThanOrEqualTo(131_000).isGreaterThan(131_000 / 1.1);
    }

    @Test
    void theCapacitySearchGoesDownWhenTheFirstRateIsNotHeld() throws Exception {
        double capacity = KafkaE2e.capacity(50_000, false, rate -> rate <= 20_000);
        assertThat(capacity).isLessThanOrEqualTo(20_000).isGreaterThan(20_000 / 1.1);
        assertThat(KafkaE2e.capacity(50_000, false, rate -> false)).isZero();
    }

    @Test
    void aRateHoldsWhenMostOfItsRoundsHeldAndNoMoreRoundsRunThanItTakes() throws Exception {
        assertThat(mostHeld(3, true, true)).isEqualTo(List.of(true, true, true));
        assertThat(mostHeld(3, false, false)).isEqualTo(List.of(false, false, false));
        assertThat(mostHeld(3, true, false, true)).isEqualTo(List.of(true, true, false, true));
        assertThat(mostHeld(3, false, true, false)).isEqualTo(List.of(false, false, true, false));
        assertThat(mostHeld(1, false)).isEqualTo(List.of(false, false));
        assertThat(mostHeld(5, true, false, false, true, true))
                .isEqualTo(List.of(true, true, false, false, true, true));
        assertThat(mostHeld(5, false, false, true, false))
                .isEqualTo(List.of(false, false, false, true, false));
        assertThatThrownBy(() -> KafkaE2e.mostHeld(2, r -> true))
                .hasMessageContaining("must be odd");
    }

    /**
     * Runs {@link KafkaE2e#mostHeld} over rounds that hold as {@code held} says (failing if asked
     * for more, or out of order); returns the verdict followed by the rounds it ran.
     */
    private static List<Boolean> mostHeld(int n, boolean... held) throws Exception {
        List<Boolean> ran = new ArrayList<>();
        boolean verdict =
                KafkaE2e.mostHeld(
                        n,
                        r -> {
                            assertThat(r)
                                    .as("rounds are numbered in order")
                                    .isEqualTo(ran.size() + 1);
                            assertThat(r)
                                    .as("ran more rounds than given")
                                    .isLessThanOrEqualTo(held.length);
                            ran.add(held[r - 1]);
                            return held[r - 1];
                        });
        List<Boolean> result = new ArrayList<>();
        result.add(verdict);
        result.addAll(ran);
        return result;
    }

    @Test
    void theCapacitySearchStartsUpwardWhenMostRoundsHeld() {
        assertThat(KafkaE2e.startsHeld(rounds(true, false, true))).isTrue();
        assertThat(KafkaE2e.startsHeld(rounds(true, true, true))).isTrue();
        assertThat(KafkaE2e.startsHeld(rounds(false, true, false))).isFalse();
        assertThat(KafkaE2e.startsHeld(rounds(true, false))).isFalse();
    }

    private static List<KafkaE2e.Once> rounds(boolean... held) {
        List<KafkaE2e.Once> rounds = new ArrayList<>();
        for (boolean h : held) {
            rounds.add(
                    new KafkaE2e.Once(
                            new Bench.Round(20, 50_000, 25, 0), 50_000, 49_900, h, 1, new long[0]));
        }
        return rounds;
    }

    @Test
    void medianOfRounds() {
        List<Bench.Round> rounds =
                List.of(
                        new Bench.Round(1, 300, 1, 1),
                        new Bench.Round(1, 100, 1, 1),
                        new Bench.Round(1, 200, 1, 1));
        assertThat(Bench.median(rounds, Bench.Round::eventsPerSecond)).isEqualTo(200);
        assertThat(Bench.median(rounds.subList(0, 2), Bench.Round::eventsPerSecond)).isEqualTo(200);
    }
}
