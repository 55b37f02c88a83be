package com.livegmv.tools.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.output.GrantKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gmv whatif} end to end on a MiniCluster: the events of {@code whatif/events.jsonl} under
 * two plans that differ only in tier 2's threshold (50,000 yuan in plan-a, 40,000 in plan-b).
 *
 * <p>Worked by hand (fen; tier 1 at 1,000,000 pays 10,000 instant and 30,000 post-event, tier 2
 * pays 50,000 and 150,000): s1 sells 4,500,000: tier 1 under A (10,000 + 30,000), tier 2 under B
 * (10,000 + 50,000 + 150,000). s2 sells 6,000,000: tier 2 under both (210,000). s3 sells 4,200,000
 * and refunds 500,000 in the grace period: 3,700,000, tier 1 under both; under B it had reached
 * tier 2, so B pays the instant 50,000 and claws it back. s4 sells 4,800,000 unregistered: tier 1
 * under A, 2 under B, paid nothing. So A pays 80,000 instant + 210,000 post-event = 290,000; B pays
 * 180,000 + 330,000 - 50,000 = 460,000; s1 and s4 change tier. Settled GMV is 19,000,000 fen
 * (190,000 yuan): A pays 2,900 / 19 = 152.63 yuan per 10,000 yuan, B 4,600 / 19 = 242.11, and the
 * exact difference 1,700 / 19 = 89.47 (not 242.11 - 152.63 = 89.48).
 */
class WhatIfITCase implements MiniClusterTest {
    @TempDir Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(WhatIfITCase.class.getResource("/whatif/" + name).toURI());
    }

    @Test
    void shouldReportWhatOneLowerThresholdMovesAndCosts() throws Exception {
        Path a = resource("plan-a.yaml");
        Path b = resource("plan-b.yaml");
        Path out = tmp.resolve("report");
        Files.createDirectories(out);
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Comparison c =
                WhatIf.run(
                        new WhatIf.Settings(
                                List.of(a, b),
                                List.of(CampaignLoader.load(a), CampaignLoader.load(b)),
                                List.of(resource("events.jsonl")),
                                out,
                                2),
                        new PrintStream(terminal, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(c.campaigns()).hasSize(1);
        Comparison.CampaignRow fest = c.campaigns().get(0);
        CampaignOutcome planA = fest.byPlan().get(0);
        CampaignOutcome planB = fest.byPlan().get(1);

        assertThat(planA.rewardFen(GrantKind.INSTANT)).isEqualTo(80_000);
        assertThat(planA.rewardFen(GrantKind.POST_EVENT)).isEqualTo(210_000);
        assertThat(planA.rewardFen(GrantKind.CLAWBACK)).isZero();
        assertThat(planB.rewardFen(GrantKind.INSTANT)).isEqualTo(180_000);
        assertThat(planB.rewardFen(GrantKind.POST_EVENT)).isEqualTo(330_000);
        assertThat(planB.rewardFen(GrantKind.CLAWBACK)).isEqualTo(-50_000);
        assertThat(planB.netFen() - planA.netFen()).isEqualTo(170_000);

        // By tier: A's tier 1 paid s1, s2, s3 instantly and s1, s3 at settlement; B's tier 2
        // paid s1, s2, s3 instantly, s1, s2 at settlement, and took s3's back.
        assertThat(planA.netFen(1)).isEqualTo(3 * 10_000 + 2 * 30_000);
        assertThat(planA.netFen(2)).isEqualTo(50_000 + 150_000);
        assertThat(planB.netFen(1)).isEqualTo(3 * 10_000 + 30_000);
        assertThat(planB.grants(2, GrantKind.INSTANT)).isEqualTo(3);
        assertThat(planB.netFen(2)).isEqualTo(3 * 50_000 + 2 * 150_000 - 50_000);

        assertThat(List.of(planA.streamersAt(0), planA.streamersAt(1), planA.streamersAt(2)))
                .containsExactly(0L, 3L, 1L);
        assertThat(List.of(planB.streamersAt(0), planB.streamersAt(1), planB.streamersAt(2)))
                .containsExactly(0L, 1L, 3L);
        assertThat(planB.eligibleAt(2)).isEqualTo(2);

        assertThat(planA.settledGmvFen()).isEqualTo(19_000_000).isEqualTo(planB.settledGmvFen());
        assertThat(planA.payoutPer10kYuan()).isEqualByComparingTo(new BigDecimal("152.63"));
        assertThat(planB.payoutPer10kYuan()).isEqualByComparingTo(new BigDecimal("242.11"));
        assertThat(Comparison.per10kYuanDelta(planA, planB))
                .isEqualByComparingTo(new BigDecimal("89.47"));

        assertThat(fest.tierChanges())
                .extracting(
                        t -> t.streamerId(),
                        t -> t.byPlan().get(0).finalTier(),
                        t -> t.byPlan().get(1).finalTier(),
                        t -> t.byPlan().get(1).netFen() - t.byPlan().get(0).netFen())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s1", 1, 2, 170_000L),
                        org.assertj.core.groups.Tuple.tuple("s4", 1, 2, 0L));

        assertThat(Files.readAllLines(out.resolve(WhatIfReport.TIER_CHANGES_CSV)))
                .containsExactly(
                        "campaign_id,streamer_id,final_tier_plan-a,final_tier_plan-b,"
                                + "final_gmv_fen_plan-a,final_gmv_fen_plan-b,"
                                + "net_fen_plan-a,net_fen_plan-b",
                        "fest,s1,1,2,4500000,4500000,40000,210000",
                        "fest,s4,1,2,4800000,4800000,0,0");
        assertThat(Files.readAllLines(out.resolve(WhatIfReport.SUMMARY_CSV)))
                .containsExactly(
                        "campaign_id,campaign_name,plan,plan_file,settled_streamers,"
                                + "eligible_streamers,settled_gmv_fen,instant_fen,post_event_fen,"
                                + "clawback_fen,net_fen,net_per_10k_yuan_gmv_yuan,"
                                + "final_tier_differs_streamers",
                        "fest,Festival,plan-a,"
                                + a
                                + ",4,3,19000000,80000,210000,0,290000,152.63,2",
                        "fest,Festival,plan-b,"
                                + b
                                + ",4,3,19000000,180000,330000,-50000,460000,242.11,2");
        assertThat(Files.readAllLines(out.resolve(WhatIfReport.PAYOUTS_CSV)))
                .contains("fest,plan-b,2,3,150000,2,300000,1,-50000,400000");
        assertThat(Files.readAllLines(out.resolve(WhatIfReport.TIERS_CSV)))
                .contains("fest,plan-a,1,3,2", "fest,plan-b,2,3,2");

        BufferedImage png = ImageIO.read(out.resolve(WhatIfChart.PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(2 * WhatIfChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(WhatIfChart.HEIGHT);

        // Each plan's replay outputs stay beside the report.
        assertThat(out.resolve("plan-a").resolve("incentive_grant.jsonl")).isRegularFile();
        assertThat(out.resolve("plan-b").resolve("campaign_settlement.jsonl")).isRegularFile();

        String table = terminal.toString(StandardCharsets.UTF_8);
        assertThat(table.lines().filter(l -> l.contains("net payout (yuan)")).toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l.split(" +"))
                                        .containsSequence("2,900.00", "4,600.00", "+1,700.00"));
        assertThat(table)
                .contains("final tier differs: 2 streamer(s)")
                .contains("14 records (13 events, 1 rejected)");
        assertThat(
                        table.lines()
                                .filter(l -> l.contains("net per 10,000 yuan GMV"))
                                .collect(Collectors.joining()))
                .contains("152.63", "242.11", "+89.47");
    }
}
