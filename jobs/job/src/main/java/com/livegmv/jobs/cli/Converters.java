package com.livegmv.jobs.cli;

import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.config.GmvOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The flag value types of every command, so that a value is read and refused the same way
 * everywhere. A message is the rest of a sentence that starts with the flag: {@code --parallelism
 * must be in 1..256, got 0}.
 */
public final class Converters {
    /**
     * One limit for every command, since they all run the same topology: 256, what run and replay
     * have always accepted, so no deployment that works today is refused. It guards against a typo
     * (2000 for 200) asking a cluster for that many slots per operator; the demo and the benchmark
     * run on one machine and gain nothing above its cores, so the higher bound costs them nothing.
     */
    public static final int MAX_PARALLELISM = 256;

    private Converters() {}

    public static Duration duration(String value) {
        Duration d;
        try {
            String v = value.strip();
            d =
                    v.toUpperCase(Locale.ROOT).startsWith("P")
                            ? Duration.parse(v)
                            : TimeUtils.parseDuration(v);
        } catch (RuntimeException e) {
            throw new TypeConversionException(
                    "must be a duration like 2s, 500ms or PT2S, got \"" + value + "\"");
        }
        if (d.isNegative()) {
            throw new TypeConversionException("must not be negative, got " + value);
        }
        return d;
    }

    /** A whole number, {@code 1_000_000} allowed. */
    public static long whole(String value) {
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number, got \"" + value + "\"");
        }
    }

    /** A whole number in {@code min..max}. */
    public static long inRange(String value, long min, long max) {
        long n = whole(value);
        if (n < min || n > max) {
            throw new TypeConversionException(
                    max >= Integer.MAX_VALUE
                            ? "must be at least " + min + ", got " + value
                            : "must be in " + min + ".." + max + ", got " + value);
        }
        return n;
    }

    /** An odd count of rounds in 1..9, so that most of them decide. */
    static int oddRounds(String value) {
        int n = (int) inRange(value, 1, 9);
        if (n % 2 == 0) {
            throw new TypeConversionException(
                    "must be odd (1, 3, 5, 7 or 9), so that most rounds decide; got " + value);
        }
        return n;
    }

    /** A number with a fraction allowed, in {@code min..max}. */
    public static double decimal(String value, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a number, got \"" + value + "\"");
        }
        if (!(d >= min && d <= max)) {
            throw new TypeConversionException(
                    "must be in " + fmt(min) + ".." + fmt(max) + ", got " + value);
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A number below 1 (0 or more): a share. */
    static double fraction(String value) {
        double d = decimal(value, 0, 1);
        if (d == 1) {
            throw new TypeConversionException("must be below 1, got " + value);
        }
        return d;
    }

    /** A duration of at least {@code min}; {@code spelt} is how the message names it. */
    static Duration atLeast(String value, Duration min, String spelt) {
        Duration d = duration(value);
        if (d.compareTo(min) < 0) {
            throw new TypeConversionException("must be at least " + spelt + ", got " + value);
        }
        return d;
    }

    /**
     * An address of this machine to listen on, as a literal (no name lookup for a flag): 127.0.0.1
     * (this machine only), 0.0.0.0 (every interface), an IPv6 literal, or localhost.
     */
    static InetAddress bindAddress(String value) {
        try {
            if (!value.equals("localhost")
                    && !value.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new UnknownHostException(value);
            }
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new TypeConversionException(
                    "must be an address of this machine such as 127.0.0.1 or 0.0.0.0, got "
                            + value);
        }
    }

    /** {@code true} or {@code false}, nothing else. */
    static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new TypeConversionException(
                            "must be true or false, got \"" + value + "\"");
        };
    }

    /** A name that is not blank: a topic, a group id, a user. */
    static String name(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("must not be empty");
        }
        return value.strip();
    }

    /** {@code KEY=VALUE}, split at the first {@code =}: the value may hold more. */
    static Map.Entry<String, String> keyValue(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || value.substring(0, eq).isBlank()) {
            throw new TypeConversionException("must be KEY=VALUE, got \"" + value + "\"");
        }
        return Map.entry(value.substring(0, eq).strip(), value.substring(eq + 1));
    }

    /** Kafka bootstrap servers: {@code HOST:PORT[,HOST:PORT...]}. */
    static String hostPorts(String value) {
        for (String hp : value.split(",", -1)) {
            int colon = hp.strip().lastIndexOf(':');
            boolean ok = colon > 0;
            if (ok) {
                try {
                    long port = Long.parseLong(hp.strip().substring(colon + 1));
                    ok = port >= 1 && port <= 65_535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new TypeConversionException(
                        "must be HOST:PORT[,HOST:PORT...], got \"" + value + "\"");
            }
        }
        return value.strip();
    }

    /** A PostgreSQL JDBC URL. */
    static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new TypeConversionException(
                    "must start with jdbc:postgresql:, got \"" + value + "\"");
        }
        return value;
    }

    /** The state backend of a job: rocksdb or hashmap. */
    static String stateBackend(String value) {
        if (!value.equals("rocksdb") && !value.equals("hashmap")) {
            throw new TypeConversionException("must be rocksdb or hashmap, got \"" + value + "\"");
        }
        return value;
    }

    /**
     * What a flag's value is called in the help (null: a switch, which takes no value), how it is
     * read (null: as text), the {@link GmvOptions} option it sets (its description and default,
     * unless a command describes the flag itself), and for a list in one value, what splits it.
     */
    record Kind(String label, ITypeConverter<?> converter, ConfigOption<?> option, String split) {
        /** This command's variant, with what it leaves open taken from the flag's kind. */
        Kind or(Kind general) {
            return new Kind(
                    label != null ? label : general.label,
                    converter != null ? converter : general.converter,
                    general.option,
                    general.split);
        }
    }

    private static Map.Entry<String, Kind> flag(
            String name, String label, ITypeConverter<?> converter) {
        return flag(name, label, converter, null);
    }

    private static Map.Entry<String, Kind> flag(
            String name, String label, ITypeConverter<?> converter, ConfigOption<?> option) {
        return Map.entry(name, new Kind(label, converter, option, null));
    }

    private static final ITypeConverter<Integer> PORT = v -> (int) inRange(v, 1, 65_535);
    private static final ITypeConverter<Integer> PORT_OR_OFF = v -> (int) inRange(v, 0, 65_535);

    /**
     * Every flag of every gmv command, the job's and the tools', by name: a name means one kind of
     * value in every command, but for the rows named "COMMAND --flag", that command's own label or
     * converter.
     */
    static final Map<String, Kind> FLAGS =
            Map.ofEntries(
                    flag(
                            "--parallelism",
                            "N",
                            v -> (int) inRange(v, 1, MAX_PARALLELISM),
                            GmvOptions.PARALLELISM),
                    flag("bench --parallelism", "P", null),
                    flag(
                            "--max-out-of-orderness",
                            "DURATION",
                            Converters::duration,
                            GmvOptions.MAX_OUT_OF_ORDERNESS),
                    flag(
                            "--partition-idleness",
                            "DURATION",
                            Converters::duration,
                            GmvOptions.IDLENESS),
                    flag(
                            "--max-future-skew",
                            "DURATION",
                            v ->
                                    atLeast(
                                            v,
                                            RecordDecoder.MIN_FUTURE_SKEW,
                                            "1s (the check cannot be turned off)"),
                            GmvOptions.MAX_FUTURE_SKEW),
                    flag(
                            "--checkpoint-interval",
                            "DURATION",
                            v -> atLeast(v, Duration.ofMillis(10), "10ms"),
                            GmvOptions.CHECKPOINT_INTERVAL),
                    flag(
                            "--progress-interval",
                            "DURATION",
                            v -> atLeast(v, Duration.ofMillis(1), "1ms"),
                            GmvOptions.PROGRESS_INTERVAL),
                    flag("--duration", "DURATION", v -> atLeast(v, Duration.ofSeconds(1), "1s")),
                    flag(
                            "--inject-failures",
                            "N",
                            v -> (int) inRange(v, 0, 100),
                            GmvOptions.INJECT_FAILURES),
                    flag(
                            "--restart-attempts",
                            "N",
                            v -> (int) inRange(v, 0, Integer.MAX_VALUE),
                            GmvOptions.RESTART_ATTEMPTS),
                    flag("--events", "N", v -> inRange(v, 1, Long.MAX_VALUE)),
                    flag("bench --events", null, v -> inRange(v, 1_000, Long.MAX_VALUE)),
                    flag("generate --events", "M", null),
                    flag("--streamers", "N", v -> (int) inRange(v, 1, 100_000_000)),
                    flag("--rounds", "R", v -> (int) inRange(v, 1, 100)),
                    flag("--seed", "S", Converters::whole),
                    flag("--rate", "EVENTS_PER_S", v -> decimal(v, 1, 10_000_000)),
                    flag("--malformed", "FRACTION", Converters::fraction),
                    flag("--web-port", "PORT", PORT),
                    flag("--screen-port", "PORT", PORT),
                    flag("--metrics-port", "N", PORT_OR_OFF, GmvOptions.METRICS_PORT),
                    flag("--port", "N", PORT_OR_OFF),
                    flag("--bind", "ADDR", Converters::bindAddress, GmvOptions.BIND_ADDRESS),
                    flag("--kafka", "HOST:PORT", Converters::hostPorts, GmvOptions.KAFKA_BOOTSTRAP),
                    flag("--kafka-property", "KEY=VALUE", Converters::keyValue),
                    Map.entry(
                            "--input-topics",
                            new Kind(
                                    "TOPIC[,TOPIC...]",
                                    Converters::name,
                                    GmvOptions.INPUT_TOPICS,
                                    "[,;]")),
                    flag("--grants-topic", "TOPIC", Converters::name, GmvOptions.GRANTS_TOPIC),
                    flag("--group-id", "GROUP", Converters::name, GmvOptions.GROUP_ID),
                    flag("--jdbc-user", "USER", Converters::name, GmvOptions.JDBC_USER),
                    flag("--jdbc-url", "URL", Converters::jdbcUrl, GmvOptions.JDBC_URL),
                    flag(
                            "--idle-only-empty-partitions",
                            "true|false",
                            Converters::bool,
                            GmvOptions.IDLE_ONLY_EMPTY),
                    flag(
                            "--state-backend",
                            "rocksdb|hashmap",
                            Converters::stateBackend,
                            GmvOptions.STATE_BACKEND),
                    flag("replay --state-backend", "hashmap|rocksdb", null),
                    flag("--e2e-state-backend", "NAME", Converters::stateBackend),
                    flag("--campaigns", "FILE", null, GmvOptions.CAMPAIGNS),
                    flag("--config", "FILE", Path::of),
                    flag("--input", "FILE", null),
                    flag("demo --input", "FILE.jsonl", null),
                    flag("--out", "DIR", null),
                    flag("generate --out", "FILE", Path::of),
                    flag("--export", "DIR", null),
                    flag("--work-dir", "DIR", null),
                    flag("--checkpoint-dir", "URI", null, GmvOptions.CHECKPOINT_DIR),
                    flag("replay --checkpoint-dir", "DIR", null),
                    flag("--savepoint-dir", "URI", null, GmvOptions.SAVEPOINT_DIR),
                    flag("--from-savepoint", "PATH", null),
                    Map.entry("--cases", new Kind("CASE[,CASE...]", null, null, ",")),
                    flag("--no-capacity", null, null),
                    flag("--capacity-rounds", "R", Converters::oddRounds),
                    flag("--no-state", null, null));

    /** The kind of a flag in a command: the command's own row over the flag's. */
    static Kind kind(String command, String flag) {
        Kind general = FLAGS.get(flag);
        if (general == null) {
            throw new IllegalStateException(flag + ": not in Converters.FLAGS");
        }
        Kind own = FLAGS.get(command + " " + flag);
        return own == null ? general : own.or(general);
    }
}
