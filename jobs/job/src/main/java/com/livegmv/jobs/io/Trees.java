package com.livegmv.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a directory tree: the job's temporary checkpoints, the tools' work directories. */
public final class Trees {
    private Trees() {}

    /** Deletes {@code dir} and all below it; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> st = Files.walk(dir)) {
            for (Path p : st.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Best effort, up to {@code attempts} times: Flink may still be writing or discarding a
     * checkpoint in the tree while it goes, so a walk can meet files that vanish or appear. True
     * when the tree is gone; a leftover is for the caller to mention, never an error.
     */
    public static boolean deleteBestEffort(Path dir, int attempts) {
        for (int attempt = 0; attempt < attempts && Files.exists(dir); attempt++) {
            try {
                delete(dir);
            } catch (IOException | UncheckedIOException concurrentlyChanged) {
                // try again: what was being written or discarded has settled now
            }
        }
        return !Files.exists(dir);
    }
}
