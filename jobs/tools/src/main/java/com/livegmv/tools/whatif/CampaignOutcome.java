package com.livegmv.tools.whatif;

import static com.livegmv.output.Tables.CAMPAIGN_SETTLEMENT;
import static com.livegmv.output.Tables.INCENTIVE_GRANT;
import static com.livegmv.tools.whatif.OutputRows.column;

import com.livegmv.campaign.Campaign;
import com.livegmv.output.GrantKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one campaign paid under one plan: its grants summed by tier and kind, its streamers counted
 * by final tier, and each streamer's final tier, GMV and net payout, read from one replay's {@code
 * incentive_grant} and {@code campaign_settlement}. All money is fen.
 */
public final class CampaignOutcome {
    private static final String G_CAMPAIGN = column(INCENTIVE_GRANT, "campaign_id");
    private static final String G_STREAMER = column(INCENTIVE_GRANT, "streamer_id");
    private static final String G_KIND = column(INCENTIVE_GRANT, "kind");
    private static final String G_TIER = column(INCENTIVE_GRANT, "tier");
    private static final String G_REWARD = column(INCENTIVE_GRANT, "reward_fen");
    private static final String S_CAMPAIGN = column(CAMPAIGN_SETTLEMENT, "campaign_id");
    private static final String S_STREAMER = column(CAMPAIGN_SETTLEMENT, "streamer_id");
    private static final String S_GMV = column(CAMPAIGN_SETTLEMENT, "final_gmv_fen");
    private static final String S_TIER = column(CAMPAIGN_SETTLEMENT, "final_tier");
    private static final String S_ELIGIBLE = column(CAMPAIGN_SETTLEMENT, "eligible");

    private static final int KINDS = GrantKind.values().length;

    /**
     * One streamer of the campaign.
     *
     * @param settled false when it has grants but no settlement row
     * @param netFen the sum of the streamer's grants, clawbacks included
     */
    public record Streamer(boolean settled, int finalTier, long finalGmvFen, long netFen) {}

    private final Campaign campaign;

    /** Per tier level: reward fen and grant count, indexed by {@link GrantKind#ordinal()}. */
    private final TreeMap<Integer, long[]> rewardFen = new TreeMap<>();

    private final TreeMap<Integer, long[]> grants = new TreeMap<>();

    /** Per final tier (0 = none): settled streamers, and of them the eligible ones. */
    private final TreeMap<Integer, long[]> streamersByTier = new TreeMap<>();

    private final Map<String, Streamer> streamers = new HashMap<>();
    private long settledGmvFen;

    private CampaignOutcome(Campaign campaign) {
        this.campaign = campaign;
        int levels = campaign.ladder().size();
        for (int level = 0; level <= levels; level++) {
            streamersByTier.put(level, new long[2]);
            if (level > 0) {
                rewardFen.put(level, new long[KINDS]);
                grants.put(level, new long[KINDS]);
            }
        }
    }

    /** The outcome of every campaign of the plan, in the plan's order, from its replay. */
    static Map<String, CampaignOutcome> read(PlanOutputs p) throws IOException {
        Map<String, CampaignOutcome> byId = new LinkedHashMap<>();
        for (Campaign c : p.plan().campaigns()) {
            byId.put(c.id(), new CampaignOutcome(c));
        }
        OutputRows.forEach(
                p.dir(),
                CAMPAIGN_SETTLEMENT,
                r -> {
                    CampaignOutcome o = of(byId, r.text(S_CAMPAIGN), p);
                    o.settle(
                            r.text(S_STREAMER),
                            r.intValue(S_TIER),
                            r.longValue(S_GMV),
                            r.bool(S_ELIGIBLE));
                });
        OutputRows.forEach(
                p.dir(),
                INCENTIVE_GRANT,
                r -> {
                    CampaignOutcome o = of(byId, r.text(G_CAMPAIGN), p);
                    String kind = r.text(G_KIND);
                    GrantKind k;
                    try {
                        k = GrantKind.valueOf(kind);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(
                                OutputRows.file(p.dir(), INCENTIVE_GRANT)
                                        + ": unknown grant kind "
                                        + kind);
                    }
                    o.grant(r.text(G_STREAMER), k, r.intValue(G_TIER), r.longValue(G_REWARD));
                });
        return byId;
    }

    private static CampaignOutcome of(Map<String, CampaignOutcome> byId, String id, PlanOutputs p) {
        CampaignOutcome o = byId.get(id);
        if (o == null) {
            throw new IllegalStateException(
                    p.dir() + " has rows of campaign " + id + ", which " + p.planFile() + " lacks");
        }
        return o;
    }

    private void settle(String streamerId, int finalTier, long finalGmvFen, boolean eligible) {
        Streamer s = streamers.get(streamerId);
        streamers.put(
                streamerId, new Streamer(true, finalTier, finalGmvFen, s == null ? 0 : s.netFen()));
        long[] n = streamersByTier.computeIfAbsent(finalTier, k -> new long[2]);
        n[0]++;
        if (eligible) {
            n[1]++;
        }
        settledGmvFen += finalGmvFen;
    }

    private void grant(String streamerId, GrantKind kind, int tier, long fen) {
        rewardFen.computeIfAbsent(tier, k -> new long[KINDS])[kind.ordinal()] += fen;
        grants.computeIfAbsent(tier, k -> new long[KINDS])[kind.ordinal()]++;
        Streamer s = streamers.get(streamerId);
        streamers.put(
                streamerId,
                s == null
                        ? new Streamer(false, 0, 0, fen)
                        : new Streamer(
                                s.settled(), s.finalTier(), s.finalGmvFen(), s.netFen() + fen));
    }

    public Campaign campaign() {
        return campaign;
    }

    /** The tier levels paid or defined (the plan's 1..n, and any other level a grant names). */
    public Set<Integer> payoutTiers() {
        return rewardFen.keySet();
    }

    public long rewardFen(int tier, GrantKind kind) {
        long[] r = rewardFen.get(tier);
        return r == null ? 0 : r[kind.ordinal()];
    }

    public long grants(int tier, GrantKind kind) {
        long[] g = grants.get(tier);
        return g == null ? 0 : g[kind.ordinal()];
    }

    public long rewardFen(GrantKind kind) {
        long sum = 0;
        for (long[] r : rewardFen.values()) {
            sum += r[kind.ordinal()];
        }
        return sum;
    }

    /** What the tier paid net: its instant and post-event grants less its clawbacks. */
    public long netFen(int tier) {
        long[] r = rewardFen.get(tier);
        long sum = 0;
        if (r != null) {
            for (long v : r) {
                sum += v;
            }
        }
        return sum;
    }

    public long netFen() {
        long sum = 0;
        for (int tier : rewardFen.keySet()) {
            sum += netFen(tier);
        }
        return sum;
    }

    /** The final tiers streamers can have: 0 (none) to the plan's top, and any other seen. */
    public Set<Integer> finalTiers() {
        return streamersByTier.keySet();
    }

    public long streamersAt(int finalTier) {
        long[] n = streamersByTier.get(finalTier);
        return n == null ? 0 : n[0];
    }

    public long eligibleAt(int finalTier) {
        long[] n = streamersByTier.get(finalTier);
        return n == null ? 0 : n[1];
    }

    public long settledStreamers() {
        long sum = 0;
        for (long[] n : streamersByTier.values()) {
            sum += n[0];
        }
        return sum;
    }

    public long eligibleStreamers() {
        long sum = 0;
        for (long[] n : streamersByTier.values()) {
            sum += n[1];
        }
        return sum;
    }

    /** The sum of every settled streamer's final GMV, eligible or not. */
    public long settledGmvFen() {
        return settledGmvFen;
    }

    /** The streamers by id: every settled one, and any with grants. */
    public Map<String, Streamer> streamers() {
        return streamers;
    }

    /**
     * Net payout in yuan per 10,000 yuan of settled GMV, {@code net_fen * 10,000 / gmv_fen},
     * rounded once to whole fen (half away from zero); null when no GMV settled.
     */
    public BigDecimal payoutPer10kYuan() {
        return per10kYuan(netFen(), settledGmvFen);
    }

    static BigDecimal per10kYuan(long netFen, long gmvFen) {
        if (gmvFen == 0) {
            return null;
        }
        return BigDecimal.valueOf(netFen)
                .multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(gmvFen), 2, RoundingMode.HALF_UP);
    }
}
