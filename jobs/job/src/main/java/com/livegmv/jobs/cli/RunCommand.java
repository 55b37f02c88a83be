package com.livegmv.jobs.cli;

import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.KafkaProperties;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.jobs.live.Secrets;
import com.livegmv.jobs.metrics.PrometheusEndpoint;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmv run}: the production job. Locally it runs on an in-process MiniCluster; under {@code
 * flink run gmv-job.jar run ...} the same code submits to the cluster. Every flag but {@code
 * --config}, {@code --kafka-property} and {@code --from-savepoint} is a {@link GmvOptions} key (its
 * {@code descriptionKey}), which gives its description and default; a {@code --config} file sets
 * the same keys, and Kafka client properties as {@code gmv.kafka.properties.*}.
 */
@Command(
        name = "run",
        header = "Run the live job (Kafka in, PostgreSQL and Kafka out).",
        description =
                "Runs the live job: Kafka topics in; PostgreSQL tables and the grants topic out.",
        footer = {
            "",
            "The database password comes from the GMV_JDBC_PASSWORD environment variable (or"
                    + " gmv.jdbc.password in the --config file). Kafka credentials are client"
                    + " properties whose secrets Kafka's config providers read from the"
                    + " environment or a file (docs/operations.md, \"Security\")."
        })
public final class RunCommand extends Cli.Command {
    @Option(
            names = "--config",
            description = "YAML file of gmv.* keys (see docs/operations.md); flags override it.")
    Path config;

    @Option(names = "--campaigns", descriptionKey = "gmv.campaigns")
    String campaigns;

    @Option(names = "--kafka", descriptionKey = "gmv.kafka.bootstrap-servers")
    String kafka;

    @Option(
            names = "--input-topics",
            hideParamSyntax = true,
            split = "[,;]",
            descriptionKey = "gmv.kafka.input-topics")
    List<String> inputTopics;

    @Option(names = "--grants-topic", descriptionKey = "gmv.kafka.grants-topic")
    String grantsTopic;

    @Option(names = "--group-id", descriptionKey = "gmv.kafka.group-id")
    String groupId;

    @Option(
            names = "--kafka-property",
            description =
                    "A Kafka client property for every Kafka client of the job, e.g."
                            + " security.protocol=SASL_SSL; repeatable; over the --config file's"
                            + " gmv.kafka.properties.KEY. A secret only as a config provider"
                            + " reference (docs/operations.md, \"Security\").")
    List<Map.Entry<String, String>> kafkaProperties;

    @Option(names = "--jdbc-url", descriptionKey = "gmv.jdbc.url")
    String jdbcUrl;

    @Option(names = "--jdbc-user", descriptionKey = "gmv.jdbc.user")
    String jdbcUser;

    @Mixin EngineOptions engine;

    @Option(names = "--partition-idleness", descriptionKey = "gmv.kafka.partition-idleness")
    Duration partitionIdleness;

    @Option(
            names = "--idle-only-empty-partitions",
            arity = "1",
            descriptionKey = "gmv.kafka.idle-only-empty-partitions")
    boolean idleOnlyEmptyPartitions;

    @Option(names = "--checkpoint-interval", descriptionKey = "gmv.checkpoint-interval")
    Duration checkpointInterval;

    @Option(names = "--progress-interval", descriptionKey = "gmv.progress-interval")
    Duration progressInterval;

    @Option(names = "--checkpoint-dir", descriptionKey = "gmv.checkpoint-dir")
    String checkpointDir;

    @Option(names = "--savepoint-dir", descriptionKey = "gmv.savepoint-dir")
    String savepointDir;

    @Option(names = "--state-backend", descriptionKey = "gmv.state-backend")
    String stateBackend;

    @Option(names = "--restart-attempts", descriptionKey = "gmv.restart-attempts")
    int restartAttempts;

    @Option(names = "--inject-failures", descriptionKey = "gmv.inject-failures")
    int injectFailures;

    @Option(names = "--metrics-port", descriptionKey = "gmv.metrics-port")
    int metricsPort;

    @Option(names = "--bind", descriptionKey = "gmv.bind-address")
    InetAddress bind;

    @Option(
            names = "--from-savepoint",
            description =
                    "Start from this savepoint or retained checkpoint (its directory, or its"
                            + " _metadata file).")
    String fromSavepoint;

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        LiveSettings s = settings();
        // Locally the job's own MiniCluster serves the metrics, so they are configured here; a
        // cluster (flink run) starts its reporters from its own configuration.
        boolean local =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        instanceof LocalStreamEnvironment;
        boolean serveMetrics = metricsPort > 0 && local;
        String host = bind.getHostAddress();
        if (serveMetrics && !PrometheusEndpoint.isFree(host, metricsPort)) {
            throw new UsageException(
                    "--metrics-port: "
                            + host
                            + ":"
                            + metricsPort
                            + " is in use; choose another port, or 0 for no metrics endpoint");
        }
        List<String> notices;
        try {
            notices = Preflight.check(s, fromSavepoint);
        } catch (Preflight.NotReady e) {
            throw new UsageException(e.getMessage());
        }
        printLogFile(err);
        for (String notice : notices) {
            err.println("gmv run: note: " + notice);
        }
        Configuration conf = LiveJob.configuration(s);
        if (fromSavepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        }
        if (local) {
            LocalCluster.listenOn(conf, bind);
        }
        if (serveMetrics) {
            PrometheusEndpoint.configure(conf, host, metricsPort);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        err.printf(
                "gmv run: %d campaign(s); reading %s from %s%s; writing %s and topic %s%n",
                s.plan().size(),
                String.join(",", s.inputTopics()),
                s.bootstrapServers(),
                s.kafkaProperties().isEmpty()
                        ? ""
                        : " (client properties " + KafkaProperties.keys(s.kafkaProperties()) + ")",
                Secrets.jdbcUrl(s.jdbcUrl()),
                s.grantsTopic());
        if (serveMetrics) {
            err.println(
                    "gmv run: Prometheus metrics: "
                            + LocalCluster.url(bind, metricsPort)
                            + "/metrics");
        }
        env.execute("gmv incentive engine");
        return 0;
    }

    /** The flags (over the --config file, over the defaults) as the job's settings. */
    LiveSettings settings() {
        Map<String, String> file =
                ((GmvDefaults) spec.defaultValueProvider()).file(spec.findOption("--config"));
        // The password is no flag: the environment, else the config file, else the default.
        String password = System.getenv("GMV_JDBC_PASSWORD");
        if (password == null) {
            password = Configuration.fromMap(file).get(GmvOptions.JDBC_PASSWORD);
        }
        LiveSettings.Builder b =
                LiveSettings.builder(Flags.campaigns(campaigns))
                        .kafka(kafka, inputTopics, grantsTopic, groupId)
                        .idleness(partitionIdleness, idleOnlyEmptyPartitions)
                        .jdbc(jdbcUrl, jdbcUser, password)
                        .checkpoints(checkpointInterval, checkpointDir, savepointDir);
        b.kafkaProperties = kafkaProperties(file);
        b.parallelism = engine.parallelism;
        b.maxOutOfOrderness = engine.maxOutOfOrderness;
        b.maxFutureSkew = engine.maxFutureSkew;
        b.stateBackend = stateBackend;
        b.restartAttempts = restartAttempts;
        b.injectFailures = injectFailures;
        b.progressInterval = progressInterval;
        return b.build();
    }

    /**
     * The --config file's client properties, then the flags' over them. A flag never holds a
     * literal secret: other users of the machine see command lines (ps), and shells keep them.
     */
    private Map<String, String> kafkaProperties(Map<String, String> file) {
        Map<String, String> all = new LinkedHashMap<>();
        KafkaProperties.inConfig(file)
                .forEach(
                        (k, v) ->
                                all.put(
                                        allowed(
                                                k,
                                                "--config "
                                                        + config
                                                        + ": "
                                                        + GmvOptions.KAFKA_PROPERTIES_PREFIX
                                                        + k),
                                        v));
        if (kafkaProperties != null) {
            for (Map.Entry<String, String> e : kafkaProperties) {
                String flag = "--kafka-property " + e.getKey();
                if (Secrets.isSecret(e.getKey()) && !e.getValue().contains("${")) {
                    throw new UsageException(
                            flag
                                    + ": a secret on the command line is visible to other users"
                                    + " (ps); write it as ${env:VAR} or ${file:PATH:KEY} with"
                                    + " config.providers, or in the --config file (see"
                                    + " docs/operations.md, \"Security\")");
                }
                all.put(allowed(e.getKey(), flag), e.getValue());
            }
        }
        return all;
    }

    private static String allowed(String key, String origin) {
        String refusal = KafkaProperties.refusal(key);
        if (refusal != null) {
            throw new UsageException(origin + " " + refusal + "; remove it");
        }
        return key;
    }
}
