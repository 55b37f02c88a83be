package com.livegmv.tools.screen;

import com.livegmv.output.Money;
import com.livegmv.tools.db.Query;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the festival screen shows, read from the tables and views of {@code config/schema.sql} and
 * nothing else, on one read-only connection. Each answer is one consistent snapshot (a repeatable
 * read transaction); money comes both as fen and as yuan formatted by {@link Money}.
 */
final class ScreenData implements AutoCloseable {
    static final int LEADERS = 20;
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Tier(int tier, long thresholdFen, long streamers, long reached, long eligibleReached) {}

    record Payout(String kind, long grants, long rewardFen, String rewardYuan) {}

    record Campaign(
            String id,
            String name,
            String timeZone,
            String status,
            long streamers,
            long eligible,
            long rewarded,
            long gmvFen,
            String gmvYuan,
            String paidYuan,
            String refundedYuan,
            String rewardYuan,
            List<Tier> tiers,
            List<Payout> payouts) {}

    record Leader(
            int rank,
            String streamer,
            long gmvFen,
            String gmvYuan,
            int tier,
            Long nextThresholdFen,
            String nextThresholdYuan,
            boolean eligible,
            boolean settled) {}

    record Leaders(String campaign, List<Leader> leaders) {}

    record Count(String name, long count) {}

    record Quality(List<Count> rejected, List<Count> late, long unappliedRefunds) {}

    record Job(
            String job,
            String flinkJobId,
            String state,
            String watermarkUtc,
            String watermarkLocal,
            String timeZone,
            Long eventTimeLagMs,
            long eventsIn,
            Long lastCheckpointId,
            Long secondsSinceCheckpoint,
            int restarts,
            int parallelism,
            long secondsSinceUpdate) {}

    /** A query that reads one snapshot. */
    interface Read<T> {
        T from(Connection c) throws SQLException;
    }

    private final String jdbcUrl;
    private Connection connection;

    ScreenData(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Runs {@code read} in a read-only repeatable-read transaction; reconnects after a failure. */
    synchronized <T> T read(Read<T> read) throws SQLException {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl);
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setAutoCommit(false);
            }
            try {
                return read.from(connection);
            } finally {
                connection.rollback(); // nothing to keep: it only read
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    static List<Campaign> campaigns(Connection c) throws SQLException {
        Map<String, List<Tier>> tiers = new LinkedHashMap<>();
        Query.forEachRow(
                c,
                "SELECT campaign_id, tier, threshold_fen, streamers, reached,"
                        + " eligible_reached FROM campaign_tier_distribution"
                        + " ORDER BY campaign_id, tier",
                rs ->
                        tiers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(
                                        new Tier(
                                                rs.getInt(2),
                                                rs.getLong(3),
                                                rs.getLong(4),
                                                rs.getLong(5),
                                                rs.getLong(6))));
        Map<String, List<Payout>> payouts = new LinkedHashMap<>();
        Query.forEachRow(
                c,
                "SELECT campaign_id, kind, grants, reward_fen"
                        + " FROM campaign_payout_totals ORDER BY campaign_id, kind",
                rs ->
                        payouts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(payout(rs.getString(2), rs.getLong(3), rs.getLong(4))));
        List<Campaign> out = new ArrayList<>();
        Query.forEachRow(
                c,
                "SELECT campaign_id, name, time_zone, status, streamers, eligible,"
                        + " rewarded, gmv_fen, paid_fen, refunded_fen, reward_fen"
                        + " FROM campaign_totals"
                        + " ORDER BY plan_position NULLS LAST, campaign_id",
                rs -> {
                    String id = rs.getString(1);
                    out.add(
                            new Campaign(
                                    id,
                                    rs.getString(2) != null ? rs.getString(2) : id,
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getLong(7),
                                    rs.getLong(8),
                                    Money.yuan(rs.getLong(8)),
                                    Money.yuan(rs.getLong(9)),
                                    Money.yuan(rs.getLong(10)),
                                    Money.yuan(rs.getLong(11)),
                                    tiers.getOrDefault(id, List.of()),
                                    payouts.getOrDefault(id, List.of())));
                });
        return out;
    }

    /** The leading streamers of a campaign, by GMV (settled GMV once settled). */
    static Leaders leaders(Connection c, String campaign) throws SQLException {
        List<Leader> out = new ArrayList<>();
        Query.forEachRow(
                c,
                "SELECT streamer_id, gmv_fen, tier, next_threshold_fen, eligible, settled"
                        + " FROM streamer_standing WHERE campaign_id = ?"
                        + " ORDER BY gmv_fen DESC, streamer_id LIMIT "
                        + LEADERS,
                campaign,
                rs -> {
                    Long nextFen = Query.nullableLong(rs, 4);
                    out.add(
                            new Leader(
                                    out.size() + 1,
                                    rs.getString(1),
                                    rs.getLong(2),
                                    Money.yuan(rs.getLong(2)),
                                    rs.getInt(3),
                                    nextFen,
                                    nextFen == null ? null : Money.yuan(nextFen),
                                    rs.getBoolean(5),
                                    rs.getBoolean(6)));
                });
        return new Leaders(campaign, out);
    }

    /** Grants paid by kind, over every campaign. */
    static List<Payout> grantsByKind(Connection c) throws SQLException {
        List<Payout> out = new ArrayList<>();
        Query.forEachRow(
                c,
                "SELECT kind, sum(grants), sum(reward_fen)"
                        + " FROM campaign_payout_totals GROUP BY kind ORDER BY kind",
                rs -> out.add(payout(rs.getString(1), rs.getLong(2), rs.getLong(3))));
        return out;
    }

    static Quality quality(Connection c) throws SQLException {
        List<Count> rejected =
                counts(
                        c,
                        "SELECT reason, count(*) FROM rejected_event"
                                + " GROUP BY reason ORDER BY count(*) DESC, reason");
        List<Count> late =
                counts(
                        c,
                        "SELECT handling, count(*) FROM late_arrivals"
                                + " GROUP BY handling ORDER BY count(*) DESC, handling");
        long unapplied = counts(c, "SELECT 'all', count(*) FROM unapplied_refunds").get(0).count();
        return new Quality(rejected, late, unapplied);
    }

    /** The most recently updated job, with its watermark in the first campaign's time zone. */
    static Job job(Connection c) throws SQLException {
        String zone = null;
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT time_zone FROM campaign ORDER BY plan_position LIMIT 1")) {
            if (rs.next()) {
                zone = rs.getString(1);
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT job, flink_job_id, state, watermark, event_time_lag_ms,"
                                        + " events_in, last_checkpoint_id,"
                                        + " extract(epoch FROM clock_timestamp() - last_checkpoint_at)::bigint,"
                                        + " restarts, parallelism,"
                                        + " extract(epoch FROM clock_timestamp() - updated_at)::bigint"
                                        + " FROM job_status ORDER BY updated_at DESC LIMIT 1")) {
            if (!rs.next()) {
                return null;
            }
            OffsetDateTime watermark = rs.getObject(4, OffsetDateTime.class);
            return new Job(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    watermark == null ? null : watermark.toInstant().toString(),
                    watermark == null || zone == null
                            ? null
                            : LOCAL.format(watermark.atZoneSameInstant(ZoneId.of(zone))),
                    zone,
                    Query.nullableLong(rs, 5),
                    rs.getLong(6),
                    Query.nullableLong(rs, 7),
                    Query.nullableLong(rs, 8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getLong(11));
        }
    }

    private static Payout payout(String kind, long grants, long rewardFen) {
        return new Payout(kind, grants, rewardFen, Money.yuan(rewardFen));
    }

    private static List<Count> counts(Connection c, String sql) throws SQLException {
        List<Count> out = new ArrayList<>();
        Query.forEachRow(c, sql, rs -> out.add(new Count(rs.getString(1), rs.getLong(2))));
        return out;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
            connection = null;
        }
    }
}
