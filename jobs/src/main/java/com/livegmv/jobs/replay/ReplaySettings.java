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
        Duration checkpointInterval) {}
