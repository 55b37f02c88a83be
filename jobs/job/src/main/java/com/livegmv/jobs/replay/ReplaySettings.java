package com.livegmv.jobs.replay;

import com.livegmv.campaign.CampaignPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything one replay run needs, already validated. */
public record ReplaySettings(
        CampaignPlan plan,
        List<Path> inputs,
        Path out,
        int parallelism,
        Duration maxOutOfOrderness,
        Duration checkpointInterval,
        int injectFailures) {

    /** A run without injected failures. */
    public ReplaySettings(
            CampaignPlan plan,
            List<Path> inputs,
            Path out,
            int parallelism,
            Duration maxOutOfOrderness,
            Duration checkpointInterval) {
        this(plan, inputs, out, parallelism, maxOutOfOrderness, checkpointInterval, 0);
    }
}
