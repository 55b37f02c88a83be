package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.GmvJob;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The {@code ./gmv} command line: the job's commands (replay, run) and the local tools. */
public final class Gmv {
    private Gmv() {}

    /** Every command, fresh for each command line (picocli fills their fields). */
    static List<Cli.Command> commands() {
        List<Cli.Command> all = new ArrayList<>(GmvJob.commands());
        all.add(new DemoCommand());
        all.add(new GenerateCommand());
        all.add(new BenchCommand());
        all.add(new WhatIfCommand());
        all.add(new ScreenCommand());
        return all;
    }

    public static void main(String[] args) {
        Cli.main(Gmv::commands, args);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(commands(), args, out, err);
    }
}
