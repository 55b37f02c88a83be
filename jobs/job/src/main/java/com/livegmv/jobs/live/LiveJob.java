package com.livegmv.jobs.live;

import com.livegmv.events.ParsedRecord;
import com.livegmv.jobs.GmvTopology;
import com.livegmv.jobs.JobSetup;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job: Kafka in, PostgreSQL and the grants topic out, on RocksDB state with exactly-once
 * checkpoints. The same topology as replay; only the source and sinks differ.
 */
public final class LiveJob {
    private LiveJob() {}

    /** State backend, checkpoints and restarts, as one typed configuration. */
    public static Configuration configuration(LiveSettings s) {
        Configuration conf = JobSetup.base(s.parallelism(), s.checkpointInterval());
        JobSetup.stateBackend(conf, s.stateBackend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, s.savepointDir());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(
                CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
                Duration.ofMillis(Math.min(1000, s.checkpointInterval().toMillis() / 2)));
        // Injected failures need restarts to recover from.
        int restarts =
                Math.max(s.restartAttempts(), s.injectFailures() > 0 ? s.injectFailures() + 2 : 0);
        if (restarts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            return conf;
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMinutes(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, restarts);
        return conf;
    }

    /** Adds the live job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, LiveSettings s) {
        DataStream<ParsedRecord> records =
                env.fromSource(
                                KafkaEvents.source(s),
                                GmvTopology.watermarks(
                                        s.maxOutOfOrderness(),
                                        s.partitionIdleness(),
                                        s.idleOnlyWhenEmpty()),
                                "Kafka events")
                        .uid("source-kafka");
        JobStatus.attach(records, s);
        GmvTopology.Outputs out = GmvTopology.build(records, s.plan(), true, s.injectFailures());
        PostgresTables.sinkAll(
                s, out.grants(), out.settlements(), out.progress(), out.rejected(), out.late());
        out.grants()
                .sinkTo(GrantsTopic.sink(s))
                .uid("kafka-incentive-grants")
                .name(s.grantsTopic() + " (Kafka)");
    }
}
