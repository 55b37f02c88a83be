package com.livegmv.jobs.replay;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one replay run needs, already validated.
 *
 * @param inputs the files as the user named them: a record's source is {@code NAME:LINE}
 * @param checkpointDir where checkpoints go; null: a temporary directory, removed at the end
 * @param stateBackend "hashmap" or "rocksdb"
 * @param restartAttempts restarts in a row (without a long enough run between them) before the job
 *     fails
 * @param splitBytes the size the inputs are cut into before moving to line starts; 0 chooses
 */
public record ReplaySettings(
        CampaignPlan plan,
        List<Path> inputs,
        Path out,
        int parallelism,
        Duration maxOutOfOrderness,
        Duration maxFutureSkew,
        Duration checkpointInterval,
        int injectFailures,
        Path checkpointDir,
        String stateBackend,
        int restartAttempts,
        long splitBytes) {

    public static final String DEFAULT_STATE_BACKEND = "hashmap";
    public static final int DEFAULT_RESTART_ATTEMPTS = 3;

    /**
     * A run on the defaults of the rest (future skew, temporary checkpoints, state backend), with
     * injected failures and a restart for each; {@code splitBytes} 0 unless a test wants many
     * splits from small files.
     */
    public static ReplaySettings of(
            CampaignPlan plan,
            List<Path> inputs,
            Path out,
            int parallelism,
            Duration maxOutOfOrderness,
            Duration checkpointInterval,
            int injectFailures,
            long splitBytes) {
        return new ReplaySettings(
                plan,
                inputs,
                out,
                parallelism,
                maxOutOfOrderness,
                GmvOptions.MAX_FUTURE_SKEW.defaultValue(),
                checkpointInterval,
                injectFailures,
                null,
                DEFAULT_STATE_BACKEND,
                DEFAULT_RESTART_ATTEMPTS + injectFailures,
                splitBytes);
    }
}
