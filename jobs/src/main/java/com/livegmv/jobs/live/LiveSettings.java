package com.livegmv.jobs.live;

import com.livegmv.campaign.CampaignPlan;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Everything the live job needs, validated. Built from a config file plus flags. */
public record LiveSettings(
        CampaignPlan plan,
        String bootstrapServers,
        List<String> inputTopics,
        String grantsTopic,
        String groupId,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int parallelism,
        Duration maxOutOfOrderness,
        Duration partitionIdleness,
        Duration checkpointInterval,
        String checkpointDir,
        String savepointDir,
        String stateBackend,
        int restartAttempts,
        boolean bounded,
        boolean idleOnlyWhenEmpty,
        int injectFailures)
        implements Serializable {

    public LiveSettings {
        // The settings travel inside the job graph: no list views, which do not serialize.
        inputTopics = List.copyOf(inputTopics);
    }
}
