package com.livegmv.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM of its own that runs a gmv main class as {@code ./gmv} starts it: this
 * JVM's java and class path, the launcher's flags and logging configuration, its logs in a
 * directory of the test's.
 */
public final class GmvJvm {
    private static final Path CONFIG = Path.of("../../config").toAbsolutePath().normalize();

    /** The flags of {@code ./gmv} that do not depend on the run. */
    private static final List<String> LAUNCHER_FLAGS =
            List.of(
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-Dlog4j2.configurationFile=" + CONFIG.resolve("log4j2-cli.properties"),
                    "-Djava.util.logging.config.file=" + CONFIG.resolve("logging.properties"),
                    "-Dgmv.launcher=true");

    private GmvJvm() {}

    /** {@code main} with {@code args}, at most {@code maxHeap} (as -Xmx takes it) of heap. */
    public static List<String> command(
            String maxHeap, Path logDir, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.addAll(LAUNCHER_FLAGS);
        cmd.add("-Dgmv.log.dir=" + logDir);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
