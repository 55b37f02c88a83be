package com.livegmv.jobs.cli;

/**
 * The job jar's main class: {@code flink run gmv-job.jar run ...} or {@code ... replay ...}. The
 * {@code ./gmv} launcher adds the local tools (demo, bench, generate) around the same commands.
 */
public final class GmvJob {
    private GmvJob() {}

    public static void main(String[] args) {
        Cli.main(Cli.jobCommands(), args);
    }
}
