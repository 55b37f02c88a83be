package com.livegmv.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.LiveSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * The live job's settings: defaults, then a config file ({@code --config}, YAML of {@code gmv.*}
 * keys), then flags. Every flag is one key of {@link GmvOptions}; errors name the flag or key.
 */
public final class LiveFlags {
    /** Flag -> option; the order is the order of --help. */
    public static final Map<String, ConfigOption<?>> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--campaigns", GmvOptions.CAMPAIGNS);
        FLAGS.put("--kafka", GmvOptions.KAFKA_BOOTSTRAP);
        FLAGS.put("--input-topics", GmvOptions.INPUT_TOPICS);
        FLAGS.put("--grants-topic", GmvOptions.GRANTS_TOPIC);
        FLAGS.put("--group-id", GmvOptions.GROUP_ID);
        FLAGS.put("--jdbc-url", GmvOptions.JDBC_URL);
        FLAGS.put("--jdbc-user", GmvOptions.JDBC_USER);
        FLAGS.put("--parallelism", GmvOptions.PARALLELISM);
        FLAGS.put("--max-out-of-orderness", GmvOptions.MAX_OUT_OF_ORDERNESS);
        FLAGS.put("--max-future-skew", GmvOptions.MAX_FUTURE_SKEW);
        FLAGS.put("--partition-idleness", GmvOptions.IDLENESS);
        FLAGS.put("--idle-only-empty-partitions", GmvOptions.IDLE_ONLY_EMPTY);
        FLAGS.put("--checkpoint-interval", GmvOptions.CHECKPOINT_INTERVAL);
        FLAGS.put("--checkpoint-dir", GmvOptions.CHECKPOINT_DIR);
        FLAGS.put("--savepoint-dir", GmvOptions.SAVEPOINT_DIR);
        FLAGS.put("--state-backend", GmvOptions.STATE_BACKEND);
        FLAGS.put("--restart-attempts", GmvOptions.RESTART_ATTEMPTS);
        FLAGS.put("--inject-failures", GmvOptions.INJECT_FAILURES);
        FLAGS.put("--metrics-port", GmvOptions.METRICS_PORT);
    }

    private LiveFlags() {}

    /** Declares every live flag (and --config) on a command line. */
    public static CommandLine declare(CommandLine cl) {
        cl.option("--config", "FILE", "YAML file of gmv.* keys (see README); flags override it");
        for (Map.Entry<String, ConfigOption<?>> e : FLAGS.entrySet()) {
            ConfigOption<?> o = e.getValue();
            String def = o.hasDefaultValue() ? " Default: " + render(o.defaultValue()) + "." : "";
            cl.option(
                    e.getKey(),
                    "VALUE",
                    new HtmlFormatter().format(o.description()).replaceAll("<[^>]+>", "") + def);
        }
        return cl;
    }

    private static String render(Object v) {
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        if (v instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        return String.valueOf(v);
    }

    public static Configuration configuration(CommandLine cl) {
        Configuration conf = new Configuration();
        if (cl.has("--config")) {
            loadFile(Path.of(cl.get("--config")), conf);
        }
        for (Map.Entry<String, ConfigOption<?>> e : FLAGS.entrySet()) {
            if (cl.has(e.getKey())) {
                String v = cl.get(e.getKey());
                // Lists are ';'-separated in Flink; accept commas on the command line too.
                conf.setString(
                        e.getValue().key(),
                        e.getValue() == GmvOptions.INPUT_TOPICS ? v.replace(',', ';') : v);
            }
        }
        return conf;
    }

    public static void loadFile(Path file, Configuration conf) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config: no such file: " + file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException(
                    "--config: " + file + " is not valid YAML" + CampaignLoader.yamlProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("--config: " + file + " must be a mapping of gmv.* keys");
        }
        Map<String, ConfigOption<?>> known = new LinkedHashMap<>();
        for (ConfigOption<?> o : allOptions()) {
            known.put(o.key(), o);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.containsKey(e.getKey())) {
                throw new UsageException(
                        "--config: " + file + ": unknown key '" + e.getKey() + "'");
            }
            JsonNode v = e.getValue();
            String value = v.isArray() ? String.join(";", iterable(v)) : v.asText();
            conf.setString(e.getKey(), value);
        }
    }

    private static List<String> iterable(JsonNode array) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    public static List<ConfigOption<?>> allOptions() {
        java.util.ArrayList<ConfigOption<?>> l = new java.util.ArrayList<>();
        for (Field f : GmvOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    l.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return l;
    }

    /** Reads an option, turning a parse failure into a message that names flag and key. */
    public static <T> T get(Configuration conf, ConfigOption<T> o) {
        try {
            return conf.get(o);
        } catch (RuntimeException e) {
            String flag =
                    FLAGS.entrySet().stream()
                            .filter(x -> x.getValue() == o)
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse(o.key());
            throw new UsageException(
                    flag
                            + " ("
                            + o.key()
                            + "): invalid value \""
                            + conf.toMap().get(o.key())
                            + "\"");
        }
    }

    /** The metrics port; 0: no endpoint. */
    public static int metricsPort(Configuration conf) {
        int port = get(conf, GmvOptions.METRICS_PORT);
        if (port < 0 || port > 65535) {
            throw new UsageException("--metrics-port must be in 0..65535 (0: off), got " + port);
        }
        return port;
    }

    public static int injectFailures(int n) {
        if (n < 0 || n > 100) {
            throw new UsageException("--inject-failures must be in 0..100, got " + n);
        }
        return n;
    }

    public static LiveSettings settings(Configuration conf, boolean bounded) {
        CampaignPlan plan = Flags.campaigns(get(conf, GmvOptions.CAMPAIGNS));
        int parallelism = get(conf, GmvOptions.PARALLELISM);
        if (parallelism < 1 || parallelism > 256) {
            throw new UsageException("--parallelism must be in 1..256, got " + parallelism);
        }
        List<String> topics = get(conf, GmvOptions.INPUT_TOPICS);
        if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--input-topics: name at least one topic, separated by ';'");
        }
        Duration interval = get(conf, GmvOptions.CHECKPOINT_INTERVAL);
        if (interval.toMillis() < 10) {
            throw new UsageException("--checkpoint-interval must be at least 10ms");
        }
        String backend = get(conf, GmvOptions.STATE_BACKEND);
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw new UsageException("--state-backend must be rocksdb or hashmap, got " + backend);
        }
        int restarts = get(conf, GmvOptions.RESTART_ATTEMPTS);
        if (restarts < 0) {
            throw new UsageException("--restart-attempts must not be negative");
        }
        String password =
                System.getenv()
                        .getOrDefault("GMV_JDBC_PASSWORD", get(conf, GmvOptions.JDBC_PASSWORD));
        String url = get(conf, GmvOptions.JDBC_URL);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url must start with jdbc:postgresql:, got " + url);
        }
        return new LiveSettings(
                plan,
                get(conf, GmvOptions.KAFKA_BOOTSTRAP),
                topics,
                get(conf, GmvOptions.GRANTS_TOPIC),
                get(conf, GmvOptions.GROUP_ID),
                url,
                get(conf, GmvOptions.JDBC_USER),
                password,
                parallelism,
                get(conf, GmvOptions.MAX_OUT_OF_ORDERNESS),
                get(conf, GmvOptions.IDLENESS),
                interval,
                get(conf, GmvOptions.CHECKPOINT_DIR),
                get(conf, GmvOptions.SAVEPOINT_DIR),
                backend,
                restarts,
                bounded,
                get(conf, GmvOptions.IDLE_ONLY_EMPTY),
                injectFailures(get(conf, GmvOptions.INJECT_FAILURES)),
                Flags.maxFutureSkew(get(conf, GmvOptions.MAX_FUTURE_SKEW)));
    }
}
