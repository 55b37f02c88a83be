package com.livegmv.jobs.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The flags of the engine that {@code run} and {@code replay} share, declared once: how wide it
 * runs and how far event time may stray (SPEC §2, §4).
 */
final class EngineOptions {
    @Option(names = "--parallelism", descriptionKey = "gmv.parallelism")
    int parallelism;

    @Option(names = "--max-out-of-orderness", descriptionKey = "gmv.max-out-of-orderness")
    Duration maxOutOfOrderness;

    @Option(names = "--max-future-skew", descriptionKey = "gmv.max-future-skew")
    Duration maxFutureSkew;
}
