package com.livegmv.tools.demo;

import com.livegmv.events.RejectReason;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.JsonRow;
import com.livegmv.output.LateEvent;
import com.livegmv.output.LateHandling;
import com.livegmv.output.Progress;
import com.livegmv.output.RejectedEvent;
import com.livegmv.output.Settlement;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the SPEC §9 tables back from PostgreSQL and writes them as JSONL in exactly the replay
 * format (SPEC §10), so a live run can be compared with a replay of the same input.
 */
public final class TableExport {
    private TableExport() {}

    private interface RowReader {
        JsonRow read(ResultSet rs) throws SQLException;
    }

    /** Writes DIR/TABLE.jsonl for the five tables; returns the row count of each. */
    public static Map<String, Long> export(String jdbcUrl, String user, String password, Path dir)
            throws SQLException, IOException {
        Files.createDirectories(dir);
        Map<String, RowReader> readers = new LinkedHashMap<>();
        readers.put("incentive_grant", TableExport::grant);
        readers.put("campaign_settlement", TableExport::settlement);
        readers.put("streamer_progress", TableExport::progress);
        readers.put("rejected_event", TableExport::rejected);
        readers.put("late_event", TableExport::late);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (String table : ReplayJob.TABLES) {
                long n = 0;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1");
                        BufferedWriter w =
                                Files.newBufferedWriter(
                                        dir.resolve(table + ".jsonl"), StandardCharsets.UTF_8)) {
                    StringBuilder b = new StringBuilder(256);
                    while (rs.next()) {
                        b.setLength(0);
                        readers.get(table).read(rs).writeJson(b);
                        w.append(b).append('\n');
                        n++;
                    }
                }
                counts.put(table, n);
            }
        }
        return counts;
    }

    private static long millis(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(
                rs.getString("campaign_id"),
                rs.getString("streamer_id"),
                GrantKind.valueOf(rs.getString("kind")),
                rs.getInt("tier"),
                rs.getLong("reward_fen"),
                rs.getLong("gmv_fen"),
                millis(rs, "earned_at"),
                rs.getString("trigger_type"),
                rs.getString("trigger_id"),
                millis(rs, "emitted_at"));
    }

    private static Settlement settlement(ResultSet rs) throws SQLException {
        Settlement s = new Settlement();
        s.campaignId = rs.getString("campaign_id");
        s.streamerId = rs.getString("streamer_id");
        s.finalGmvFen = rs.getLong("final_gmv_fen");
        s.paidFen = rs.getLong("paid_fen");
        s.refundedFen = rs.getLong("refunded_fen");
        s.qualifyingOrders = rs.getLong("qualifying_orders");
        s.finalTier = rs.getInt("final_tier");
        s.eligible = rs.getBoolean("eligible");
        s.ineligibleReason = rs.getString("ineligible_reason");
        s.instantRewardFen = rs.getLong("instant_reward_fen");
        s.postEventRewardFen = rs.getLong("post_event_reward_fen");
        s.clawbackFen = rs.getLong("clawback_fen");
        s.settledAt = millis(rs, "settled_at");
        return s;
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        Progress p = new Progress();
        p.campaignId = rs.getString("campaign_id");
        p.streamerId = rs.getString("streamer_id");
        p.gmvFen = rs.getLong("gmv_fen");
        p.paidFen = rs.getLong("paid_fen");
        p.refundedFen = rs.getLong("refunded_fen");
        p.qualifyingOrders = rs.getLong("qualifying_orders");
        p.currentTier = rs.getInt("current_tier");
        long next = rs.getLong("next_threshold_fen");
        p.nextThresholdFen = rs.wasNull() ? null : next;
        p.eligible = rs.getBoolean("eligible");
        p.instantTiersGranted = rs.getInt("instant_tiers_granted");
        p.lastEventTime = millis(rs, "last_event_time");
        p.settled = rs.getBoolean("settled");
        return p;
    }

    private static RejectedEvent rejected(ResultSet rs) throws SQLException {
        return new RejectedEvent(
                rs.getString("source"),
                rs.getString("raw"),
                RejectReason.valueOf(rs.getString("reason")),
                rs.getString("detail"),
                millis(rs, "received_at"));
    }

    private static LateEvent late(ResultSet rs) throws SQLException {
        LateEvent l = new LateEvent();
        l.source = rs.getString("source");
        l.type = rs.getString("type");
        l.naturalKey = rs.getString("natural_key");
        l.streamerId = rs.getString("streamer_id");
        l.eventTime = millis(rs, "event_time");
        OffsetDateTime wm = rs.getObject("watermark", OffsetDateTime.class);
        l.watermark = wm == null ? Long.MIN_VALUE : wm.toInstant().toEpochMilli();
        l.handling = LateHandling.valueOf(rs.getString("handling"));
        l.detail = rs.getString("detail");
        return l;
    }
}
