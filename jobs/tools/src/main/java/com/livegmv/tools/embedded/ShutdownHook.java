package com.livegmv.tools.embedded;

/**
 * A JVM shutdown hook for what must not outlive this JVM (a child process, a demo's stack), removed
 * once that has been closed the ordinary way.
 */
public final class ShutdownHook {
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Runs {@code action} in a thread named {@code name} when the JVM shuts down. */
    public static ShutdownHook add(String name, Runnable action) {
        Thread t = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(t);
        return new ShutdownHook(t);
    }

    /** Removes the hook; once the JVM is shutting down it cannot be, and it runs anyway. */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs, or has run, and finds nothing left to do.
        }
    }
}
