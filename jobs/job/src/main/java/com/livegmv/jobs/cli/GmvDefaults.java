package com.livegmv.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.livegmv.campaign.CampaignLoader;
import com.livegmv.jobs.config.GmvOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of every flag that is a {@link GmvOptions} key (its {@code descriptionKey} names the
 * key): the value in the command's {@code --config} file when it sets the key, else the option's
 * own default. picocli asks only for flags missing from the command line, after reading it, and
 * converts the answer with the flag's converter, so a value in the file is checked exactly as the
 * flag is. {@link Help} gives the same flags the option's description.
 */
public final class GmvDefaults implements IDefaultValueProvider {
    /** Every option of {@link GmvOptions}, by key. */
    static final Map<String, ConfigOption<?>> OPTIONS = options();

    private Path loaded;
    private Map<String, String> file = Map.of();
    private final Set<ArgSpec> fromFile = new HashSet<>();

    @Override
    public String defaultValue(ArgSpec arg) {
        ConfigOption<?> o = option(arg);
        if (o == null) {
            return null;
        }
        String v = file(arg).get(o.key());
        if (v != null) {
            fromFile.add(arg);
            return v;
        }
        return o.hasDefaultValue() ? render(o.defaultValue()) : null;
    }

    /** Where a refused value came from when the flag was not given: "--config FILE: KEY". */
    String origin(ArgSpec arg) {
        return fromFile.contains(arg) ? "--config " + loaded + ": " + arg.descriptionKey() : null;
    }

    /** The keys the --config file of {@code arg}'s command sets (none without --config). */
    Map<String, String> file(ArgSpec arg) {
        OptionSpec config = arg.command().findOption("--config");
        Path p = config == null ? null : config.getValue();
        if (p != null && !p.equals(loaded)) {
            file = read(p);
            loaded = p;
        }
        return p == null ? Map.of() : file;
    }

    private static ConfigOption<?> option(ArgSpec arg) {
        String key = arg.descriptionKey();
        if (key == null || !key.startsWith("gmv.")) {
            return null;
        }
        ConfigOption<?> o = OPTIONS.get(key);
        if (o == null) {
            throw new IllegalStateException(arg + ": no option " + key + " in GmvOptions");
        }
        return o;
    }

    /**
     * A YAML map of known keys and of Kafka client properties ({@link
     * GmvOptions#KAFKA_PROPERTIES_PREFIX}); a list value becomes "a;b;c".
     */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config: no such file: " + file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UsageException(
                    "--config: " + file + " is not valid YAML" + CampaignLoader.yamlProblem(e));
        } catch (IOException e) {
            throw new UsageException("--config: cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("--config: " + file + " must be a mapping of gmv.* keys");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.fields()
                .forEachRemaining(
                        e -> {
                            String key = e.getKey();
                            boolean property =
                                    key.startsWith(GmvOptions.KAFKA_PROPERTIES_PREFIX)
                                            && key.length()
                                                    > GmvOptions.KAFKA_PROPERTIES_PREFIX.length();
                            if (!OPTIONS.containsKey(key) && !property) {
                                throw new UsageException(
                                        "--config: " + file + ": unknown key '" + key + "'");
                            }
                            if (property
                                    && (!e.getValue().isValueNode() || e.getValue().isNull())) {
                                throw new UsageException(
                                        "--config: " + file + ": " + key + " must be one value");
                            }
                            List<String> items = new ArrayList<>();
                            e.getValue().forEach(n -> items.add(n.asText()));
                            JsonNode v = e.getValue();
                            values.put(
                                    e.getKey(), v.isArray() ? String.join(";", items) : v.asText());
                        });
        return values;
    }

    /** A default as a flag would spell it: lists with commas, durations like "2s" or "1h". */
    static String render(Object v) {
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        if (v instanceof Duration d) {
            long ms = d.toMillis();
            if (ms != 0 && ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            }
            if (ms != 0 && ms % 60_000 == 0) {
                return ms / 60_000 + "min";
            }
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        return String.valueOf(v);
    }

    private static Map<String, ConfigOption<?>> options() {
        Map<String, ConfigOption<?>> m = new LinkedHashMap<>();
        for (Field f : GmvOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    m.put(o.key(), o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return m;
    }

    /** An option's description as plain text ending with a full stop, safe for picocli. */
    private static String sentence(ConfigOption<?> o) {
        String text =
                new HtmlFormatter()
                        .format(o.description())
                        .replaceAll("<[^>]+>", "")
                        .replace("%", "%%")
                        .strip();
        return text.endsWith(".") ? text : text + ".";
    }

    /** The help text of each key: the option's description and its default. */
    public static final class Help extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return OPTIONS.values().stream()
                    .map(
                            o ->
                                    new Object[] {
                                        o.key(),
                                        sentence(o)
                                                + (o.hasDefaultValue()
                                                        ? " Default: ${DEFAULT-VALUE}."
                                                        : "")
                                    })
                    .toArray(Object[][]::new);
        }
    }
}
