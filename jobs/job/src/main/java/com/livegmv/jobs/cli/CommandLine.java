package com.livegmv.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of one subcommand: declared with their help, parsed strictly. Unknown flags, missing
 * values and repeated single flags are usage errors.
 */
public final class CommandLine {
    private record Flag(String name, String arg, boolean repeatable, String help) {}

    private final String command;
    private final String summary;
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private boolean help;

    public CommandLine(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** A flag taking a value; {@code arg} names the value in the help. */
    public CommandLine option(String name, String arg, String help) {
        flags.put(name, new Flag(name, arg, false, help));
        return this;
    }

    public CommandLine repeatable(String name, String arg, String help) {
        flags.put(name, new Flag(name, arg, true, help));
        return this;
    }

    /** A flag without a value. */
    public CommandLine toggle(String name, String help) {
        flags.put(name, new Flag(name, null, false, help));
        return this;
    }

    public CommandLine parse(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Flag f = flags.get(name);
            if (f == null) {
                throw new UsageException(
                        (a.startsWith("-") ? "unknown flag " : "unexpected argument ")
                                + a
                                + " (see gmv "
                                + command
                                + " --help)");
            }
            if (f.arg() == null) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value: " + name + " " + f.arg());
                }
                value = args[++i];
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!f.repeatable() && !list.isEmpty()) {
                throw new UsageException(name + " given twice");
            }
            list.add(value);
        }
        return this;
    }

    public boolean helpRequested() {
        return help;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw new UsageException(
                    "gmv "
                            + command
                            + ": "
                            + name
                            + " is required (see gmv "
                            + command
                            + " --help)");
        }
        return v;
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int intValue(String name, int fallback, int min, int max) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        long n = longValue(name, v);
        if (n < min || n > max) {
            throw new UsageException(name + " must be in " + min + ".." + max + ", got " + v);
        }
        return (int) n;
    }

    public long longValue(String name, long fallback, long min) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        long n = longValue(name, v);
        if (n < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + v);
        }
        return n;
    }

    private static long longValue(String name, String v) {
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got \"" + v + "\"");
        }
    }

    public String usage() {
        StringBuilder b = new StringBuilder();
        b.append("gmv ").append(command);
        for (Flag f : flags.values()) {
            b.append(' ').append('[').append(f.name());
            if (f.arg() != null) {
                b.append(' ').append(f.arg());
            }
            b.append(']');
            if (f.repeatable()) {
                b.append("...");
            }
        }
        b.append("\n\n").append(summary).append("\n\n");
        for (Flag f : flags.values()) {
            String left = "  " + f.name() + (f.arg() == null ? "" : " " + f.arg());
            b.append(String.format("%-34s %s%n", left, f.help()));
        }
        return b.toString();
    }
}
