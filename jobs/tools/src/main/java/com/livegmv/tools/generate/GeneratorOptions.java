package com.livegmv.tools.generate;

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
        double malformedFraction,
        double hotStreamerShare) {

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
        if (!(hotStreamerShare >= 0 && hotStreamerShare < 1)) {
            throw new IllegalArgumentException("hotStreamerShare must be in [0, 1)");
        }
        campaigns = List.copyOf(Objects.requireNonNull(campaigns, "campaigns"));
    }

    /** Options without a hot streamer: popularity is Zipf-distributed only. */
    public GeneratorOptions(
            int streamers,
            long events,
            long seed,
            List<CampaignWindow> campaigns,
            double malformedFraction) {
        this(streamers, events, seed, campaigns, malformedFraction, 0);
    }

    /**
     * The same options with one hot streamer (the most popular one) carrying this share of all
     * orders; the other orders keep the Zipf popularity over the remaining streamers.
     */
    public GeneratorOptions withHotStreamerShare(double share) {
        return new GeneratorOptions(streamers, events, seed, campaigns, malformedFraction, share);
    }

    /** Options with the default malformed fraction (0.5% of the lines). */
    public GeneratorOptions(int streamers, long events, long seed, List<CampaignWindow> campaigns) {
        this(streamers, events, seed, campaigns, DEFAULT_MALFORMED_FRACTION);
    }
}
