package com.livegmv.jobs.replay;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
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
        Duration maxFutureSkew,
        Duration checkpointInterval,
        int injectFailures) {

    /** A run without injected failures, with the default future skew. */
    public ReplaySettings(
            CampaignPlan plan,
            List<Path> inputs,
            Path out,
            int parallelism,
            Duration maxOutOfOrderness,
            Duration checkpointInterval) {
        this(
                plan,
                inputs,
                out,
                parallelism,
                maxOutOfOrderness,
                GmvOptions.MAX_FUTURE_SKEW.defaultValue(),
                checkpointInterval,
                0);
    }
}
