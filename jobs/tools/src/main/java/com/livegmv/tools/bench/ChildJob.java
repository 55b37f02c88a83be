package com.livegmv.tools.bench;

import com.livegmv.tools.embedded.ChildProcessMain;
import com.livegmv.tools.embedded.LocalKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pipeline of an end-to-end case in a JVM of its own, started for one round: nothing of it
 * (JIT-compiled code, caches, state) carries over to the next round, and its CPU is its own. The
 * child reads its settings from a file, starts, and prints {@link #READY} once it processes input.
 */
final class ChildJob implements AutoCloseable {
    static final String READY = "gmv-bench: READY";

    /** The same for every pipeline, so neither gets a better heap or collector. */
    static final List<String> JVM_OPTIONS =
            List.of(
                    // Committed at start, as a Flink TaskManager's heap is (-Xms = -Xmx).
                    "-Xms3g",
                    "-Xmx3g",
                    "-XX:+UseParallelGC",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED");

    private static final AtomicBoolean SIGNALLED = new AtomicBoolean();

    private final Process process;
    private final Path log;

    private ChildJob(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with its settings (written to {@code dir/settings.bin}) on the class
     * path given (null: this JVM's), its output in {@code dir/child.log} and Flink's log, if any,
     * in {@code dir/gmv.log}.
     */
    static ChildJob start(Path dir, String classPath, Class<?> mainClass, Serializable settings)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("settings.bin");
        try (OutputStream out = Files.newOutputStream(file);
                ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(settings);
        }
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        String log4j = System.getProperty("log4j2.configurationFile");
        if (log4j != null) {
            jvm.add("-Dlog4j2.configurationFile=" + log4j);
        }
        jvm.add("-Dgmv.log.dir=" + dir);
        // For profiling a pipeline, e.g. -XX:StartFlightRecording=filename=/tmp/live.jfr
        String extra = System.getenv("GMV_BENCH_CHILD_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.strip().split("\\s+")));
        }
        Path log = dir.resolve("child.log");
        Process p =
                new ProcessBuilder(
                                ChildProcessMain.command(
                                        jvm, classPath, mainClass.getName(), file.toString()))
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        // stdin stays a pipe on purpose: the child exits when it reads EOF (this JVM died).
        return new ChildJob(p, log);
    }

    /** Waits for the child's READY line; fails with the end of its output if it dies first. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the pipeline's JVM exited with code "
                                + process.exitValue()
                                + LocalKafka.logTail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the pipeline was not ready within "
                                + timeout.toSeconds()
                                + " s"
                                + LocalKafka.logTail(log));
            }
            Thread.sleep(50); // polling the child's output
        }
    }

    /** Fails with the end of the child's output if it has died. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the pipeline's JVM exited with code "
                            + process.exitValue()
                            + LocalKafka.logTail(log));
        }
    }

    /** CPU time the child has used so far (all its threads). */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    // ---- in the child --------------------------------------------------------------------------

    static <T> T readSettings(Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                ObjectInputStream o = new ObjectInputStream(in)) {
            return type.cast(o.readObject());
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException("bad settings file " + file, e));
        }
    }

    /** Tells the parent the pipeline runs (once). */
    static void signalReady() {
        if (SIGNALLED.compareAndSet(false, true)) {
            System.out.println(READY);
            System.out.flush();
        }
    }
}
