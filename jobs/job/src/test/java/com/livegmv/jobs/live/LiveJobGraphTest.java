package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The live job's tasks: grants are flushed after each watermark step only if their PostgreSQL
 * writer runs in the engine's task (chained behind it), and every other table's writer must not.
 */
class LiveJobGraphTest {
    private static List<String> taskNames() throws Exception {
        Path campaigns =
                Path.of(
                        LiveJobGraphTest.class
                                .getResource("/examples/1212-basic/campaigns.yaml")
                                .toURI());
        LiveSettings.Builder b =
                LiveSettings.builder(CampaignLoader.load(campaigns))
                        .jdbc("jdbc:postgresql://127.0.0.1:1/gmv", null, null);
        b.parallelism = 2;
        LiveSettings s = b.build();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(LiveJob.configuration(s));
        LiveJob.build(env, s);
        return StreamSupport.stream(
                        env.getStreamGraph().getJobGraph().getVertices().spliterator(), false)
                .map(JobVertex::getName)
                .toList();
    }

    @Test
    void writesGrantsInTheEngineTaskAndTheOtherTablesInTasksOfTheirOwn() throws Exception {
        List<String> tasks = taskNames();
        String engine =
                tasks.stream()
                        .filter(t -> t.contains("Incentive engine"))
                        .findFirst()
                        .orElseThrow();
        assertThat(engine).contains("Grant metrics", "incentive_grant (PostgreSQL)");
        for (String table :
                List.of(
                        "campaign_settlement",
                        "streamer_progress",
                        "rejected_event",
                        "late_event")) {
            assertThat(tasks)
                    .as(table + " writes in a task of its own")
                    .anySatisfy(t -> assertThat(t).startsWith(table + " (PostgreSQL)"));
            assertThat(engine).doesNotContain(table + " (PostgreSQL)");
        }
    }
}
