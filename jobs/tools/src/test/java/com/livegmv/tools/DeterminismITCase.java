package com.livegmv.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.Times;
import com.livegmv.jobs.FailureInjector;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
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
 * parallelism, split across several files (SPEC §10), through failures and restores, give the same
 * outputs. Also checks that the run is not trivial.
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
        Replays.run(plan, List.of(in), out, parallelism);
        return out;
    }

    private static Map<String, List<String>> reference;

    /** The outputs of the generated lines as one file, read in order at parallelism 1. */
    static synchronized Map<String, List<String>> reference() throws Exception {
        if (reference == null) {
            reference = canonical(run("ordered-p1", lines, 1));
        }
        return reference;
    }

    /**
     * The generated lines as a backfill of one dump per topic: live sessions, sign-ups
     * (registrations and previews), orders (orders, refunds and the malformed lines), each file in
     * the generator's order, so each within the bound on its own.
     */
    static List<Path> filesByKind() throws Exception {
        String[] names = {"sessions", "signups", "orders"};
        List<List<String>> kinds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String line : lines) {
            int kind =
                    line.contains("\"type\":\"LIVE_SESSION_STARTED\"")
                            ? 0
                            : line.contains("\"type\":\"REGISTRATION\"")
                                            || line.contains("\"type\":\"PREVIEW_PUBLISHED\"")
                                    ? 1
                                    : 2;
            kinds.get(kind).add(line);
        }
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            assertThat(kinds.get(k)).as(names[k]).hasSizeGreaterThan(100);
            Path f = tmp.resolve("by-kind-" + names[k] + ".jsonl");
            Files.write(f, kinds.get(k));
            files.add(f);
        }
        return files;
    }

    static ReplayJob.Result runFiles(
            String name, List<Path> files, int parallelism, long splitBytes, int failures)
            throws Exception {
        return ReplayJob.run(
                ReplaySettings.of(
                        plan,
                        files,
                        tmp.resolve(name),
                        parallelism,
                        Duration.ofSeconds(2),
                        Duration.ofMillis(failures > 0 ? 50 : 5000),
                        failures,
                        splitBytes));
    }

    static Map<String, List<String>> canonical(Path out) {
        return Outputs.canonical(out);
    }

    @Test
    void shouldGiveIdenticalOutputsForAnyArrivalOrderWithinTheBoundAndAnyParallelism()
            throws Exception {
        Map<String, List<String>> reference = reference();
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

    /**
     * SPEC §10: one file per kind gives the single file's outputs in any flag order, at any
     * parallelism, with few or many splits per file (16 KB splits: hundreds of them).
     */
    @Test
    void shouldGiveIdenticalOutputsWhenEachKindOfEventIsInAFileOfItsOwn() throws Exception {
        List<Path> files = filesByKind();
        List<Path> reversed = List.of(files.get(2), files.get(1), files.get(0));
        runFiles("kinds-p1", files, 1, 0, 0);
        assertThat(canonical(tmp.resolve("kinds-p1")))
                .as("sessions, sign-ups, orders at parallelism 1")
                .isEqualTo(reference());
        runFiles("kinds-reversed-p2", reversed, 2, 0, 0);
        assertThat(canonical(tmp.resolve("kinds-reversed-p2")))
                .as("orders, sign-ups, sessions at parallelism 2")
                .isEqualTo(reference());
        runFiles("kinds-small-splits-p2", files, 2, 16 << 10, 0);
        assertThat(canonical(tmp.resolve("kinds-small-splits-p2")))
                .as("16 KB splits at parallelism 2")
                .isEqualTo(reference());
    }

    /**
     * Failures injected while several files are read in many splits: every restart resumes each
     * reader at its checkpointed position (and the counts of records with it), nothing lost or
     * doubled.
     */
    @Test
    void shouldGiveIdenticalOutputsAndCountsThroughFailuresAndRestores() throws Exception {
        List<Path> files = filesByKind();
        int before = FailureInjector.INJECTED.get();
        ReplayJob.Result r = runFiles("kinds-failures-p2", files, 2, 64 << 10, 3);
        // An injected failure waits for a checkpoint of its own attempt, so a fast run may pass a
        // later point before one completes; each subtask of the injector fails at its point.
        assertThat(r.restarts()).as("restarts from a checkpoint").isBetween(1, 3);
        assertThat(FailureInjector.INJECTED.get() - before).isGreaterThanOrEqualTo(r.restarts());
        assertThat(canonical(tmp.resolve("kinds-failures-p2"))).isEqualTo(reference());
        assertThat(r.records()).isEqualTo(lines.size());
        assertThat(r.rejected()).isEqualTo(reference().get("rejected_event").size());
    }
}
