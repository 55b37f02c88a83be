package com.livegmv.tools.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the child JVMs this project starts (the embedded Kafka broker, the benchmarks'
 * jobs): runs the main class named by the first argument with the rest, and exits when its stdin
 * reaches end of file, which happens when the parent JVM dies in any way, SIGKILL included. A
 * shutdown hook in the parent cannot cover that case, and an orphaned child would hold ports,
 * directories and CPU of the next run.
 */
public final class ChildProcessMain {

    private ChildProcessMain() {}

    /**
     * The command that runs {@code mainClass} in a child JVM of this JVM's java binary and class
     * path (or {@code classPath}, if not null), watched as above.
     */
    public static List<String> command(
            List<String> jvmOptions, String classPath, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath != null ? classPath : System.getProperty("java.class.path"));
        cmd.add(ChildProcessMain.class.getName());
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog =
                new Thread(
                        () -> {
                            InputStream in = System.in;
                            byte[] buf = new byte[256];
                            try {
                                while (in.read(buf) >= 0) {
                                    // The parent never writes; anything read is ignored.
                                }
                            } catch (IOException ignored) {
                                // A broken pipe means the same as EOF.
                            }
                            System.err.println("ChildProcessMain: parent process gone, exiting");
                            // Graceful first (the child's own shutdown hooks); halt if that hangs.
                            Thread halt =
                                    new Thread(
                                            () -> {
                                                try {
                                                    Thread.sleep(20_000);
                                                } catch (InterruptedException e) {
                                                    return;
                                                }
                                                Runtime.getRuntime().halt(1);
                                            },
                                            "child-process-halt");
                            halt.setDaemon(true);
                            halt.start();
                            System.exit(1);
                        },
                        "child-process-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.setAccessible(true); // the main class need not be public
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
