package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.embedded.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst views of {@code config/schema.sql} on a real PostgreSQL, over rows written by hand:
 * totals that switch from live to settled figures, the tier funnel, yuan as numeric(18,2), local
 * times in each campaign's zone (across a daylight-saving change), who to nudge, late events apart
 * from unapplied refunds; and the plan written at install, idempotently.
 */
@Tag("slow")
class AnalystViewsITCase {
    @TempDir static Path tmp;

    /** Closed by JUnit once every test has run. */
    @AutoClose static LocalPostgres pg;

    /** The plan's YAML (test resource {@code live/analyst-views-plan.yaml}). */
    static String planYaml;

    static CampaignPlan plan;
    static final AtomicInteger DB = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        pg = LocalPostgres.start(tmp.resolve("pg"), 0);
        planYaml =
                Files.readString(
                        Path.of(
                                AnalystViewsITCase.class
                                        .getResource("/live/analyst-views-plan.yaml")
                                        .toURI()));
        plan = CampaignLoader.parse(planYaml, "plan.yaml");
    }

    /** A new database with the schema and the plan installed. */
    static String fresh() {
        String db = "views" + DB.incrementAndGet();
        pg.createDatabase(db);
        PostgresTables.installSchema(pg.jdbcUrl(db), null, null, plan);
        return pg.jdbcUrl(db);
    }

    /** Every row of a query, each column as PostgreSQL prints it. */
    static List<Tuple> rows(String url, String sql) throws SQLException {
        return Sql.rows(url, sql).stream().map(r -> tuple(r.toArray())).toList();
    }

    static String progress(
            String campaign, String streamer, long gmv, int tier, Long next, boolean eligible) {
        return String.format(
                "INSERT INTO streamer_progress VALUES ('%s', '%s', %d, %d, 0, 1, %d, %s, %s, 0,"
                        + " '2024-12-06T10:00:00Z', false)",
                campaign, streamer, gmv, gmv, tier, next == null ? "NULL" : next, eligible);
    }

    static String settlement(
            String campaign, String streamer, long gmv, long refunded, int tier, boolean eligible) {
        return String.format(
                "INSERT INTO campaign_settlement VALUES ('%s', '%s', %d, %d, %d, 2, %d, %s, %s,"
                        + " 0, 0, 0, '2024-12-19T16:00:00Z')",
                campaign,
                streamer,
                gmv,
                gmv + refunded,
                refunded,
                tier,
                eligible,
                eligible ? "NULL" : "'NO_PREVIEW'");
    }

    static String grant(
            String campaign, String streamer, String kind, int tier, long fen, String at) {
        return String.format(
                "INSERT INTO incentive_grant (grant_id, campaign_id, streamer_id, kind, tier,"
                        + " reward_fen, gmv_fen, earned_at, trigger_type, trigger_id, emitted_at)"
                        + " VALUES ('%1$s/%2$s/%3$s/%4$d', '%1$s', '%2$s', '%3$s', %4$d, %5$d, 0,"
                        + " '%6$s', 'ORDER_PAID', 'o1', now())",
                campaign, streamer, kind, tier, fen, at);
    }

    /** c1's row of campaign_totals: its name and zone, then the status and figures given. */
    static Tuple c1Totals(String status, String... figures) {
        List<Object> row = new ArrayList<>(List.of("c1", "Festival One", "Asia/Shanghai", status));
        row.addAll(List.of(figures));
        return tuple(row.toArray());
    }

    /** c1 live: five streamers, one of them not eligible. */
    static void liveFestival(String url) throws SQLException {
        Sql.exec(
                url,
                progress("c1", "s1", 4_800_000, 1, 5_000_000L, true),
                progress("c1", "s2", 4_600_000, 1, 5_000_000L, false),
                progress("c1", "s3", 25_000_000, 3, null, true),
                progress("c1", "s4", 100_000, 0, 1_000_000L, true),
                progress("c1", "s5", 950_000, 0, 1_000_000L, true));
    }

    @Test
    void shouldShowLiveTotalsBeforeSettlementAndSettledOnesAfter() throws Exception {
        String url = fresh();
        liveFestival(url);
        String totals =
                "SELECT campaign_id, name, time_zone, status, streamers, eligible, rewarded,"
                        + " gmv_fen, gmv_yuan FROM campaign_totals ORDER BY plan_position";
        // Rewarded: eligible at tier 1 or above (s1, s3); GMV the sum of the live figures.
        assertThat(rows(url, totals))
                .containsExactly(
                        c1Totals("LIVE", "5", "4", "2", "35450000", "354500.00"),
                        tuple(
                                "c2",
                                "New York Sprint",
                                "America/New_York",
                                "LIVE",
                                "0",
                                "0",
                                "0",
                                "0",
                                "0.00"));

        // Two settlement rows have landed: their figures count, the others stay live.
        Sql.exec(
                url,
                settlement("c1", "s1", 4_700_000, 100_000, 1, true),
                settlement("c1", "s2", 5_100_000, 0, 2, false));
        assertThat(rows(url, totals).get(0))
                .isEqualTo(c1Totals("SETTLING", "5", "4", "2", "35850000", "358500.00"));

        Sql.exec(
                url,
                settlement("c1", "s3", 25_000_000, 0, 3, true),
                settlement("c1", "s4", 100_000, 0, 0, false),
                settlement("c1", "s5", 1_000_000, 0, 1, true));
        // Settled: s4 turned out ineligible, s5 reached tier 1.
        assertThat(rows(url, totals).get(0))
                .isEqualTo(c1Totals("SETTLED", "5", "3", "3", "35900000", "359000.00"));
        assertThat(
                        rows(
                                url,
                                "SELECT paid_yuan, refunded_yuan FROM campaign_totals"
                                        + " WHERE campaign_id = 'c1'"))
                .containsExactly(tuple("360000.00", "1000.00"));
    }

    @Test
    void shouldCountEachTierAndWhoReachedIt() throws Exception {
        String url = fresh();
        liveFestival(url);
        // Tier 0 holds s4 and s5, tier 1 s1 and s2 (not eligible), tier 3 s3; tier 2 nobody.
        assertThat(
                        rows(
                                url,
                                "SELECT campaign_id, tier, threshold_yuan, streamers,"
                                        + " eligible_streamers, reached, eligible_reached"
                                        + " FROM campaign_tier_distribution ORDER BY campaign_id, tier"))
                .containsExactly(
                        tuple("c1", "0", "0.00", "2", "2", "5", "4"),
                        tuple("c1", "1", "10000.00", "2", "1", "3", "2"),
                        tuple("c1", "2", "50000.00", "0", "0", "1", "1"),
                        tuple("c1", "3", "200000.00", "1", "1", "1", "1"),
                        tuple("c2", "0", "0.00", "0", "0", "0", "0"),
                        tuple("c2", "1", "3000.00", "0", "0", "0", "0"));
    }

    @Test
    void shouldListOnlyEligibleUnsettledStreamersNearTheirNextTier() throws Exception {
        String url = fresh();
        liveFestival(url);
        // s2 is as near as s1 but not eligible; s3 is at the top; s4 is far.
        assertThat(
                        rows(
                                url,
                                "SELECT streamer_id, missing_fen, missing_yuan"
                                        + " FROM streamers_near_next_tier ORDER BY streamer_id"))
                .containsExactly(tuple("s1", "200000", "2000.00"), tuple("s5", "50000", "500.00"));

        Sql.exec(url, "UPDATE streamer_progress SET settled = true WHERE streamer_id = 's1'");
        assertThat(rows(url, "SELECT streamer_id FROM streamers_near_next_tier"))
                .containsExactly(tuple("s5"));
    }

    @Test
    void shouldGiveYuanAsNumericWithTwoDecimalsInEveryView() throws Exception {
        String url = fresh();
        Sql.exec(
                url,
                grant("c1", "s3", "INSTANT", 1, 10_000, "2024-12-05T12:15:03.120Z"),
                grant("c1", "s3", "INSTANT", 2, 50_000, "2024-12-06T01:00:00Z"),
                grant("c1", "s3", "POST_EVENT", 3, 340_000, "2024-12-20T16:00:00Z"),
                grant("c1", "s9", "CLAWBACK", 2, -50_000, "2024-12-20T16:00:00Z"));
        assertThat(
                        rows(
                                url,
                                "SELECT kind, grants, reward_fen, reward_yuan"
                                        + " FROM campaign_payout_totals ORDER BY kind"))
                .containsExactly(
                        tuple("CLAWBACK", "1", "-50000", "-500.00"),
                        tuple("INSTANT", "2", "60000", "600.00"),
                        tuple("POST_EVENT", "1", "340000", "3400.00"));
        assertThat(rows(url, "SELECT reward_yuan FROM campaign_totals WHERE campaign_id = 'c1'"))
                .containsExactly(tuple("3500.00"));

        List<Tuple> yuanColumns =
                rows(
                        url,
                        "SELECT c.table_name, c.column_name, c.data_type, c.numeric_precision,"
                                + " c.numeric_scale FROM information_schema.columns c"
                                + " JOIN information_schema.views v USING (table_schema, table_name)"
                                + " WHERE c.table_schema = current_schema()"
                                + " AND c.column_name LIKE '%yuan' ORDER BY 1, 2");
        assertThat(yuanColumns)
                .extracting(t -> t.toList().get(0) + "." + t.toList().get(1))
                .contains(
                        "campaign_totals.gmv_yuan",
                        "campaign_payout_totals.reward_yuan",
                        "streamer_payouts.total_yuan",
                        "grant_ledger.reward_yuan",
                        "streamers_near_next_tier.missing_yuan");
        assertThat(yuanColumns)
                .allSatisfy(
                        t ->
                                assertThat(t.toList().subList(2, 5))
                                        .as("%s", t)
                                        .containsExactly("numeric", "18", "2"));
    }

    @Test
    void shouldShowLocalTimesInEachCampaignsZoneBesideUtc() throws Exception {
        String url = fresh();
        Sql.exec(
                url,
                grant("c1", "s3", "INSTANT", 1, 10_000, "2024-12-05T12:15:03.120Z"),
                // New York leaves standard time at 2024-03-10 02:00 local (07:00 UTC).
                grant("c2", "n1", "INSTANT", 1, 3_000, "2024-03-10T06:59:59Z"),
                grant("c2", "n2", "INSTANT", 1, 3_000, "2024-03-10T07:00:00Z"),
                settlement("c1", "s3", 25_000_000, 0, 3, true));
        assertThat(
                        rows(
                                url,
                                "SELECT streamer_id, earned_at_utc, earned_at_local, time_zone"
                                        + " FROM grant_ledger ORDER BY streamer_id"))
                .containsExactly(
                        tuple(
                                "n1",
                                "2024-03-10 06:59:59",
                                "2024-03-10 01:59:59",
                                "America/New_York"),
                        tuple(
                                "n2",
                                "2024-03-10 07:00:00",
                                "2024-03-10 03:00:00",
                                "America/New_York"),
                        tuple(
                                "s3",
                                "2024-12-05 12:15:03.12",
                                "2024-12-05 20:15:03.12",
                                "Asia/Shanghai"));
        assertThat(
                        rows(
                                url,
                                "SELECT settled_at_utc, settled_at_local, total_yuan FROM streamer_payouts"))
                .containsExactly(tuple("2024-12-19 16:00:00", "2024-12-20 00:00:00", "0.00"));
        // The plan's windows come back in the local times of the YAML.
        assertThat(
                        rows(
                                url,
                                "SELECT campaign_id, event_start_local, event_end_local, settle_at_local,"
                                        + " event_start_utc, event_end_utc FROM campaign_calendar"
                                        + " ORDER BY campaign_id"))
                .containsExactly(
                        tuple(
                                "c1",
                                "2024-12-05 00:00:00",
                                "2024-12-13 00:00:00",
                                "2024-12-20 00:00:00",
                                "2024-12-04 16:00:00",
                                "2024-12-12 16:00:00"),
                        tuple(
                                "c2",
                                "2024-03-09 12:00:00",
                                "2024-03-11 12:00:00",
                                "2024-03-12 12:00:00",
                                "2024-03-09 17:00:00",
                                "2024-03-11 16:00:00"));
    }

    @Test
    void shouldKeepUnappliedRefundsApartFromLateArrivals() throws Exception {
        String url = fresh();
        Sql.exec(
                url,
                "INSERT INTO late_event VALUES ('t:0:1', 'ORDER_PAID', 'o1', 's1',"
                        + " '2024-12-06T10:00:00Z', '2024-12-06T10:00:03Z', 'APPLIED', NULL)",
                "INSERT INTO late_event VALUES ('t:0:2', 'ORDER_PAID', 'o2', 's1',"
                        + " '2024-12-06T10:00:00Z', '2024-12-21T00:00:00Z', 'AFTER_SETTLEMENT',"
                        + " 'campaign c1 has settled')",
                "INSERT INTO late_event VALUES ('t:1:1', 'ORDER_REFUNDED', 'r1', 's2',"
                        + " '2024-12-06T11:00:00Z', '2024-12-06T11:00:01Z', 'UNAPPLIED_REFUND',"
                        + " 'order o9 is not a known order of an open campaign')",
                "INSERT INTO late_event VALUES ('t:1:2', 'ORDER_REFUNDED', 'r2', 's3',"
                        + " '2024-12-07T11:00:00Z', '2024-12-07T11:00:00Z', 'UNAPPLIED_REFUND',"
                        + " 'order o8 did not count toward any campaign')");
        assertThat(
                        rows(
                                url,
                                "SELECT source, handling, behind_watermark FROM late_arrivals"
                                        + " ORDER BY source"))
                .containsExactly(
                        tuple("t:0:1", "APPLIED", "00:00:03"),
                        tuple("t:0:2", "AFTER_SETTLEMENT", "14 days 14:00:00"));
        assertThat(
                        rows(
                                url,
                                "SELECT refund_id, streamer_id, event_time_utc FROM unapplied_refunds"
                                        + " ORDER BY refund_id"))
                .containsExactly(
                        tuple("r1", "s2", "2024-12-06 11:00:00"),
                        tuple("r2", "s3", "2024-12-07 11:00:00"));
    }

    @Test
    void shouldWriteThePlanIdempotentlyAndFollowItsChanges() throws Exception {
        String url = fresh();
        PostgresTables.installSchema(url, null, null, plan);
        String tiers = "SELECT campaign_id, tier, threshold_fen FROM campaign_tier ORDER BY 1, 2";
        assertThat(rows(url, tiers))
                .containsExactly(
                        tuple("c1", "1", "1000000"),
                        tuple("c1", "2", "5000000"),
                        tuple("c1", "3", "20000000"),
                        tuple("c2", "1", "300000"));

        // The next start runs a plan where c1 lost its top tier and c2 raised its threshold.
        CampaignPlan changed =
                CampaignLoader.parse(
                        planYaml.replace(
                                        "      - { level: 3, threshold_fen: 20000000, instant_reward_fen:"
                                                + " 200000, post_event_reward_fen: 600000 }\n",
                                        "")
                                .replace("threshold_fen: 300000,", "threshold_fen: 400000,"),
                        "changed.yaml");
        PostgresTables.installSchema(url, null, null, changed);
        assertThat(rows(url, tiers))
                .containsExactly(
                        tuple("c1", "1", "1000000"),
                        tuple("c1", "2", "5000000"),
                        tuple("c2", "1", "400000"));
        assertThat(rows(url, "SELECT count(*) FROM campaign")).containsExactly(tuple("2"));
    }

    @Test
    void shouldRefuseATimeZonePostgresReadsDifferently() {
        pg.createDatabase("zones");
        CampaignPlan offset =
                CampaignLoader.parse(
                        planYaml.replace("timezone: Asia/Shanghai", "timezone: \"+08:00\""),
                        "offset.yaml");
        assertThatThrownBy(
                        () -> PostgresTables.installSchema(pg.jdbcUrl("zones"), null, null, offset))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("campaign c1")
                .hasMessageContaining("\"+08:00\"")
                .hasMessageContaining("name a region such as Asia/Shanghai");
    }
}
