package com.livegmv.tools.embedded;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the child JVM started by {@link LocalKafka}: runs {@code kafka.Kafka} and exits
 * when its stdin reaches end of file, which happens when the parent JVM dies in any way, SIGKILL
 * included. A shutdown hook in the parent cannot cover that case, and an orphaned broker would hold
 * the ports and the log directory of the next run.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {}

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
                            System.err.println(
                                    "LocalKafka: parent process gone, shutting down broker");
                            // Graceful first (Kafka's own shutdown hook); halt if that hangs.
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
                                            "embedded-kafka-halt");
                            halt.setDaemon(true);
                            halt.start();
                            System.exit(1);
                        },
                        "embedded-kafka-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }
}
