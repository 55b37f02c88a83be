package com.livegmv.jobs.cli;

import com.livegmv.events.RecordDecoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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

    /** "2s", "500ms", "1 min", "1h" or ISO-8601 "PT2S"; never negative. */
    public static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** max_future_skew (SPEC §2): at least 1s, so that no value turns the check off. */
    public static final class FutureSkew implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.compareTo(RecordDecoder.MIN_FUTURE_SKEW) < 0) {
                throw new TypeConversionException(
                        "must be at least 1s (the check cannot be turned off), got " + value);
            }
            return d;
        }
    }

    /** A checkpoint interval: at least 10ms. */
    public static final class CheckpointInterval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.toMillis() < 10) {
                throw new TypeConversionException("must be at least 10ms, got " + value);
            }
            return d;
        }
    }

    /** How often progress rows are written: at least 1ms. */
    public static final class ProgressInterval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.toMillis() < 1) {
                throw new TypeConversionException("must be at least 1ms, got " + value);
            }
            return d;
        }
    }

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

    /** Parallelism of a job: 1..{@link #MAX_PARALLELISM}. */
    public static final class Parallelism implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 1, MAX_PARALLELISM);
        }
    }

    /** Failures injected on purpose: 0..100. */
    public static final class Failures implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 0, 100);
        }
    }

    /** A count of things: at least 1. */
    public static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return inRange(value, 1, Long.MAX_VALUE);
        }
    }

    /** Streamers of generated data: 1..100,000,000. */
    public static final class Streamers implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 1, 100_000_000);
        }
    }

    /** A random seed: any whole number. */
    public static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return whole(value);
        }
    }

    /** Restarts before a job fails: 0 or more. */
    public static final class Restarts implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 0, Integer.MAX_VALUE);
        }
    }

    /** A TCP port: 1..65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 1, 65_535);
        }
    }

    /**
     * An address of this machine to listen on, as a literal (no name lookup for a flag): 127.0.0.1
     * (this machine only), 0.0.0.0 (every interface), an IPv6 literal, or localhost.
     */
    public static final class BindAddress implements ITypeConverter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
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
    }

    /** A port that may be 0 for "off": 0..65535. */
    public static final class PortOrOff implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) inRange(value, 0, 65_535);
        }
    }

    /** Events per second offered by a feed: 1..10,000,000. */
    public static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return decimal(value, 1, 10_000_000);
        }
    }

    /** {@code true} or {@code false}, nothing else. */
    public static final class Bool implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                        throw new TypeConversionException(
                                "must be true or false, got \"" + value + "\"");
            };
        }
    }

    /** A name that is not blank: a topic, a group id, a user. */
    public static final class Name implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            return value.strip();
        }
    }

    /** {@code KEY=VALUE}, split at the first {@code =}: the value may hold more. */
    public static final class KeyValue implements ITypeConverter<Map.Entry<String, String>> {
        @Override
        public Map.Entry<String, String> convert(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || value.substring(0, eq).isBlank()) {
                throw new TypeConversionException("must be KEY=VALUE, got \"" + value + "\"");
            }
            return Map.entry(value.substring(0, eq).strip(), value.substring(eq + 1));
        }
    }

    /** Kafka bootstrap servers: {@code HOST:PORT[,HOST:PORT...]}. */
    public static final class HostPorts implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
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
    }

    /** A PostgreSQL JDBC URL. */
    public static final class JdbcUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.startsWith("jdbc:postgresql:")) {
                throw new TypeConversionException(
                        "must start with jdbc:postgresql:, got \"" + value + "\"");
            }
            return value;
        }
    }

    /** The state backend of a job: rocksdb or hashmap. */
    public static final class StateBackend implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("rocksdb") && !value.equals("hashmap")) {
                throw new TypeConversionException(
                        "must be rocksdb or hashmap, got \"" + value + "\"");
            }
            return value;
        }
    }
}
