package com.livegmv.jobs.cli;

import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.Preflight;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gmv run}: the production job. Locally it runs on an in-process MiniCluster; under {@code
 * flink run gmv-job.jar run ...} the same code submits to the cluster. Every flag but {@code
 * --config} and {@code --from-savepoint} is a {@link GmvOptions} key (its {@code descriptionKey}),
 * which gives its description and default; a {@code --config} file sets the same keys.
 */
@Command(
        name = "run",
        header = "Run the live job (Kafka in, PostgreSQL and Kafka out).",
        description =
                "Runs the live job: Kafka topics in; PostgreSQL tables and the grants topic out.",
        footer = {
            "",
            "The database password comes from the GMV_JDBC_PASSWORD environment variable (or"
                    + " gmv.jdbc.password in the --config file)."
        })
public final class RunCommand extends Cli.Command {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML file of gmv.* keys (see README); flags override it.")
    Path config;

    @Option(names = "--campaigns", paramLabel = "FILE", descriptionKey = "gmv.campaigns")
    String campaigns;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            descriptionKey = "gmv.kafka.bootstrap-servers",
            converter = Converters.HostPorts.class)
    String kafka;

    @Option(
            names = "--input-topics",
            paramLabel = "TOPIC[,TOPIC...]",
            hideParamSyntax = true,
            split = "[,;]",
            descriptionKey = "gmv.kafka.input-topics",
            converter = Converters.Name.class)
    List<String> inputTopics;

    @Option(
            names = "--grants-topic",
            paramLabel = "TOPIC",
            descriptionKey = "gmv.kafka.grants-topic",
            converter = Converters.Name.class)
    String grantsTopic;

    @Option(
            names = "--group-id",
            paramLabel = "GROUP",
            descriptionKey = "gmv.kafka.group-id",
            converter = Converters.Name.class)
    String groupId;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            descriptionKey = "gmv.jdbc.url",
            converter = Converters.JdbcUrl.class)
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            descriptionKey = "gmv.jdbc.user",
            converter = Converters.Name.class)
    String jdbcUser;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            descriptionKey = "gmv.parallelism",
            converter = Converters.Parallelism.class)
    int parallelism;

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-out-of-orderness",
            converter = Converters.Interval.class)
    Duration maxOutOfOrderness;

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-future-skew",
            converter = Converters.FutureSkew.class)
    Duration maxFutureSkew;

    @Option(
            names = "--partition-idleness",
            paramLabel = "DURATION",
            descriptionKey = "gmv.kafka.partition-idleness",
            converter = Converters.Interval.class)
    Duration partitionIdleness;

    @Option(
            names = "--idle-only-empty-partitions",
            paramLabel = "true|false",
            arity = "1",
            descriptionKey = "gmv.kafka.idle-only-empty-partitions",
            converter = Converters.Bool.class)
    boolean idleOnlyEmptyPartitions;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            descriptionKey = "gmv.checkpoint-interval",
            converter = Converters.CheckpointInterval.class)
    Duration checkpointInterval;

    @Option(
            names = "--progress-interval",
            paramLabel = "DURATION",
            descriptionKey = "gmv.progress-interval",
            converter = Converters.ProgressInterval.class)
    Duration progressInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI", descriptionKey = "gmv.checkpoint-dir")
    String checkpointDir;

    @Option(names = "--savepoint-dir", paramLabel = "URI", descriptionKey = "gmv.savepoint-dir")
    String savepointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "rocksdb|hashmap",
            descriptionKey = "gmv.state-backend",
            converter = Converters.StateBackend.class)
    String stateBackend;

    @Option(
            names = "--restart-attempts",
            paramLabel = "N",
            descriptionKey = "gmv.restart-attempts",
            converter = Converters.Restarts.class)
    int restartAttempts;

    @Option(
            names = "--inject-failures",
            paramLabel = "N",
            descriptionKey = "gmv.inject-failures",
            converter = Converters.Failures.class)
    int injectFailures;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start from this savepoint or retained checkpoint (its directory, or its"
                            + " _metadata file).")
    String fromSavepoint;

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        LiveSettings s = settings();
        try {
            Preflight.check(s, fromSavepoint);
        } catch (Preflight.NotReady e) {
            throw new UsageException(e.getMessage());
        }
        printLogFile(err);
        Configuration conf = LiveJob.configuration(s);
        if (fromSavepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        err.printf(
                "gmv run: %d campaign(s); reading %s from %s; writing %s and topic %s%n",
                s.plan().size(),
                String.join(",", s.inputTopics()),
                s.bootstrapServers(),
                s.jdbcUrl(),
                s.grantsTopic());
        env.execute("gmv incentive engine");
        return 0;
    }

    /** The flags (over the --config file, over the defaults) as the job's settings. */
    LiveSettings settings() {
        // The password is no flag: the environment, else the config file, else the default.
        String password = System.getenv("GMV_JDBC_PASSWORD");
        if (password == null) {
            GmvDefaults defaults = (GmvDefaults) spec.defaultValueProvider();
            password =
                    Configuration.fromMap(defaults.file(spec.findOption("--config")))
                            .get(GmvOptions.JDBC_PASSWORD);
        }
        return LiveSettings.builder(Flags.campaigns(campaigns))
                .kafka(kafka, inputTopics, grantsTopic, groupId)
                .idleness(partitionIdleness, idleOnlyEmptyPartitions)
                .jdbc(jdbcUrl, jdbcUser, password)
                .parallelism(parallelism)
                .maxOutOfOrderness(maxOutOfOrderness)
                .maxFutureSkew(maxFutureSkew)
                .checkpoints(checkpointInterval, checkpointDir, savepointDir)
                .stateBackend(stateBackend)
                .restartAttempts(restartAttempts)
                .injectFailures(injectFailures)
                .progressInterval(progressInterval)
                .build();
    }
}
