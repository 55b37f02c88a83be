package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import java.io.PrintStream;
import java.util.Map;

/** The {@code ./gmv} command line: the job's commands (run, replay) and the local tools. */
public final class Gmv {
    static final Map<String, Cli.Command> COMMANDS = Cli.jobCommands();

    static {
        COMMANDS.put("demo", new DemoCommand());
        COMMANDS.put("generate", new GenerateCommand());
        COMMANDS.put("bench", new BenchCommand());
        COMMANDS.put("screen", new ScreenCommand());
    }

    private Gmv() {}

    public static void main(String[] args) {
        Cli.main(COMMANDS, args);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(COMMANDS, args, out, err);
    }
}
