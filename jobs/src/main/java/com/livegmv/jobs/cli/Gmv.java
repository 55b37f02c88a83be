package com.livegmv.jobs.cli;

import com.livegmv.campaign.ConfigException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code gmv} command line: one subcommand per job or tool. Usage errors and bad configs print
 * one line and exit 2; failures while running exit 1.
 */
public final class Gmv {
    /** A subcommand: its name, a one-line summary, and what it runs. */
    interface Command {
        String summary();

        /** The command's flags, with their help. */
        CommandLine flags();

        /** Runs with parsed flags; --help never reaches here. */
        int run(CommandLine flags, PrintStream out, PrintStream err) throws Exception;
    }

    static final Map<String, Command> COMMANDS = new TreeMap<>();

    static {
        COMMANDS.put("replay", new ReplayCommand());
        COMMANDS.put("run", new RunCommand());
        COMMANDS.put("demo", new DemoCommand());
        COMMANDS.put("generate", new GenerateCommand());
        COMMANDS.put("bench", new BenchCommand());
    }

    private Gmv() {}

    /**
     * Exits the JVM with the status only when started by the {@code ./gmv} launcher. Under {@code
     * flink run} or a REST submission, main() runs inside Flink's client or JobManager, which must
     * not be exited: a failure is thrown instead.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (Boolean.getBoolean("gmv.launcher")) {
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException(
                    "gmv " + String.join(" ", args) + " failed with status " + status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0
                || args[0].equals("--help")
                || args[0].equals("-h")
                || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            err.println(
                    "gmv: unknown command '"
                            + args[0]
                            + "' (commands: "
                            + String.join(", ", COMMANDS.keySet())
                            + ")");
            return 2;
        }
        try {
            CommandLine flags = c.flags().parse(args, 1);
            if (flags.helpRequested()) {
                out.print(flags.usage());
                return 0;
            }
            return c.run(flags, out, err);
        } catch (UsageException | ConfigException e) {
            err.println("gmv " + args[0] + ": " + oneLine(e.getMessage()));
            return 2;
        } catch (Exception e) {
            ConfigException refused = configCause(e);
            if (refused != null) {
                // A job that refused its configuration, e.g. a campaign file that does not fit
                // the savepoint it restores: one line, as at start-up.
                err.println("gmv " + args[0] + ": " + oneLine(refused.getMessage()));
                return 2;
            }
            err.println("gmv " + args[0] + ": failed: " + oneLine(rootMessage(e)));
            e.printStackTrace(err);
            return 1;
        }
    }

    static String usage() {
        StringBuilder b =
                new StringBuilder(
                        "usage: gmv COMMAND [FLAGS]   (gmv COMMAND --help for its flags)\n\n");
        for (Map.Entry<String, Command> e : COMMANDS.entrySet()) {
            b.append(String.format("  %-10s %s%n", e.getKey(), e.getValue().summary()));
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    /** The ConfigException a failure was caused by, or null. */
    static ConfigException configCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
