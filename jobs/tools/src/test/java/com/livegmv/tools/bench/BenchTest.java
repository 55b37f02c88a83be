package com.livegmv.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gmv bench} end to end on a small data set (the figures themselves are not asserted). */
class BenchTest {
    @TempDir Path tmp;

    @Test
    @Tag("slow")
    void printsEveryCaseItRanAndEndsWithOneJsonLine() throws Exception {
        CampaignPlan plan = CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Bench.Settings s =
                new Bench.Settings(
                        plan,
                        20_000,
                        150,
                        7,
                        1,
                        List.of("engine-heap", "sql-cumulate", "hot-key"),
                        2,
                        Duration.ofSeconds(2),
                        1_000,
                        Duration.ofSeconds(1),
                        "hashmap",
                        true,
                        true,
                        tmp.resolve("results"));
        int status =
                new Bench(
                                s,
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run();
        assertThat(status).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("events").asLong()).isEqualTo(20_000);
        assertThat(json.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode cases = json.get("cases");
        for (String c : List.of("engine-heap", "sql-cumulate", "hot-key")) {
            assertThat(cases.get(c).get("events_per_s").asLong()).as(c).isPositive();
            assertThat(cases.get(c).get("peak_heap_bytes").asLong()).as(c).isPositive();
        }
        assertThat(cases.get("engine-heap").get("ratio_to_sql").asDouble()).isPositive();
        assertThat(cases.has("kafka-e2e")).isFalse();
        // Every campaign state of the cut-off run is counted, and the savepoint holds them.
        assertThat(json.get("state_pairs").asLong()).isPositive();
        assertThat(json.get("state_bytes_per_key").asLong()).isPositive();
        Path png = Path.of(json.get("chart").asText());
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(tmp.resolve("results/bench.json")).strip())
                .isEqualTo(lines[lines.length - 1]);
        // The human-readable table names each case.
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("engine-heap").contains("sql-cumulate").contains("hot-key");
    }

    @Test
    @Tag("slow")
    void theEndToEndCasesRunBothPipelinesColdAndMeasureTheirGrants() throws Exception {
        CampaignPlan plan = CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Bench.Settings s =
                new Bench.Settings(
                        plan,
                        20_000,
                        50,
                        7,
                        1,
                        List.of("kafka-e2e", "kafka-streams-e2e"),
                        2,
                        Duration.ofSeconds(2),
                        3_000,
                        Duration.ofSeconds(5),
                        "rocksdb",
                        false,
                        false,
                        tmp.resolve("results"));
        int status =
                new Bench(
                                s,
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run();
        assertThat(status).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode cases = new ObjectMapper().readTree(lines[lines.length - 1]).get("cases");
        for (String c : List.of("kafka-e2e", "kafka-streams-e2e")) {
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
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("kafka-streams-e2e round 1/1: offered 3,000/s");
    }

    @Test
    void aGrowingQueueIsABacklogAndASteadyOneIsNot() {
        int n = 200;
        long[][] steady = new long[2][n];
        long[][] growing = new long[2][n];
        for (int i = 0; i < n; i++) {
            steady[0][i] = growing[0][i] = i * 10L;
            steady[1][i] = 300 + (i % 7) * 40;
            growing[1][i] = 300 + i * 20L;
        }
        assertThat(KafkaE2e.backlogGrew(steady)).isFalse();
        assertThat(KafkaE2e.backlogGrew(growing)).isTrue();
        assertThat(KafkaE2e.backlogGrew(new long[2][5])).isFalse();
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
