package com.livegmv.tools.generate;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A festival that the end-to-end tests replay or feed: lines generated over the campaigns of a
 * plan, by default the one {@code ./gmv} runs ({@code config/campaigns.yaml}).
 */
public record GeneratedFestival(CampaignPlan plan, List<String> lines) {
    /** The default plan, from the directory of a module (where Maven runs its tests). */
    public static final Path CAMPAIGNS = Path.of("../../config/campaigns.yaml");

    /** A festival of the default plan, {@code invalidShare} of its lines invalid. */
    public static GeneratedFestival of(int streamers, int events, long seed, double invalidShare) {
        CampaignPlan plan = CampaignLoader.load(CAMPAIGNS);
        return new GeneratedFestival(plan, lines(plan, streamers, events, seed, invalidShare));
    }

    /** The lines of a festival of {@code plan}, {@code invalidShare} of them invalid. */
    public static List<String> lines(
            CampaignPlan plan, int streamers, int events, long seed, double invalidShare) {
        List<String> lines = new ArrayList<>();
        new EventGenerator(
                        new GeneratorOptions(
                                streamers, events, seed, CampaignWindow.of(plan), invalidShare))
                .generate(lines::add);
        return lines;
    }
}
