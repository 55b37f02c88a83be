package com.livegmv.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.Times;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism promise of SPEC §4 as a property: the same events in another arrival order (every
 * event at most 1.5 s of event time behind the newest one seen, inside the 2 s bound), at another
 * parallelism, give the same outputs. Also checks that the run is not trivial.
 */
class DeterminismITCase implements MiniClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long JITTER_MS = 1_500;

    @TempDir static Path tmp;
    static CampaignPlan plan;
    static List<String> lines;

    @BeforeAll
    static void generate() throws Exception {
        plan = CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
        lines = new ArrayList<>();
        new EventGenerator(new GeneratorOptions(3_000, 60_000, 7, CampaignWindow.of(plan), 0.005))
                .generate(lines::add);
    }

    /**
     * Arrival order by event time plus a random delay of up to JITTER_MS; malformed lines ride
     * along.
     */
    static List<String> shuffledWithinBound(List<String> in, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        record Arrival(double at, String line) {}
        List<Arrival> a = new ArrayList<>();
        long last = 0;
        for (String line : in) {
            long t = last;
            try {
                JsonNode n = JSON.readTree(line);
                if (n.isObject() && n.path("event_time").isTextual()) {
                    t = Times.parseInstant(n.get("event_time").asText());
                }
            } catch (Exception malformed) {
                // keeps the time of the line before it
            }
            last = t;
            a.add(new Arrival(t + rnd.nextDouble() * JITTER_MS, line));
        }
        a.sort(Comparator.comparingDouble(Arrival::at));
        return a.stream().map(Arrival::line).toList();
    }

    static Path run(String name, List<String> input, int parallelism) throws Exception {
        Path in = tmp.resolve(name + ".jsonl");
        Files.write(in, input);
        Path out = tmp.resolve(name);
        ReplayJob.run(
                new ReplaySettings(
                        plan,
                        List.of(in),
                        out,
                        parallelism,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5)));
        return out;
    }

    static Map<String, List<String>> canonical(Path out) {
        return Outputs.canonical(out);
    }

    @Test
    void shouldGiveIdenticalOutputsForAnyArrivalOrderWithinTheBoundAndAnyParallelism()
            throws Exception {
        Map<String, List<String>> reference = canonical(run("ordered-p1", lines, 1));
        assertThat(reference.get("incentive_grant"))
                .as("a meaningful run earns grants")
                .hasSizeGreaterThan(20);
        assertThat(reference.get("campaign_settlement")).hasSizeGreaterThan(100);
        assertThat(reference.get("rejected_event")).isNotEmpty();

        assertThat(canonical(run("ordered-p4", lines, 4))).isEqualTo(reference);
        for (long seed = 1; seed <= 2; seed++) {
            List<String> shuffled = shuffledWithinBound(lines, seed);
            assertThat(shuffled).as("the arrival order really changed").isNotEqualTo(lines);
            assertThat(
                            canonical(
                                    run(
                                            "shuffled-" + seed + "-p" + (seed + 1),
                                            shuffled,
                                            (int) seed + 1)))
                    .as("shuffle seed " + seed)
                    .isEqualTo(reference);
        }
    }
}
