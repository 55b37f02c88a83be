package com.livegmv.jobs.live;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
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
        int injectFailures,
        Duration maxFutureSkew)
        implements Serializable {

    public LiveSettings {
        // The settings travel inside the job graph: no list views, which do not serialize.
        inputTopics = List.copyOf(inputTopics);
    }

    /** Settings with the default max_future_skew. */
    public LiveSettings(
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
            int injectFailures) {
        this(
                plan,
                bootstrapServers,
                inputTopics,
                grantsTopic,
                groupId,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                parallelism,
                maxOutOfOrderness,
                partitionIdleness,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                restartAttempts,
                bounded,
                idleOnlyWhenEmpty,
                injectFailures,
                GmvOptions.MAX_FUTURE_SKEW.defaultValue());
    }

    /** The same settings reading other input topics. */
    public LiveSettings withInputTopics(List<String> topics) {
        return new LiveSettings(
                plan,
                bootstrapServers,
                topics,
                grantsTopic,
                groupId,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                parallelism,
                maxOutOfOrderness,
                partitionIdleness,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                restartAttempts,
                bounded,
                idleOnlyWhenEmpty,
                injectFailures,
                maxFutureSkew);
    }

    /** The same settings writing to another database. */
    public LiveSettings withJdbcUrl(String url) {
        return new LiveSettings(
                plan,
                bootstrapServers,
                inputTopics,
                grantsTopic,
                groupId,
                url,
                jdbcUser,
                jdbcPassword,
                parallelism,
                maxOutOfOrderness,
                partitionIdleness,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                restartAttempts,
                bounded,
                idleOnlyWhenEmpty,
                injectFailures,
                maxFutureSkew);
    }

    /** The same settings with another partition idleness and idleness mode. */
    public LiveSettings withIdleness(Duration idleness, boolean onlyEmpty) {
        return new LiveSettings(
                plan,
                bootstrapServers,
                inputTopics,
                grantsTopic,
                groupId,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                parallelism,
                maxOutOfOrderness,
                idleness,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                restartAttempts,
                bounded,
                onlyEmpty,
                injectFailures,
                maxFutureSkew);
    }

    /** The same settings with another number of restarts. */
    public LiveSettings withRestarts(int attempts) {
        return new LiveSettings(
                plan,
                bootstrapServers,
                inputTopics,
                grantsTopic,
                groupId,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                parallelism,
                maxOutOfOrderness,
                partitionIdleness,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                attempts,
                bounded,
                idleOnlyWhenEmpty,
                injectFailures,
                maxFutureSkew);
    }
}
