package com.livegmv.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import com.livegmv.tools.generate.GeneratedFestival;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The max_future_skew guard (SPEC §2) on a generated festival, through the replay job. */
class FutureSkewITCase implements MiniClusterTest {
    @TempDir Path tmp;

    /**
     * SPEC §2 max_future_skew: one valid event dated 2204 (a typo of 2024) in the middle of a
     * festival would move event time past every settlement and turn the rest of the input into
     * AFTER_SETTLEMENT. It is rejected instead, and the festival pays exactly what it pays without
     * it. (How much an accepted typo changes depends on when the source's periodic watermark falls,
     * so the test does not replay that case: it would be flaky.)
     */
    @Test
    void shouldRejectAFarFutureEventInTheMiddleOfAFestivalAndLeaveItsOutputsUnchanged()
            throws Exception {
        GeneratedFestival festival = GeneratedFestival.of(400, 20_000, 3, 0.005);
        String typo =
                "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2204-12-05T20:00:00+08:00\","
                        + "\"streamer_id\":\"s-typo\",\"session_id\":\"l-typo\","
                        + "\"category\":\"SHOPPING\",\"with_goods\":true}";
        List<String> withTypo = new ArrayList<>(festival.lines());
        int middle = festival.lines().size() / 2;
        withTypo.add(middle, typo);

        Map<String, List<String>> reference =
                runFestival("reference", festival.plan(), festival.lines());
        Map<String, List<String>> typoed = runFestival("typo", festival.plan(), withTypo);

        assertThat(reference.get("incentive_grant"))
                .as("a meaningful festival earns grants")
                .hasSizeGreaterThan(20);

        // Every table of the engine's results: all but rejected_event.
        for (Table<?> t : Tables.ALL) {
            if (t != Tables.REJECTED_EVENT) {
                String table = t.name();
                assertThat(typoed.get(table)).as(table).isEqualTo(reference.get(table));
            }
        }
        List<JsonNode> rejected =
                Outputs.rows(tmp.resolve("typo"), "rejected_event").stream()
                        .filter(r -> r.get("raw").asText().equals(typo))
                        .toList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("source").asText())
                .isEqualTo(tmp.resolve("typo.jsonl") + ":" + (middle + 1));
        assertThat(rejected.get(0).get("reason").asText()).isEqualTo("INVALID_FIELD");
        assertThat(rejected.get(0).get("detail").asText())
                .startsWith("event_time: 2204-12-05T12:00:00.000Z is ")
                .endsWith("max_future_skew is 1h");
        assertThat(typoed.get("rejected_event"))
                .hasSize(reference.get("rejected_event").size() + 1);
    }

    /** A replay with the default max_future_skew (1h). */
    private Map<String, List<String>> runFestival(String name, CampaignPlan plan, List<String> in)
            throws Exception {
        return Outputs.canonical(Replays.replayLines(plan, in, tmp, name));
    }
}
