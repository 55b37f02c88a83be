package com.livegmv.tools.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.Settlement;
import com.livegmv.output.Tables;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison of replay output directories, without Flink: the directories are written here row
 * by row through the output tables' own JSON.
 */
class ComparisonTest {
    @TempDir Path tmp;

    /** The campaigns of test resource {@code whatif/comparison-plan.yaml} with these ids. */
    private static CampaignPlan plan(String... ids) throws Exception {
        CampaignPlan all =
                CampaignLoader.load(
                        Path.of(
                                ComparisonTest.class
                                        .getResource("/whatif/comparison-plan.yaml")
                                        .toURI()));
        return new CampaignPlan(
                all.campaigns().stream().filter(c -> List.of(ids).contains(c.id())).toList());
    }

    /** A replay output directory with these rows. */
    private final class Dir {
        final List<String> grants = new ArrayList<>();
        final List<String> settlements = new ArrayList<>();

        Dir settled(String campaign, String streamer, int tier, long gmvFen, boolean eligible) {
            Settlement s = new Settlement();
            s.campaignId = campaign;
            s.streamerId = streamer;
            s.finalGmvFen = gmvFen;
            s.paidFen = gmvFen;
            s.finalTier = tier;
            s.eligible = eligible;
            s.ineligibleReason = eligible ? null : "NOT_REGISTERED";
            settlements.add(Tables.CAMPAIGN_SETTLEMENT.toJson(s));
            return this;
        }

        Dir grant(String campaign, String streamer, GrantKind kind, int tier, long fen) {
            grants.add(
                    Tables.INCENTIVE_GRANT.toJson(
                            new Grant(campaign, streamer, kind, tier, fen, 0, 0, "T", "t", 0)));
            return this;
        }

        PlanOutputs write(String label, CampaignPlan plan) throws Exception {
            Path dir = tmp.resolve(label);
            Files.createDirectories(dir);
            Files.write(OutputRows.file(dir, Tables.INCENTIVE_GRANT), grants);
            Files.write(OutputRows.file(dir, Tables.CAMPAIGN_SETTLEMENT), settlements);
            return new PlanOutputs(label, Path.of(label + ".yaml"), plan, dir);
        }
    }

    @Test
    void shouldReportACampaignThatOnlyOnePlanHas() throws Exception {
        PlanOutputs a =
                new Dir()
                        .settled("x", "s1", 1, 2_000, true)
                        .grant("x", "s1", GrantKind.INSTANT, 1, 10)
                        .grant("x", "s1", GrantKind.POST_EVENT, 1, 30)
                        .write("A", plan("x"));
        PlanOutputs b =
                new Dir()
                        .settled("x", "s1", 1, 2_000, true)
                        .grant("x", "s1", GrantKind.INSTANT, 1, 10)
                        .grant("x", "s1", GrantKind.POST_EVENT, 1, 30)
                        .settled("y", "s1", 2, 9_000, true)
                        .write("B", plan("x", "y"));

        Comparison c = Comparison.of(List.of(a, b));

        assertThat(c.campaigns()).extracting(Comparison.CampaignRow::id).containsExactly("x", "y");
        Comparison.CampaignRow y = c.campaigns().get(1);
        assertThat(y.inAllPlans()).isFalse();
        assertThat(y.byPlan().get(0)).isNull();
        assertThat(y.byPlan().get(1).streamersAt(2)).isEqualTo(1);
        assertThat(y.tierChanges()).isEmpty();
        assertThat(c.campaigns().get(0).tierChanges()).isEmpty();

        String table = WhatIfReport.table(c);
        assertThat(table.substring(table.indexOf("\ny  Y"))).contains("not in plan A");
        assertThat(table.substring(0, table.indexOf("\ny  Y")))
                .doesNotContain("not in plan")
                .contains("final tier differs: 0 streamer(s)");

        WhatIfReport.writeCsv(c, tmp);
        assertThat(Files.readAllLines(tmp.resolve(WhatIfReport.SUMMARY_CSV)))
                .filteredOn(l -> l.startsWith("y,"))
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("y,Y,B,B.yaml,1,1,9000,").endsWith(","));
    }

    @Test
    void shouldCountAStreamerSettledUnderOnlyOnePlanAsATierChange() throws Exception {
        CampaignPlan p = plan("x");
        PlanOutputs a =
                new Dir()
                        .settled("x", "s1", 1, 2_000, true)
                        .settled("x", "s2", 0, 500, true)
                        .write("A", p);
        PlanOutputs b = new Dir().settled("x", "s1", 1, 2_000, true).write("B", p);

        Comparison c = Comparison.of(List.of(a, b));

        List<Comparison.TierChange> changes = c.campaigns().get(0).tierChanges();
        assertThat(changes).extracting(Comparison.TierChange::streamerId).containsExactly("s2");
        assertThat(changes.get(0).byPlan().get(0).finalTier()).isZero();
        assertThat(changes.get(0).byPlan().get(1)).isNull();
        WhatIfReport.writeCsv(c, tmp);
        assertThat(Files.readAllLines(tmp.resolve(WhatIfReport.TIER_CHANGES_CSV)))
                .containsExactly(
                        "campaign_id,streamer_id,final_tier_A,final_tier_B,final_gmv_fen_A,"
                                + "final_gmv_fen_B,net_fen_A,net_fen_B",
                        "x,s2,0,,500,,0,");
    }

    @Test
    void shouldCompareThreePlansAgainstTheFirst() throws Exception {
        CampaignPlan p = plan("x");
        PlanOutputs a = new Dir().settled("x", "s1", 1, 6_000, true).write("A", p);
        PlanOutputs b = new Dir().settled("x", "s1", 1, 6_000, true).write("B", p);
        PlanOutputs c3 =
                new Dir()
                        .settled("x", "s1", 2, 6_000, true)
                        .grant("x", "s1", GrantKind.POST_EVENT, 2, 150)
                        .write("C", p);

        Comparison c = Comparison.of(List.of(a, b, c3));

        assertThat(c.campaigns().get(0).tierChanges())
                .extracting(Comparison.TierChange::streamerId)
                .containsExactly("s1");
        assertThat(WhatIfReport.table(c).lines().filter(l -> l.contains("net payout")).toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l.trim().split(" {2,}"))
                                        .containsExactly(
                                                "net payout (yuan)",
                                                "0.00",
                                                "0.00",
                                                "1.50",
                                                "0.00",
                                                "+1.50"));
    }

    @Test
    void shouldRoundPayoutPer10kYuanOnceToWholeFenHalfUp() {
        // 1 fen per 80,000 fen of GMV is 0.125 yuan per 10,000 yuan.
        assertThat(CampaignOutcome.per10kYuan(1, 80_000)).isEqualByComparingTo("0.13");
        assertThat(CampaignOutcome.per10kYuan(1, 80_001)).isEqualByComparingTo("0.12");
        assertThat(CampaignOutcome.per10kYuan(290_000, 19_000_000))
                .isEqualTo(new BigDecimal("152.63"));
        assertThat(CampaignOutcome.per10kYuan(5, 0)).isNull();
    }

    @Test
    void shouldRefuseAColumnTheTableDoesNotDefine() {
        assertThatThrownBy(() -> OutputRows.column(Tables.INCENTIVE_GRANT, "reward"))
                .hasMessageContaining("incentive_grant has no column reward");
    }

    @Test
    void shouldNameTheFileAndLineOfARowWithoutAColumn() throws Exception {
        CampaignPlan p = plan("x");
        Dir d = new Dir().grant("x", "s1", GrantKind.INSTANT, 1, 10);
        d.grants.add("{\"campaign_id\":\"x\",\"streamer_id\":\"s1\",\"kind\":\"INSTANT\"}");
        PlanOutputs a = d.write("A", p);
        PlanOutputs b = new Dir().write("B", p);

        assertThatThrownBy(() -> Comparison.of(List.of(a, b)))
                .hasMessageContaining("incentive_grant.jsonl line 2")
                .hasMessageContaining("tier");
    }

    @Test
    void shouldRefuseADirectoryWithoutTheReplayOutputs() throws Exception {
        CampaignPlan p = plan("x");
        PlanOutputs a = new Dir().write("A", p);
        Files.createDirectories(tmp.resolve("empty"));
        PlanOutputs b = new PlanOutputs("B", Path.of("B.yaml"), p, tmp.resolve("empty"));

        assertThatThrownBy(() -> Comparison.of(List.of(a, b)))
                .hasMessageContaining("not a replay output directory");
    }

    @Test
    void shouldQuoteCsvCellsOnlyWhereNeeded() {
        assertThat(WhatIfReport.csv("12.12 Festival")).isEqualTo("12.12 Festival");
        assertThat(WhatIfReport.csv("Sale, \"big\"")).isEqualTo("\"Sale, \"\"big\"\"\"");
    }

    @Test
    void shouldLabelPlansByFileNameAndNumberThemWhereNamesClash() {
        assertThat(
                        WhatIf.labels(
                                List.of(Path.of("config/campaigns.yaml"), Path.of("b/plan-b.yml"))))
                .containsExactly("campaigns", "plan-b");
        assertThat(
                        WhatIf.labels(
                                List.of(
                                        Path.of("a/campaigns.yaml"),
                                        Path.of("b/campaigns.yaml"),
                                        Path.of("c.yaml"))))
                .containsExactly("1-campaigns", "2-campaigns", "c");
    }
}
