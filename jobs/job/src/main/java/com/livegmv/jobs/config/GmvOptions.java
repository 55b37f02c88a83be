package com.livegmv.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the GMV jobs in one place, each with its type and default; its description is in
 * {@code GmvOptions.properties} beside this class. Command line flags map onto these keys ({@code
 * --max-out-of-orderness} is {@code gmv.max-out-of-orderness}); a config file may set the same
 * keys.
 */
public final class GmvOptions {
    private GmvOptions() {}

    private static final Properties DESCRIPTIONS = descriptions();

    public static final ConfigOption<String> CAMPAIGNS =
            string("gmv.campaigns", "config/campaigns.yaml");
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            duration("gmv.max-out-of-orderness", Duration.ofSeconds(2));
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            duration("gmv.max-future-skew", Duration.ofHours(1));
    public static final ConfigOption<Integer> PARALLELISM = integer("gmv.parallelism", 2);
    public static final ConfigOption<List<String>> INPUTS =
            described(key("gmv.input").stringType().asList().noDefaultValue());
    public static final ConfigOption<String> OUT =
            described(key("gmv.out").stringType().noDefaultValue());
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            duration("gmv.checkpoint-interval", Duration.ofSeconds(10));

    // ---- the live job (gmv run, gmv demo) ----

    public static final ConfigOption<Integer> METRICS_PORT = integer("gmv.metrics-port", 9249);
    public static final ConfigOption<String> BIND_ADDRESS = string("gmv.bind-address", "127.0.0.1");

    /**
     * Kafka client properties, Flink SQL's convention: {@code
     * gmv.kafka.properties.security.protocol: SASL_SSL} in a config file is the client property
     * {@code security.protocol}, given to every Kafka client of the job (source, grants sink,
     * preflight). A prefix, not an option: any client property may follow it (see {@code
     * KafkaProperties}).
     */
    public static final String KAFKA_PROPERTIES_PREFIX = "gmv.kafka.properties.";

    public static final ConfigOption<Duration> PROGRESS_INTERVAL =
            duration("gmv.progress-interval", Duration.ofSeconds(1));
    public static final ConfigOption<String> KAFKA_BOOTSTRAP =
            string("gmv.kafka.bootstrap-servers", "localhost:9092");
    public static final ConfigOption<List<String>> INPUT_TOPICS =
            described(
                    key("gmv.kafka.input-topics")
                            .stringType()
                            .asList()
                            .defaultValues("live-sessions", "campaign-signups", "order-events"));
    public static final ConfigOption<String> GRANTS_TOPIC =
            string("gmv.kafka.grants-topic", "incentive-grants");
    public static final ConfigOption<String> GROUP_ID =
            string("gmv.kafka.group-id", "gmv-incentive-engine");
    public static final ConfigOption<Duration> IDLENESS =
            duration("gmv.kafka.partition-idleness", Duration.ofSeconds(30));
    public static final ConfigOption<Boolean> IDLE_ONLY_EMPTY =
            bool("gmv.kafka.idle-only-empty-partitions", false);
    public static final ConfigOption<String> JDBC_URL =
            string("gmv.jdbc.url", "jdbc:postgresql://localhost:5432/gmv");
    public static final ConfigOption<String> JDBC_USER = string("gmv.jdbc.user", "postgres");
    public static final ConfigOption<String> JDBC_PASSWORD = string("gmv.jdbc.password", "");
    public static final ConfigOption<String> CHECKPOINT_DIR =
            string("gmv.checkpoint-dir", "file:///tmp/gmv/checkpoints");
    public static final ConfigOption<String> SAVEPOINT_DIR =
            string("gmv.savepoint-dir", "file:///tmp/gmv/savepoints");
    public static final ConfigOption<String> STATE_BACKEND = string("gmv.state-backend", "rocksdb");
    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            integer("gmv.restart-attempts", 10);
    public static final ConfigOption<Integer> INJECT_FAILURES = integer("gmv.inject-failures", 0);

    private static ConfigOption<String> string(String key, String defaultValue) {
        return described(key(key).stringType().defaultValue(defaultValue));
    }

    private static ConfigOption<Integer> integer(String key, int defaultValue) {
        return described(key(key).intType().defaultValue(defaultValue));
    }

    private static ConfigOption<Duration> duration(String key, Duration defaultValue) {
        return described(key(key).durationType().defaultValue(defaultValue));
    }

    private static ConfigOption<Boolean> bool(String key, boolean defaultValue) {
        return described(key(key).booleanType().defaultValue(defaultValue));
    }

    /** The option with its description from GmvOptions.properties; every option has one. */
    private static <T> ConfigOption<T> described(ConfigOption<T> option) {
        String text = DESCRIPTIONS.getProperty(option.key());
        if (text == null) {
            throw new IllegalStateException("GmvOptions.properties: no " + option.key());
        }
        return option.withDescription(text);
    }

    private static Properties descriptions() {
        Properties p = new Properties();
        try (Reader r =
                new InputStreamReader(
                        GmvOptions.class.getResourceAsStream("GmvOptions.properties"),
                        StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
