package com.livegmv.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the GMV jobs in one place, each with its default and description. Command line
 * flags map onto these keys ({@code --max-out-of-orderness} is {@code gmv.max-out-of-orderness}); a
 * config file may set the same keys.
 */
public final class GmvOptions {
    private GmvOptions() {}

    public static final ConfigOption<String> CAMPAIGNS =
            key("gmv.campaigns")
                    .stringType()
                    .defaultValue("config/campaigns.yaml")
                    .withDescription("The campaign plan (YAML, SPEC §3).");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            key("gmv.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "How far behind the newest event time an event may arrive and still be"
                                    + " applied in order (SPEC §4).");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            key("gmv.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "An event whose event_time is more than this ahead of the machine's clock"
                                    + " when it is read is rejected (INVALID_FIELD, SPEC §2), and a"
                                    + " Kafka heartbeat that far ahead is ignored: a typo such as"
                                    + " year 2204 would otherwise settle every campaign. At least 1s;"
                                    + " there is no value that turns the check off.");

    public static final ConfigOption<Integer> PARALLELISM =
            key("gmv.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Parallelism of every operator.");

    public static final ConfigOption<List<String>> INPUTS =
            key("gmv.input")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Replay: the JSON Lines input files, read in parallel.");

    public static final ConfigOption<String> OUT =
            key("gmv.out")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Replay: the directory the five JSONL outputs go to.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("gmv.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often state is checkpointed.");

    // ---- the live job (gmv run, gmv demo) ----

    public static final ConfigOption<Integer> METRICS_PORT =
            key("gmv.metrics-port")
                    .intType()
                    .defaultValue(9249)
                    .withDescription(
                            "Port of the Prometheus metrics endpoint of a local gmv run, on the"
                                    + " gmv.bind-address; 0 turns it off. Under flink run the"
                                    + " cluster's own reporters serve the metrics and this is"
                                    + " ignored.");

    public static final ConfigOption<String> BIND_ADDRESS =
            key("gmv.bind-address")
                    .stringType()
                    .defaultValue("127.0.0.1")
                    .withDescription(
                            "Address the web servers of a local run listen on (the Flink web UI and"
                                    + " REST API, the Prometheus endpoint; the demo's festival"
                                    + " screen): 127.0.0.1 is this machine only, 0.0.0.0 every"
                                    + " interface. Under flink run the cluster's configuration"
                                    + " decides (rest.bind-address) and this is ignored.");

    /**
     * Kafka client properties, Flink SQL's convention: {@code
     * gmv.kafka.properties.security.protocol: SASL_SSL} in a config file is the client property
     * {@code security.protocol}, given to every Kafka client of the job (source, grants sink,
     * preflight). A prefix, not an option: any client property may follow it (see {@code
     * KafkaProperties}).
     */
    public static final String KAFKA_PROPERTIES_PREFIX = "gmv.kafka.properties.";

    public static final ConfigOption<Duration> PROGRESS_INTERVAL =
            key("gmv.progress-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "How often streamer_progress receives the latest row of each (campaign,"
                                    + " streamer) that changed: PostgreSQL sees at most one upsert per"
                                    + " streamer and campaign per interval. A settled row and a"
                                    + " checkpoint write at once.");

    public static final ConfigOption<String> KAFKA_BOOTSTRAP =
            key("gmv.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers.");

    public static final ConfigOption<List<String>> INPUT_TOPICS =
            key("gmv.kafka.input-topics")
                    .stringType()
                    .asList()
                    .defaultValues("live-sessions", "campaign-signups", "order-events")
                    .withDescription(
                            "Input topics. By convention live-sessions carries LIVE_SESSION_STARTED,"
                                    + " campaign-signups REGISTRATION and PREVIEW_PUBLISHED, order-events"
                                    + " ORDER_PAID and ORDER_REFUNDED; any topic may carry any type. Records"
                                    + " should be keyed by streamer_id.");

    public static final ConfigOption<String> GRANTS_TOPIC =
            key("gmv.kafka.grants-topic")
                    .stringType()
                    .defaultValue("incentive-grants")
                    .withDescription(
                            "Topic the grants go to (EXACTLY_ONCE, key grant_id, value the JSON row).");

    public static final ConfigOption<String> GROUP_ID =
            key("gmv.kafka.group-id")
                    .stringType()
                    .defaultValue("gmv-incentive-engine")
                    .withDescription("Consumer group; offsets are committed on checkpoints.");

    public static final ConfigOption<Duration> IDLENESS =
            key("gmv.kafka.partition-idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding the watermark back.");

    public static final ConfigOption<Boolean> IDLE_ONLY_EMPTY =
            key("gmv.kafka.idle-only-empty-partitions")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Only a partition that has never delivered an event may become idle. Use"
                                    + " it when the job will be drained (see docs/operations.md,"
                                    + " Checkpoints and savepoints).");

    public static final ConfigOption<String> JDBC_URL =
            key("gmv.jdbc.url")
                    .stringType()
                    .defaultValue("jdbc:postgresql://localhost:5432/gmv")
                    .withDescription("PostgreSQL the SPEC §9 tables are written to.");

    public static final ConfigOption<String> JDBC_USER =
            key("gmv.jdbc.user")
                    .stringType()
                    .defaultValue("postgres")
                    .withDescription("Database user.");

    public static final ConfigOption<String> JDBC_PASSWORD =
            key("gmv.jdbc.password")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Database password (prefer the GMV_JDBC_PASSWORD environment variable).");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            key("gmv.checkpoint-dir")
                    .stringType()
                    .defaultValue("file:///tmp/gmv/checkpoints")
                    .withDescription("Where checkpoints (RocksDB, incremental) are kept.");

    public static final ConfigOption<String> SAVEPOINT_DIR =
            key("gmv.savepoint-dir")
                    .stringType()
                    .defaultValue("file:///tmp/gmv/savepoints")
                    .withDescription("Default savepoint directory.");

    public static final ConfigOption<String> STATE_BACKEND =
            key("gmv.state-backend")
                    .stringType()
                    .defaultValue("rocksdb")
                    .withDescription("rocksdb (default, incremental checkpoints) or hashmap.");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            key("gmv.restart-attempts")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Restarts (exponential back-off from 1 s to 1 min) before the job fails.");

    public static final ConfigOption<Integer> INJECT_FAILURES =
            key("gmv.inject-failures")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "Fail the job on purpose this many times, spread over the campaigns' event"
                                    + " time, each after a completed checkpoint (reliability tests).");
}
