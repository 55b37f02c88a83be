package com.livegmv.jobs.cli;

import com.livegmv.campaign.ConfigException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs one {@code gmv} command. A usage error or a bad config prints one line, {@code gmv COMMAND:
 * message}, and exits 2; a failure while running prints the cause and its stack trace and exits 1.
 */
public final class Cli {
    private Cli() {}

    /**
     * What every command shares: {@code --help}, the help text and defaults of the flags that are
     * {@code GmvOptions} keys ({@link GmvDefaults}), and the output streams of the run.
     */
    @CommandLine.Command(
            sortOptions = false,
            sortSynopsis = false,
            usageHelpAutoWidth = true,
            resourceBundle = "com.livegmv.jobs.cli.GmvDefaults$Help",
            defaultValueProvider = GmvDefaults.class)
    public abstract static class Command implements Callable<Integer> {
        @CommandLine.Mixin HelpOption help;

        @CommandLine.Spec CommandSpec spec;

        @CommandLine.ParentCommand Root root;

        private final String flags;

        /**
         * {@code flags}: the command's flags in the order of its help, as its usage line spells
         * them ({@link FlagList}).
         */
        protected Command(String flags) {
            this.flags = flags;
        }

        /** The value of one of the command's flags: its default when not given, else null. */
        protected final <T> T value(String flag) {
            return spec.findOption(flag).getValue();
        }

        /** The values a flag may take, for its help's ${COMPLETION-CANDIDATES}; null: any. */
        protected Iterable<String> candidates(String flag) {
            return null;
        }

        /** Runs with parsed and converted flags; --help never reaches here. */
        protected abstract int run(PrintStream out, PrintStream err) throws Exception;

        @Override
        public final Integer call() throws Exception {
            return run(root.streams.out(), root.streams.err());
        }

        /** The first line of a long command: where its log goes (only under ./gmv). */
        protected final void printLogFile(PrintStream err) {
            String file = System.getProperty(LOG_FILE);
            if (file != null) {
                err.println(spec.qualifiedName() + ": log in " + file);
            }
        }
    }

    /** {@code -h, --help}, the same on {@code gmv} and on each command. */
    static final class HelpOption {
        @CommandLine.Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help and exit.")
        boolean help;
    }

    /** {@code gmv}: the commands, as subcommands. */
    @CommandLine.Command(
            name = "gmv",
            usageHelpAutoWidth = true,
            description = "The GMV incentive engine. Run gmv COMMAND --help for a command's flags.",
            synopsisSubcommandLabel = "COMMAND")
    static final class Root implements Callable<Integer> {
        @CommandLine.Mixin HelpOption help;

        @CommandLine.Spec CommandSpec spec;

        final Streams streams;

        Root(Streams streams) {
            this.streams = streams;
        }

        /** No command: the list of commands, as a usage error. */
        @Override
        public Integer call() {
            spec.commandLine().usage(streams.out());
            return 2;
        }
    }

    /** Where a command line prints: what it reports, and its errors and progress. */
    record Streams(PrintStream out, PrintStream err) {}

    /** The system property that names this run's log file; set by {@link #main}. */
    public static final String LOG_FILE = "gmv.log.file";

    /**
     * Exits the JVM with the status only when started by the {@code ./gmv} launcher. Under {@code
     * flink run} or a REST submission, main() runs inside Flink's client or JobManager, which must
     * not be exited: a failure is thrown instead.
     */
    public static void main(Supplier<List<Command>> commands, String[] args) {
        if (Boolean.getBoolean("gmv.launcher")) {
            chooseLogFile(args);
        }
        int status = run(commands.get(), args, System.out, System.err);
        if (Boolean.getBoolean("gmv.launcher")) {
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException(
                    "gmv " + String.join(" ", args) + " failed with status " + status);
        }
    }

    /**
     * One log file per run, {@code gmv-COMMAND-yyyyMMdd-HHmmss-PID.log} in {@code gmv.log.dir}, so
     * that no run can truncate or overwrite another's. Decided before anything logs (log4j reads
     * the name when it starts).
     */
    static void chooseLogFile(String[] args) {
        String dir = System.getProperty("gmv.log.dir");
        if (dir == null || System.getProperty(LOG_FILE) != null) {
            return;
        }
        String command = args.length > 0 && args[0].matches("[a-z][a-z-]{0,30}") ? args[0] : "gmv";
        String name =
                "gmv-"
                        + command
                        + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + "-"
                        + ProcessHandle.current().pid()
                        + ".log";
        System.setProperty(LOG_FILE, Path.of(dir).resolve(name).toString());
    }

    public static int run(List<Command> commands, String[] args, PrintStream out, PrintStream err) {
        return commandLine(commands, out, err).execute(args);
    }

    /**
     * The {@code gmv} command line with these subcommands, printing to {@code out} and {@code err}.
     */
    public static CommandLine commandLine(
            List<Command> commands, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Root(new Streams(out, err)));
        for (Command c : commands) {
            CommandLine sub = new CommandLine(c);
            FlagList.build(sub.getCommandSpec(), c.flags);
            cl.addSubcommand(sub);
        }
        // gmv help [COMMAND], as before picocli.
        cl.addSubcommand(new CommandLine.HelpCommand());
        return cl.setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(
                        (e, args) -> {
                            err.println(prefix(e.getCommandLine()) + message(e));
                            return 2;
                        })
                .setExecutionExceptionHandler(Cli::failed);
    }

    private static int failed(Exception e, CommandLine cl, ParseResult parsed) {
        PrintStream err = ((Root) cl.getCommandSpec().root().userObject()).streams.err();
        if (e instanceof UsageException || e instanceof ConfigException) {
            err.println(prefix(cl) + oneLine(e.getMessage()));
            return 2;
        }
        ConfigException refused = configCause(e);
        if (refused != null) {
            // A job that refused its configuration, e.g. a campaign file that does not fit the
            // savepoint it restores: one line, as at start-up.
            err.println(prefix(cl) + oneLine(refused.getMessage()));
            return 2;
        }
        err.println(prefix(cl) + "failed: " + oneLine(rootMessage(e)));
        e.printStackTrace(err);
        return 1;
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

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": ";
    }

    /** picocli's parse errors, worded as one line that names the flag. */
    static String message(ParameterException e) {
        CommandLine cl = e.getCommandLine();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException || t instanceof ConfigException) {
                return oneLine(t.getMessage());
            }
        }
        String see = " (see " + cl.getCommandSpec().qualifiedName() + " --help)";
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (cl.getParent() == null && !arg.startsWith("-")) {
                return "unknown command '"
                        + arg
                        + "' (commands: "
                        + String.join(", ", cl.getSubcommands().keySet())
                        + ")";
            }
            return (arg.startsWith("-") ? "unknown flag " : "unexpected argument ") + arg + see;
        }
        if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            List<String> names = m.getMissing().stream().map(Cli::name).toList();
            if (!cl.getUnmatchedArguments().isEmpty()) {
                // A mistyped flag explains the missing one better than the other way round.
                String arg = cl.getUnmatchedArguments().get(0);
                return (arg.startsWith("-") ? "unknown flag " : "unexpected argument ") + arg + see;
            }
            if (m.getMessage().startsWith("Missing required option")) {
                return String.join(", ", names)
                        + (names.size() > 1 ? " are required" : " is required")
                        + see;
            }
            ArgSpec a = m.getMissing().get(0);
            return names.get(0) + " needs a value: " + names.get(0) + " " + a.paramLabel();
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            return name(o.getOverwritten()) + " given twice";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException t
                && e.getArgSpec() != null) {
            String origin =
                    cl.getCommandSpec().defaultValueProvider() instanceof GmvDefaults d
                            ? d.origin(e.getArgSpec())
                            : null;
            return (origin != null ? origin : name(e.getArgSpec())) + " " + t.getMessage();
        }
        return oneLine(e.getMessage());
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
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
