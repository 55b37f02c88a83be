package com.livegmv.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the replay job on a MiniCluster over every scenario in test resources ({@code
 * examples/NAME/}: the worked examples of shared/ and our own, one per SPEC rule) and compares with
 * its expected outputs: grants, settlements and final progress field by field, rejected rows by
 * count and source, late rows (where listed) by what was done and why.
 */
class ReplayITCase implements MiniClusterTest {
    @TempDir Path tmp;

    static Stream<String> scenarios() throws URISyntaxException, java.io.IOException {
        Path root = Path.of(ReplayITCase.class.getResource("/examples").toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Path scenario(String name) throws URISyntaxException {
        return Path.of(ReplayITCase.class.getResource("/examples/" + name).toURI());
    }

    static ReplayJob.Result replay(Path dir, Path out, int parallelism, List<Path> inputs)
            throws Exception {
        return ReplayJob.run(
                new ReplaySettings(
                        CampaignLoader.load(dir.resolve("campaigns.yaml")),
                        inputs,
                        out,
                        parallelism,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldProduceTheExpectedOutputsAtParallelismTwo(String name) throws Exception {
        Path dir = scenario(name);
        Path out = tmp.resolve("out");
        replay(dir, out, 2, List.of(dir.resolve("events.jsonl")));
        Path expected = dir.resolve("expected");

        for (String table :
                List.of("incentive_grant", "campaign_settlement", "streamer_progress")) {
            Map<String, JsonNode> exp = Outputs.byKey(expected, table);
            Map<String, JsonNode> act = Outputs.byKey(out, table);
            assertThat(act.keySet()).as(name + " " + table + " keys").isEqualTo(exp.keySet());
            if (!exp.isEmpty()) {
                JsonNode template = exp.values().iterator().next();
                assertThat(Outputs.project(act, template))
                        .as(name + " " + table)
                        .isEqualTo(Outputs.project(exp, template));
            }
        }
        // Rejected rows: same sources, raw text and reason code (the detail wording is ours).
        JsonNode rejectedTemplate =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"source\":0,\"raw\":0,\"reason\":0}");
        assertThat(Outputs.project(Outputs.byKey(out, "rejected_event"), rejectedTemplate))
                .as(name + " rejected rows")
                .isEqualTo(
                        Outputs.project(
                                Outputs.byKey(expected, "rejected_event"), rejectedTemplate));
        for (JsonNode r : Outputs.rows(out, "rejected_event")) {
            assertThat(r.get("raw").asText()).isNotEmpty();
            assertThat(r.get("detail").asText()).isNotEmpty();
        }
        // Late rows, where a scenario lists them: what was done with each event and why (the
        // watermark at that moment is not deterministic, nor is the source's naming ours).
        if (Files.exists(expected.resolve("late_event.jsonl"))) {
            assertThat(lateRows(out)).as(name + " late rows").isEqualTo(lateRows(expected));
        }
    }

    private static List<String> lateRows(Path dir) {
        return Outputs.rows(dir, "late_event").stream()
                .map(
                        r ->
                                String.join(
                                        " ",
                                        r.get("type").asText(),
                                        r.get("natural_key").asText(),
                                        r.get("streamer_id").asText(),
                                        r.get("event_time").asText(),
                                        r.get("handling").asText(),
                                        r.get("detail").asText()))
                .sorted()
                .toList();
    }
}
