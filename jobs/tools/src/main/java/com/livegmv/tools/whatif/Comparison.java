package com.livegmv.tools.whatif;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two or more replays of the same events under different plans, side by side: each campaign,
 * matched across plans by id, with its outcome under every plan that has it, and the streamers
 * whose final tier is not the same under all of those plans. Plain Java over the replays' output
 * files; the first plan is the baseline that deltas are taken from.
 */
public final class Comparison {
    /**
     * One campaign under every plan.
     *
     * @param byPlan the outcome per plan, in plan order; null where the plan lacks the campaign
     * @param tierChanges the streamers whose final tier differs between the plans that have the
     *     campaign, by streamer id
     */
    public record CampaignRow(
            String id, List<CampaignOutcome> byPlan, List<TierChange> tierChanges) {
        /** The campaign's name under the first plan that has it. */
        public String name() {
            return byPlan.stream()
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElseThrow()
                    .campaign()
                    .name();
        }

        public boolean inAllPlans() {
            return byPlan.stream().allMatch(Objects::nonNull);
        }
    }

    /**
     * A streamer whose final tier is not the same under every plan with the campaign.
     *
     * @param byPlan per plan: the streamer, or null where the plan lacks the campaign or never
     *     settled the streamer
     */
    public record TierChange(String streamerId, List<CampaignOutcome.Streamer> byPlan) {}

    private final List<PlanOutputs> plans;
    private final List<CampaignRow> campaigns;

    private Comparison(List<PlanOutputs> plans, List<CampaignRow> campaigns) {
        this.plans = List.copyOf(plans);
        this.campaigns = List.copyOf(campaigns);
    }

    /** Reads the outputs of every plan's replay and lines them up. */
    public static Comparison of(List<PlanOutputs> plans) throws IOException {
        if (plans.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two plans or more");
        }
        List<Map<String, CampaignOutcome>> outcomes = new ArrayList<>();
        // Campaigns in the order they first appear, the baseline's first.
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (PlanOutputs p : plans) {
            Map<String, CampaignOutcome> o = CampaignOutcome.read(p);
            outcomes.add(o);
            o.keySet().forEach(id -> ids.put(id, true));
        }
        List<CampaignRow> rows = new ArrayList<>();
        for (String id : ids.keySet()) {
            List<CampaignOutcome> byPlan = new ArrayList<>();
            for (Map<String, CampaignOutcome> o : outcomes) {
                byPlan.add(o.get(id));
            }
            rows.add(
                    new CampaignRow(id, Collections.unmodifiableList(byPlan), tierChanges(byPlan)));
        }
        return new Comparison(plans, rows);
    }

    private static List<TierChange> tierChanges(List<CampaignOutcome> byPlan) {
        TreeSet<String> streamers = new TreeSet<>();
        int present = 0;
        for (CampaignOutcome o : byPlan) {
            if (o != null) {
                present++;
                streamers.addAll(o.streamers().keySet());
            }
        }
        List<TierChange> changes = new ArrayList<>();
        if (present < 2) {
            return changes;
        }
        for (String id : streamers) {
            List<CampaignOutcome.Streamer> each = new ArrayList<>();
            Integer first = null;
            boolean firstSeen = false;
            boolean differs = false;
            for (CampaignOutcome o : byPlan) {
                if (o == null) {
                    each.add(null);
                    continue;
                }
                CampaignOutcome.Streamer s = o.streamers().get(id);
                boolean settled = s != null && s.settled();
                each.add(settled ? s : null);
                // Not settled under a plan (its windows left the streamer out) counts as a
                // final tier of its own.
                Integer tier = settled ? s.finalTier() : null;
                if (!firstSeen) {
                    first = tier;
                    firstSeen = true;
                } else if (!Objects.equals(first, tier)) {
                    differs = true;
                }
            }
            if (differs) {
                changes.add(new TierChange(id, Collections.unmodifiableList(each)));
            }
        }
        return changes;
    }

    public List<PlanOutputs> plans() {
        return plans;
    }

    public List<CampaignRow> campaigns() {
        return campaigns;
    }

    /**
     * The exact difference of two plans' net payout per 10,000 yuan of GMV ({@code other - base}),
     * rounded once to whole fen (half away from zero); null unless both settled some GMV. Taken
     * from the exact quotients, so it may differ by a fen from the difference of the two rounded
     * figures.
     */
    public static BigDecimal per10kYuanDelta(CampaignOutcome base, CampaignOutcome other) {
        long gb = base.settledGmvFen();
        long go = other.settledGmvFen();
        if (gb == 0 || go == 0) {
            return null;
        }
        BigDecimal numerator =
                BigDecimal.valueOf(other.netFen())
                        .multiply(BigDecimal.valueOf(gb))
                        .subtract(
                                BigDecimal.valueOf(base.netFen()).multiply(BigDecimal.valueOf(go)))
                        .multiply(BigDecimal.valueOf(10_000));
        return numerator.divide(
                BigDecimal.valueOf(gb).multiply(BigDecimal.valueOf(go)), 2, RoundingMode.HALF_UP);
    }
}
