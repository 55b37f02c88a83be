package com.livegmv.jobs.live;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.Tier;
import com.livegmv.campaign.TierLadder;
import com.livegmv.events.RejectedEvent;
import com.livegmv.output.Grant;
import com.livegmv.output.LateEvent;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * The SPEC §9 tables in PostgreSQL. Every write is an idempotent upsert by the table's key, so the
 * rows replayed after a restore from a checkpoint never double anything: facts (grants,
 * settlements, rejected and late events) are inserted once and never changed; progress rows are
 * replaced, but never once settled. Every sink flushes on every checkpoint, so nothing acknowledged
 * by a checkpoint is lost.
 *
 * <p>Grants are written by the engine's own thread right after each watermark step (the step that
 * emitted them), one round trip for all of the step's grants. Every other table has a sink task of
 * its own, so its database round trips never hold up the engine or the source; progress reaches its
 * sink already coalesced ({@link LatestProgress}). Batches of {@link #BATCH_ROWS} rows: from 100
 * rows up, PostgreSQL's cost per upsert is flat (about 20 us of its CPU per progress row on the
 * benchmark machine, against 30 us and a commit for a batch of one).
 */
public final class PostgresTables {
    /** Rows per JDBC batch (one round trip, one transaction). */
    static final int BATCH_ROWS = 1000;

    /** The longest a row waits in a batch that is not full. */
    static final long BATCH_INTERVAL_MS = 100;

    private PostgresTables() {}

    /** Writes the five streams to their tables; each sink has a stable uid. */
    public static void sinkAll(
            LiveSettings s,
            DataStream<Grant> grants,
            DataStream<Settlement> settlements,
            DataStream<Progress> progress,
            DataStream<RejectedEvent> rejected,
            DataStream<LateEvent> late) {
        JdbcConnectionOptions conn = connection(s);
        sink(grants, Tables.INCENTIVE_GRANT, conn, true);
        sink(settlements, Tables.CAMPAIGN_SETTLEMENT, conn, false);
        DataStream<Progress> latest =
                progress.transform(
                                "Latest progress per streamer",
                                TypeInformation.of(Progress.class),
                                new LatestProgress(s.progressInterval().toMillis()))
                        .uid("latest-progress");
        sink(latest, Tables.STREAMER_PROGRESS, conn, false);
        sink(rejected, Tables.REJECTED_EVENT, conn, false);
        sink(late, Tables.LATE_EVENT, conn, false);
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

    /**
     * @param inline true: in the upstream task, flushed after every watermark; false: in a task of
     *     its own
     */
    private static <T> void sink(
            DataStream<T> rows, Table<T> table, JdbcConnectionOptions conn, boolean inline) {
        JdbcExecutionOptions exec =
                JdbcExecutionOptions.builder()
                        .withBatchSize(BATCH_ROWS)
                        .withBatchIntervalMs(BATCH_INTERVAL_MS)
                        .withMaxRetries(5)
                        .build();
        DataStreamSink<T> sink =
                rows.sinkTo(
                                new SafeCloseJdbcSink<>(
                                        JdbcSink.<T>builder()
                                                .withQueryStatement(
                                                        table.upsertSql(),
                                                        new Binder<>(table.name()))
                                                .withExecutionOptions(exec)
                                                .buildAtLeastOnce(conn),
                                        table.name(),
                                        inline))
                        .uid("jdbc-" + table.name())
                        .name(table.name() + " (PostgreSQL)");
        if (!inline) {
            sink.disableChaining();
        }
    }

    /** Binds a row by its table's columns; the table by name, as lambdas do not serialize. */
    private static final class Binder<T> implements JdbcStatementBuilder<T> {
        private static final long serialVersionUID = 1L;
        private final String tableName;
        private transient Table<T> table;

        Binder(String tableName) {
            this.tableName = tableName;
        }

        @Override
        public void accept(PreparedStatement p, T row) throws SQLException {
            if (table == null) {
                table = Tables.named(tableName);
            }
            table.bind(p, row);
        }
    }

    /**
     * Applies config/schema.sql (idempotent) and writes the plan into the {@code campaign} and
     * {@code campaign_tier} tables, so that the views know each campaign's time zone and tiers.
     * Fails with a clear message when the database is unreachable.
     *
     * @return the schema's notices to the operator (e.g. that the analysts' role could not be
     *     created), one line each
     */
    public static List<String> installSchema(
            String jdbcUrl, String user, String password, CampaignPlan plan) {
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
        List<String> notices = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement st = c.createStatement()) {
                st.execute(ddl);
                // PostgreSQL's own notices ("already exists, skipping") are noise; ours say "gmv:".
                for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    if (w.getMessage() != null && w.getMessage().startsWith("gmv: ")) {
                        notices.add(w.getMessage().substring("gmv: ".length()));
                    }
                }
            }
            writePlan(c, plan);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot prepare the tables in PostgreSQL at "
                            + Secrets.jdbcUrl(jdbcUrl)
                            + ": "
                            + e.getMessage()
                            + " (is the database up, and does the user exist?)",
                    e);
        }
        return notices;
    }

    /** Upserts the campaigns and their tiers, in one transaction. */
    private static void writePlan(Connection c, CampaignPlan plan) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement campaign =
                        c.prepareStatement(
                                "INSERT INTO campaign (campaign_id, plan_position, name, time_zone,"
                                        + " registration_start, registration_end, event_start, event_end,"
                                        + " settle_at, required_category, require_preview, clawback_instant)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                        + " ON CONFLICT (campaign_id) DO UPDATE SET"
                                        + " plan_position = EXCLUDED.plan_position, name = EXCLUDED.name,"
                                        + " time_zone = EXCLUDED.time_zone,"
                                        + " registration_start = EXCLUDED.registration_start,"
                                        + " registration_end = EXCLUDED.registration_end,"
                                        + " event_start = EXCLUDED.event_start, event_end = EXCLUDED.event_end,"
                                        + " settle_at = EXCLUDED.settle_at,"
                                        + " required_category = EXCLUDED.required_category,"
                                        + " require_preview = EXCLUDED.require_preview,"
                                        + " clawback_instant = EXCLUDED.clawback_instant");
                PreparedStatement dropTiers =
                        c.prepareStatement(
                                "DELETE FROM campaign_tier WHERE campaign_id = ? AND tier > ?");
                PreparedStatement tier =
                        c.prepareStatement(
                                "INSERT INTO campaign_tier (campaign_id, tier, threshold_fen,"
                                        + " instant_reward_fen, post_event_reward_fen) VALUES (?, ?, ?, ?, ?)"
                                        + " ON CONFLICT (campaign_id, tier) DO UPDATE SET"
                                        + " threshold_fen = EXCLUDED.threshold_fen,"
                                        + " instant_reward_fen = EXCLUDED.instant_reward_fen,"
                                        + " post_event_reward_fen = EXCLUDED.post_event_reward_fen")) {
            for (int i = 0; i < plan.size(); i++) {
                Campaign k = plan.get(i);
                requireSameZone(c, k);
                campaign.setString(1, k.id());
                campaign.setInt(2, i);
                campaign.setString(3, k.name());
                campaign.setString(4, k.timezone());
                campaign.setObject(5, utc(k.registrationStart()));
                campaign.setObject(6, utc(k.registrationEnd()));
                campaign.setObject(7, utc(k.eventStart()));
                campaign.setObject(8, utc(k.eventEnd()));
                campaign.setObject(9, utc(k.settleAt()));
                campaign.setString(10, k.requiredCategory());
                campaign.setBoolean(11, k.requirePreview());
                campaign.setBoolean(12, k.clawbackInstant());
                campaign.executeUpdate();
                TierLadder ladder = k.ladder();
                dropTiers.setString(1, k.id());
                dropTiers.setInt(2, ladder.size());
                dropTiers.executeUpdate();
                for (int level = 1; level <= ladder.size(); level++) {
                    Tier t = ladder.tier(level);
                    tier.setString(1, k.id());
                    tier.setInt(2, t.level());
                    tier.setLong(3, t.thresholdFen());
                    tier.setLong(4, t.instantRewardFen());
                    tier.setLong(5, t.postEventRewardFen());
                    tier.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * The views convert times with PostgreSQL's time zone database: refuse a zone it reads
     * differently from Java, such as "+08:00", which PostgreSQL takes as a POSIX zone 8 hours west
     * of UTC.
     */
    private static void requireSameZone(Connection c, Campaign k) throws SQLException {
        ZoneId zone = ZoneId.of(k.timezone());
        for (long t : new long[] {k.eventStart(), k.settleAt()}) {
            LocalDateTime java = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
            LocalDateTime pg;
            try (PreparedStatement q = c.prepareStatement("SELECT ? AT TIME ZONE ?")) {
                q.setObject(1, utc(t));
                q.setString(2, k.timezone());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    pg = rs.getObject(1, LocalDateTime.class);
                }
            } catch (SQLException e) {
                pg = null;
            }
            if (!java.equals(pg)) {
                throw new IllegalStateException(
                        "campaign "
                                + k.id()
                                + ": PostgreSQL reads the time zone \""
                                + k.timezone()
                                + "\" differently ("
                                + (pg == null ? "unknown" : pg + " for " + java)
                                + "); name a region such as Asia/Shanghai");
            }
        }
    }

    private static OffsetDateTime utc(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }
}
