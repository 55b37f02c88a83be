package com.livegmv.jobs.live;

import com.livegmv.output.Grant;
import com.livegmv.output.LateEvent;
import com.livegmv.output.Progress;
import com.livegmv.output.RejectedEvent;
import com.livegmv.output.Settlement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The SPEC §9 tables in PostgreSQL. Every write is an idempotent upsert by the table's key, so the
 * rows replayed after a restore from a checkpoint never double anything: facts (grants,
 * settlements, rejected and late events) are inserted once and never changed; progress rows are
 * replaced, but never once settled. The JDBC sink flushes on every checkpoint, so nothing
 * acknowledged by a checkpoint is lost.
 */
public final class PostgresTables {
    private PostgresTables() {}

    static final String GRANT =
            "INSERT INTO incentive_grant (grant_id, campaign_id, streamer_id, kind, tier, reward_fen,"
                    + " gmv_fen, earned_at, trigger_type, trigger_id, emitted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grant_id) DO NOTHING";
    static final String SETTLEMENT =
            "INSERT INTO campaign_settlement (campaign_id, streamer_id, final_gmv_fen, paid_fen,"
                    + " refunded_fen, qualifying_orders, final_tier, eligible, ineligible_reason,"
                    + " instant_reward_fen, post_event_reward_fen, clawback_fen, settled_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (campaign_id, streamer_id) DO NOTHING";
    static final String PROGRESS =
            "INSERT INTO streamer_progress (campaign_id, streamer_id, gmv_fen, paid_fen, refunded_fen,"
                    + " qualifying_orders, current_tier, next_threshold_fen, eligible,"
                    + " instant_tiers_granted, last_event_time, settled)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (campaign_id, streamer_id) DO UPDATE SET"
                    + " gmv_fen = EXCLUDED.gmv_fen, paid_fen = EXCLUDED.paid_fen,"
                    + " refunded_fen = EXCLUDED.refunded_fen,"
                    + " qualifying_orders = EXCLUDED.qualifying_orders,"
                    + " current_tier = EXCLUDED.current_tier,"
                    + " next_threshold_fen = EXCLUDED.next_threshold_fen,"
                    + " eligible = EXCLUDED.eligible,"
                    + " instant_tiers_granted = EXCLUDED.instant_tiers_granted,"
                    + " last_event_time = EXCLUDED.last_event_time, settled = EXCLUDED.settled,"
                    + " updated_at = clock_timestamp()"
                    + " WHERE NOT streamer_progress.settled";
    static final String REJECTED =
            "INSERT INTO rejected_event (source, raw, reason, detail, received_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (source) DO NOTHING";
    static final String LATE =
            "INSERT INTO late_event (source, type, natural_key, streamer_id, event_time, watermark,"
                    + " handling, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (source) DO NOTHING";

    /** Writes the five streams to their tables; each sink has a stable uid. */
    public static void sinkAll(
            LiveSettings s,
            DataStream<Grant> grants,
            DataStream<Settlement> settlements,
            DataStream<Progress> progress,
            DataStream<RejectedEvent> rejected,
            DataStream<LateEvent> late) {
        JdbcConnectionOptions conn = connection(s);
        JdbcExecutionOptions exec =
                JdbcExecutionOptions.builder()
                        .withBatchSize(1000)
                        .withBatchIntervalMs(100)
                        .withMaxRetries(5)
                        .build();
        sink(grants, "incentive_grant", GRANT, PostgresTables::grant, conn, exec);
        sink(
                settlements,
                "campaign_settlement",
                SETTLEMENT,
                PostgresTables::settlement,
                conn,
                exec);
        DataStream<Progress> latest =
                progress.transform(
                                "Latest progress per streamer",
                                TypeInformation.of(Progress.class),
                                new LatestProgress())
                        .uid("latest-progress");
        sink(latest, "streamer_progress", PROGRESS, PostgresTables::progress, conn, exec);
        sink(rejected, "rejected_event", REJECTED, PostgresTables::rejected, conn, exec);
        sink(late, "late_event", LATE, PostgresTables::late, conn, exec);
    }

    static JdbcConnectionOptions connection(LiveSettings s) {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(s.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(s.jdbcUser())
                .withPassword(s.jdbcPassword())
                .withConnectionCheckTimeoutSeconds(30)
                .build();
    }

    private static <T> void sink(
            DataStream<T> rows,
            String table,
            String sql,
            JdbcStatementBuilder<T> binder,
            JdbcConnectionOptions conn,
            JdbcExecutionOptions exec) {
        rows.sinkTo(
                        new SafeCloseJdbcSink<>(
                                JdbcSink.<T>builder()
                                        .withQueryStatement(sql, binder)
                                        .withExecutionOptions(exec)
                                        .buildAtLeastOnce(conn),
                                table))
                .uid("jdbc-" + table)
                .name(table + " (PostgreSQL)");
    }

    static OffsetDateTime ts(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    static void grant(PreparedStatement p, Grant g) throws SQLException {
        p.setString(1, g.grantId());
        p.setString(2, g.campaignId);
        p.setString(3, g.streamerId);
        p.setString(4, g.kind.name());
        p.setInt(5, g.tier);
        p.setLong(6, g.rewardFen);
        p.setLong(7, g.gmvFen);
        p.setObject(8, ts(g.earnedAt));
        p.setString(9, g.triggerType);
        p.setString(10, g.triggerId);
        p.setObject(11, ts(g.emittedAt));
    }

    static void settlement(PreparedStatement p, Settlement s) throws SQLException {
        p.setString(1, s.campaignId);
        p.setString(2, s.streamerId);
        p.setLong(3, s.finalGmvFen);
        p.setLong(4, s.paidFen);
        p.setLong(5, s.refundedFen);
        p.setLong(6, s.qualifyingOrders);
        p.setInt(7, s.finalTier);
        p.setBoolean(8, s.eligible);
        p.setString(9, s.ineligibleReason);
        p.setLong(10, s.instantRewardFen);
        p.setLong(11, s.postEventRewardFen);
        p.setLong(12, s.clawbackFen);
        p.setObject(13, ts(s.settledAt));
    }

    static void progress(PreparedStatement p, Progress r) throws SQLException {
        p.setString(1, r.campaignId);
        p.setString(2, r.streamerId);
        p.setLong(3, r.gmvFen);
        p.setLong(4, r.paidFen);
        p.setLong(5, r.refundedFen);
        p.setLong(6, r.qualifyingOrders);
        p.setInt(7, r.currentTier);
        if (r.nextThresholdFen == null) {
            p.setNull(8, Types.BIGINT);
        } else {
            p.setLong(8, r.nextThresholdFen);
        }
        p.setBoolean(9, r.eligible);
        p.setInt(10, r.instantTiersGranted);
        p.setObject(11, ts(r.lastEventTime));
        p.setBoolean(12, r.settled);
    }

    static void rejected(PreparedStatement p, RejectedEvent r) throws SQLException {
        p.setString(1, r.source);
        p.setString(2, r.raw);
        p.setString(3, r.reason.name());
        p.setString(4, r.detail);
        p.setObject(5, ts(r.receivedAt));
    }

    static void late(PreparedStatement p, LateEvent l) throws SQLException {
        p.setString(1, l.source);
        p.setString(2, l.type);
        p.setString(3, l.naturalKey);
        p.setString(4, l.streamerId);
        p.setObject(5, ts(l.eventTime));
        if (l.watermark == Long.MIN_VALUE || l.watermark == Long.MAX_VALUE) {
            p.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(6, ts(l.watermark));
        }
        p.setString(7, l.handling.name());
        p.setString(8, l.detail);
    }

    /** Applies config/schema.sql (idempotent). Fails with a clear message when unreachable. */
    public static void installSchema(String jdbcUrl, String user, String password) {
        String ddl;
        try (InputStream in = PostgresTables.class.getResourceAsStream("/schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("schema.sql is missing from the job jar", e);
        }
        try {
            // Under `flink run` the driver lives in the job jar's class loader, which
            // DriverManager's own lookup may not see.
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL driver is missing from the job jar", e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement st = c.createStatement()) {
            st.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot prepare the tables in PostgreSQL at "
                            + jdbcUrl
                            + ": "
                            + e.getMessage()
                            + " (is the database up, and does the user exist?)",
                    e);
        }
    }
}
