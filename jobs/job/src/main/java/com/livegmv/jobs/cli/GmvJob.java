package com.livegmv.jobs.cli;

import java.util.List;

/**
 * The job jar's main class: {@code flink run gmv-job.jar run ...} or {@code ... replay ...}. The
 * {@code ./gmv} launcher adds the local tools (demo, bench, generate) around the same commands.
 */
public final class GmvJob {
    private GmvJob() {}

    /** The job's own commands, fresh for each command line (picocli fills their fields). */
    public static List<Cli.Command> commands() {
        return List.of(new ReplayCommand(), new RunCommand());
    }

    public static void main(String[] args) {
        Cli.main(GmvJob::commands, args);
    }
}
