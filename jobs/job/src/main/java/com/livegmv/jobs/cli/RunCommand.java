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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    public RunCommand() {
        super(
                "[--config] [--campaigns] [--kafka] [--input-topics]... [--grants-topic]"
                        + " [--group-id] [--kafka-property]... [--jdbc-url] [--jdbc-user]"
                        + " [--parallelism]"
                        + " [--max-out-of-orderness] [--max-future-skew] [--partition-idleness]"
                        + " [--idle-only-empty-partitions] [--checkpoint-interval]"
                        + " [--progress-interval] [--checkpoint-dir] [--savepoint-dir]"
                        + " [--state-backend] [--restart-attempts] [--inject-failures]"
                        + " [--metrics-port] [--bind] [--from-savepoint]");
    }

    @Mixin EngineOptions engine;

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        LiveSettings s = settings();
        int metricsPort = value("--metrics-port");
        InetAddress bind = value("--bind");
        String fromSavepoint = value("--from-savepoint");
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
            LocalCluster.managedMemory(conf);
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
                LiveSettings.builder(Flags.campaigns(value("--campaigns")))
                        .kafka(
                                value("--kafka"),
                                value("--input-topics"),
                                value("--grants-topic"),
                                value("--group-id"))
                        .idleness(
                                value("--partition-idleness"),
                                value("--idle-only-empty-partitions"))
                        .jdbc(value("--jdbc-url"), value("--jdbc-user"), password)
                        .checkpoints(
                                value("--checkpoint-interval"),
                                value("--checkpoint-dir"),
                                value("--savepoint-dir"));
        b.kafkaProperties = kafkaProperties(file);
        b.parallelism = engine.parallelism;
        b.maxOutOfOrderness = engine.maxOutOfOrderness;
        b.maxFutureSkew = engine.maxFutureSkew;
        b.stateBackend = value("--state-backend");
        b.restartAttempts = value("--restart-attempts");
        b.injectFailures = value("--inject-failures");
        b.progressInterval = value("--progress-interval");
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
                                                        + value("--config")
                                                        + ": "
                                                        + GmvOptions.KAFKA_PROPERTIES_PREFIX
                                                        + k),
                                        v));
        List<Map.Entry<String, String>> flags = value("--kafka-property");
        if (flags != null) {
            for (Map.Entry<String, String> e : flags) {
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
