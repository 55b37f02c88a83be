package com.livegmv.jobs.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The flags of the engine that {@code run} and {@code replay} share, declared once: how wide it
 * runs and how far event time may stray (SPEC §2, §4).
 */
final class EngineOptions {
    @Option(
            names = "--parallelism",
            paramLabel = "N",
            descriptionKey = "gmv.parallelism",
            converter = Converters.Parallelism.class)
    int parallelism;

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-out-of-orderness",
            converter = Converters.Interval.class)
    Duration maxOutOfOrderness;

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            descriptionKey = "gmv.max-future-skew",
            converter = Converters.FutureSkew.class)
    Duration maxFutureSkew;
}
