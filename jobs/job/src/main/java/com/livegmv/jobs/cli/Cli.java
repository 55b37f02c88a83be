package com.livegmv.jobs.cli;

import com.livegmv.campaign.ConfigException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one {@code gmv} subcommand. Usage errors and bad configs print one line and exit 2; failures
 * while running exit 1.
 */
public final class Cli {
    /** A subcommand: its name, a one-line summary, and what it runs. */
    public interface Command {
        String summary();

        /** The command's flags, with their help. */
        CommandLine flags();

        /** Runs with parsed flags; --help never reaches here. */
        int run(CommandLine flags, PrintStream out, PrintStream err) throws Exception;
    }

    /** The job's own commands: what the job jar runs under {@code flink run}. */
    public static Map<String, Command> jobCommands() {
        Map<String, Command> m = new TreeMap<>();
        m.put("replay", new ReplayCommand());
        m.put("run", new RunCommand());
        return m;
    }

    private Cli() {}

    /**
     * Exits the JVM with the status only when started by the {@code ./gmv} launcher. Under {@code
     * flink run} or a REST submission, main() runs inside Flink's client or JobManager, which must
     * not be exited: a failure is thrown instead.
     */
    public static void main(Map<String, Command> commands, String[] args) {
        int status = run(commands, args, System.out, System.err);
        if (Boolean.getBoolean("gmv.launcher")) {
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException(
                    "gmv " + String.join(" ", args) + " failed with status " + status);
        }
    }

    public static int run(
            Map<String, Command> commands, String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0
                || args[0].equals("--help")
                || args[0].equals("-h")
                || args[0].equals("help")) {
            out.print(usage(commands));
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println(
                    "gmv: unknown command '"
                            + args[0]
                            + "' (commands: "
                            + String.join(", ", commands.keySet())
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
            err.println("gmv " + args[0] + ": failed: " + oneLine(rootMessage(e)));
            e.printStackTrace(err);
            return 1;
        }
    }

    static String usage(Map<String, Command> commands) {
        StringBuilder b =
                new StringBuilder(
                        "usage: gmv COMMAND [FLAGS]   (gmv COMMAND --help for its flags)\n\n");
        for (Map.Entry<String, Command> e : commands.entrySet()) {
            b.append(String.format("  %-10s %s%n", e.getKey(), e.getValue().summary()));
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
