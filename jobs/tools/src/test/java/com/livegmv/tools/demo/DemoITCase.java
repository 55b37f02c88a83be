package com.livegmv.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.config.GmvOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gmv demo --campaigns C --input F --export D} on the worked example: embedded broker and
 * database, the live job on a local cluster, the drain that settles, and the export; the exported
 * tables must equal the example's expected outputs.
 */
@Tag("slow")
class DemoITCase {
    @TempDir Path tmp;

    @Test
    void shouldExportExactlyTheWorkedExampleOutputsAndRemoveItsWorkDirectory() throws Exception {
        Path example = Path.of(getClass().getResource("/examples/1212-basic").toURI());
        Path export = tmp.resolve("export");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                new Demo(
                                new Demo.Settings(
                                        CampaignLoader.load(example.resolve("campaigns.yaml")),
                                        example.resolve("campaigns.yaml"),
                                        example.resolve("events.jsonl"),
                                        export,
                                        null,
                                        null,
                                        1,
                                        1,
                                        1,
                                        1,
                                        2,
                                        GmvOptions.MAX_FUTURE_SKEW.defaultValue(),
                                        18081,
                                        0,
                                        InetAddress.getLoopbackAddress(),
                                        null,
                                        false,
                                        0),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run();
        // No --work-dir: a gmv-demo-* temporary directory, said first and gone at the end.
        Matcher work =
                Pattern.compile("gmv demo: work directory (\\S+)")
                        .matcher(err.toString(StandardCharsets.UTF_8));
        assertThat(work.find()).as("the work directory line").isTrue();
        assertThat(Path.of(work.group(1)).getFileName().toString()).startsWith("gmv-demo-");
        assertThat(Path.of(work.group(1))).doesNotExist();
        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Settlement summary").contains("top streamers of 1212-2024");
        // s1 ends at tier 1 of 3 with 48,000.00 yuan, 96% of tier 2's 50,000 yuan.
        assertThat(printed)
                .containsPattern("s1 +48,000.00 yuan  tier 1  \\[#{19}\\.\\] 96% of tier 2");

        Path expected = example.resolve("expected");
        for (String table :
                List.of("incentive_grant", "campaign_settlement", "streamer_progress")) {
            Map<String, JsonNode> exp = Outputs.byKey(expected, table);
            JsonNode template = exp.values().iterator().next();
            assertThat(Outputs.project(Outputs.byKey(export, table), template))
                    .as(table)
                    .isEqualTo(Outputs.project(exp, template));
        }
        assertThat(Outputs.rows(export, "rejected_event"))
                .hasSize(Outputs.rows(expected, "rejected_event").size());
        assertThat(Outputs.rows(export, "late_event")).isEmpty();
    }
}
