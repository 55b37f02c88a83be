package com.livegmv.tools.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether a local live job has completed a checkpoint, read from its checkpoint directory. The
 * first completed checkpoint means every task of the job runs: the moment to start feeding it.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** True once {@code <dir>/<job id>/chk-N/_metadata} exists; {@code dir} is a file: URI. */
    public static boolean anyCompleted(String checkpointDir) throws IOException {
        Path dir = Path.of(URI.create(checkpointDir));
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.find(dir, 3, (p, a) -> p.endsWith("_metadata"))) {
            return files.findAny().isPresent();
        }
    }
}
