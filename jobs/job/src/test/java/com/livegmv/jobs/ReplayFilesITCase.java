package com.livegmv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §10: several {@code --input} files are one input. Each scenario's events, split into one
 * file per kind (sessions, sign-ups, orders) as a backfill of one dump per topic would be, pay
 * exactly what the single file pays, in either flag order, at parallelism 1 and 2, with splits of
 * any size down to one line each.
 */
class ReplayFilesITCase implements MiniClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    static Stream<String> scenarios() throws Exception {
        // The rule-validation scenarios hold events out of order on purpose (a refund a day before
        // an order that is then late); the promise is for files in event-time order.
        return ReplayITCase.scenarios().filter(s -> !s.startsWith("rule-validation"));
    }

    static ReplaySettings settings(CampaignPlan plan, List<Path> in, Path out, int parallelism) {
        return Replays.settings(plan, in, out, parallelism);
    }

    /**
     * The lines of {@code events} by kind: sessions, sign-ups, orders (and whatever is not JSON).
     */
    List<Path> byKind(Path events, String prefix) throws Exception {
        List<List<String>> kinds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String line : Files.readAllLines(events)) {
            String type;
            try {
                type = JSON.readTree(line).path("type").asText();
            } catch (Exception notJson) {
                type = "";
            }
            int kind =
                    switch (type) {
                        case "LIVE_SESSION_STARTED" -> 0;
                        case "REGISTRATION", "PREVIEW_PUBLISHED" -> 1;
                        default -> 2;
                    };
            kinds.get(kind).add(line);
        }
        List<Path> files = new ArrayList<>();
        String[] names = {"sessions", "signups", "orders"};
        for (int k = 0; k < 3; k++) {
            Path f = tmp.resolve(prefix + "-" + names[k] + ".jsonl");
            Files.write(f, kinds.get(k));
            files.add(f);
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldPayTheSameWhenEachKindOfEventIsInAFileOfItsOwn(String name) throws Exception {
        Path dir = ReplayITCase.scenario(name);
        CampaignPlan plan = CampaignLoader.load(dir.resolve("campaigns.yaml"));
        Path whole = tmp.resolve("whole");
        ReplayJob.run(settings(plan, List.of(dir.resolve("events.jsonl")), whole, 2));
        Map<String, List<String>> expected = Outputs.canonical(whole);
        assertThat(expected.get("incentive_grant")).as("a scenario that pays").isNotNull();

        List<Path> files = byKind(dir.resolve("events.jsonl"), name);
        Path p1 = tmp.resolve("p1-one-line-splits");
        ReplayJob.run(Replays.settings(plan, files, p1, 1, 1));
        assertThat(Outputs.canonical(p1)).as("sessions, sign-ups, orders; p1").isEqualTo(expected);

        Path p2 = tmp.resolve("p2-reversed");
        ReplayJob.run(settings(plan, List.of(files.get(2), files.get(1), files.get(0)), p2, 2));
        assertThat(Outputs.canonical(p2)).as("orders, sign-ups, sessions; p2").isEqualTo(expected);
    }

    /** Two files of the same base name: each rejected row names its own file, as given. */
    @Test
    void shouldNameEachRecordsSourceByThePathAsGiven() throws Exception {
        // Relative to the working directory, as a user would type it.
        Path base = Path.of("target", "replay-names-" + System.nanoTime());
        Path d1 = base.resolve("d1").resolve("events.jsonl");
        Path d2 = base.resolve("d2").resolve("events.jsonl");
        Files.createDirectories(d1.getParent());
        Files.createDirectories(d2.getParent());
        Files.writeString(d1, "\nnot json\n");
        Files.writeString(d2, "also not json\n");
        Path out = tmp.resolve("out");
        ReplayJob.Result r =
                ReplayJob.run(
                        settings(
                                CampaignLoader.load(
                                        ReplayITCase.scenario("1212-basic")
                                                .resolve("campaigns.yaml")),
                                List.of(d1, d2),
                                out,
                                2));
        assertThat(Outputs.byKey(out, "rejected_event").keySet())
                .containsExactlyInAnyOrder(
                        "target/" + base.getFileName() + "/d1/events.jsonl:2",
                        "target/" + base.getFileName() + "/d2/events.jsonl:1");
        assertThat(r.inputs())
                .containsExactly(
                        new ReplayJob.InputCount(d1.toString(), 1, 1),
                        new ReplayJob.InputCount(d2.toString(), 1, 1));
    }

    /** Read as gzip when named so; otherwise every line is rejected and counted for its file. */
    @Test
    void shouldReadGzipInputsAndCountTheRejectedRecordsOfEachFile() throws Exception {
        Path dir = ReplayITCase.scenario("1212-basic");
        CampaignPlan plan = CampaignLoader.load(dir.resolve("campaigns.yaml"));
        byte[] events = Files.readAllBytes(dir.resolve("events.jsonl"));
        Path gz = tmp.resolve("events.jsonl.gz");
        Path disguised = tmp.resolve("compressed.jsonl");
        for (Path p : List.of(gz, disguised)) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(events);
            }
        }
        Path plainOut = tmp.resolve("plain");
        ReplayJob.run(settings(plan, List.of(dir.resolve("events.jsonl")), plainOut, 2));
        Path gzOut = tmp.resolve("gz");
        ReplayJob.Result r = ReplayJob.run(settings(plan, List.of(gz, disguised), gzOut, 2));

        Map<String, List<String>> plain = Outputs.canonical(plainOut);
        Map<String, List<String>> both = Outputs.canonical(gzOut);
        for (String table :
                List.of("incentive_grant", "campaign_settlement", "streamer_progress")) {
            assertThat(both.get(table)).as(table).isEqualTo(plain.get(table));
        }
        ReplayJob.InputCount fromGz = r.inputs().get(0);
        ReplayJob.InputCount fromDisguised = r.inputs().get(1);
        long lines = new String(events, StandardCharsets.UTF_8).lines().count();
        assertThat(fromGz.records()).isEqualTo(lines);
        assertThat(fromGz.rejected()).isEqualTo(Outputs.rows(plainOut, "rejected_event").size());
        assertThat(fromDisguised.records()).isPositive();
        assertThat(fromDisguised.rejected()).isEqualTo(fromDisguised.records());
        for (JsonNode row : Outputs.rows(gzOut, "rejected_event")) {
            String source = row.get("source").asText();
            if (source.startsWith(disguised + ":")) {
                assertThat(row.get("raw").asText()).startsWith("base64:");
            }
        }
    }
}
