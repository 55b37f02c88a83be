package com.livegmv.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One {@code gmv} command run in this JVM: its exit status and what it printed. */
record GmvRun(int status, String out, String err) {
    static GmvRun gmv(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Gmv.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new GmvRun(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code gmv replay} of the plan {@code campaigns} over {@code input} into {@code out}. */
    static GmvRun replay(Object campaigns, Object input, Object out, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "replay",
                                "--campaigns",
                                campaigns.toString(),
                                "--input",
                                input.toString(),
                                "--out",
                                out.toString()));
        args.addAll(List.of(more));
        return gmv(args.toArray(String[]::new));
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
