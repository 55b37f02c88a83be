package com.livegmv.jobs.generate;

import java.util.List;
import java.util.Objects;

/**
 * What to generate: how many streamers and lines, from which seed, around which campaigns, and
 * which share of the lines should be malformed.
 */
public record GeneratorOptions(
        int streamers,
        long events,
        long seed,
        List<CampaignWindow> campaigns,
        double malformedFraction) {

    public static final double DEFAULT_MALFORMED_FRACTION = 0.005;

    public GeneratorOptions {
        if (streamers < 1) {
            throw new IllegalArgumentException("streamers must be at least 1");
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative");
        }
        // Above one half the "well-formed event plus malformed siblings" model stops making sense.
        if (!(malformedFraction >= 0 && malformedFraction <= 0.5)) {
            throw new IllegalArgumentException("malformedFraction must be in [0, 0.5]");
        }
        campaigns = List.copyOf(Objects.requireNonNull(campaigns, "campaigns"));
    }

    /** Options with the default malformed fraction (0.5% of the lines). */
    public GeneratorOptions(int streamers, long events, long seed, List<CampaignWindow> campaigns) {
        this(streamers, events, seed, campaigns, DEFAULT_MALFORMED_FRACTION);
    }
}
