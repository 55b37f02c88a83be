package com.livegmv.jobs.live;

import com.livegmv.jobs.config.GmvOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka client properties of a secured cluster ({@code gmv.kafka.properties.*}): given as they
 * are to every Kafka client of the job, the source, the grants sink and the preflight's admin
 * client. A secret is written as a reference of one of Kafka's config providers ({@code
 * ${env:VAR}}, {@code ${file:PATH:KEY}}), which each client resolves where it runs, so that no file
 * or flag holds it and the job graph carries only the reference.
 */
public final class KafkaProperties {
    /**
     * Keys the job sets itself, with what sets them: a second way to set them would be overridden
     * without a word, or would break exactly-once.
     */
    private static final Map<String, String> SET_BY_JOB =
            Map.ofEntries(
                    Map.entry("bootstrap.servers", "--kafka (gmv.kafka.bootstrap-servers)"),
                    Map.entry("group.id", "--group-id (gmv.kafka.group-id)"),
                    Map.entry(
                            "isolation.level",
                            "the job: read_committed, so that aborted input is never read"),
                    Map.entry(
                            "transactional.id",
                            "the job: the grants topic's exactly-once transactions"),
                    Map.entry(
                            "enable.auto.commit",
                            "the job: offsets are committed with checkpoints"),
                    Map.entry(
                            "auto.offset.reset",
                            "the job: a new consumer group starts at the earliest offset"),
                    Map.entry("key.deserializer", "the job"),
                    Map.entry("value.deserializer", "the job"),
                    Map.entry("key.serializer", "the job"),
                    Map.entry("value.serializer", "the job"));

    /** A config provider reference, as Kafka's ConfigTransformer reads it: provider, path, key. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");

    private static final String ENV_PROVIDER =
            "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

    private KafkaProperties() {}

    /** Why {@code key} cannot be set as a client property, or null when it can. */
    public static String refusal(String key) {
        String by = SET_BY_JOB.get(key);
        return by == null ? null : "is set by " + by;
    }

    /**
     * Refuses a map that sets a key the job sets itself.
     *
     * @throws IllegalArgumentException naming the first such key
     */
    static void check(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            String refusal = refusal(key);
            if (refusal != null) {
                throw new IllegalArgumentException(
                        GmvOptions.KAFKA_PROPERTIES_PREFIX + key + " " + refusal);
            }
        }
    }

    /**
     * Gives a client of the job what every one of them gets: the brokers, then the client
     * properties, last so that they override a default the caller set before (none can set a key of
     * {@link #SET_BY_JOB}).
     */
    static void applyTo(LiveSettings s, BiConsumer<String, String> setProperty) {
        setProperty.accept("bootstrap.servers", s.bootstrapServers());
        s.kafkaProperties().forEach(setProperty);
    }

    /**
     * An admin client's properties: the client properties, the brokers, and its own bounds on a
     * request and on a call, so that an unreachable cluster is an error within seconds.
     */
    public static Properties admin(
            String bootstrap, Map<String, String> clientProperties, int requestMs, int callMs) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestMs));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(callMs));
        return p;
    }

    /** The client properties among a config file's keys, without their prefix, in file order. */
    public static Map<String, String> inConfig(Map<String, String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach(
                (k, v) -> {
                    if (k.startsWith(GmvOptions.KAFKA_PROPERTIES_PREFIX)) {
                        out.put(k.substring(GmvOptions.KAFKA_PROPERTIES_PREFIX.length()), v);
                    }
                });
        return out;
    }

    /** What our own lines may say of them: the keys, never a value. */
    public static String keys(Map<String, String> properties) {
        return String.join(", ", properties.keySet());
    }

    /**
     * The environment variables that {@code ${ALIAS:VAR}} references name through an {@code
     * EnvVarConfigProvider} and that this process lacks: Kafka leaves such a reference as it is, so
     * a missing variable shows up only as refused credentials.
     */
    static List<String> unsetVariables(Map<String, String> properties) {
        List<String> unset = new ArrayList<>();
        for (String value : properties.values()) {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String provider = properties.get("config.providers." + m.group(1) + ".class");
                if (ENV_PROVIDER.equals(provider) && System.getenv(m.group(4)) == null) {
                    unset.add(m.group(4));
                }
            }
        }
        return unset;
    }
}
