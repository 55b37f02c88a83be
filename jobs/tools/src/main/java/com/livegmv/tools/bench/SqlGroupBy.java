package com.livegmv.tools.bench;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.ParsedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The "sql-groupby-rocksdb" peer of {@code gmv bench}: the Flink SQL a user writes for a running
 * GMV, in the shape of Nexmark q17 (an unbounded {@code GROUP BY} sum). It is the floor the engine
 * is compared with: it does far less (the rows of {@link SqlCumulate}, nothing of the engine's
 * rules beyond the event window, no event-time order, no grants or settlement).
 *
 * <p>The query, one {@code UNION ALL} branch per campaign of the plan:
 *
 * <pre>{@code
 * SELECT campaign_id, streamer_id, gmv_fen,
 *        CASE WHEN campaign_id = 'c' AND gmv_fen >= t2 THEN 2
 *             WHEN campaign_id = 'c' AND gmv_fen >= t1 THEN 1 ... ELSE 0 END AS tier
 * FROM (SELECT campaign_id, streamer_id, SUM(amount_fen) AS gmv_fen
 *       FROM (SELECT 'c' AS campaign_id, streamer_id, amount_fen FROM orders
 *              WHERE event_time >= start AND event_time < end
 *             UNION ALL ...)
 *       GROUP BY campaign_id, streamer_id)
 * }</pre>
 *
 * It runs with {@link SqlCumulate#tableEnvironment}'s settings (mini-batch, two-phase aggregation)
 * and the caller's state backend, into a {@code blackhole} sink.
 */
public final class SqlGroupBy {
    static final String ORDERS = "sql_groupby_orders";
    static final String SINK = "sql_groupby_sink";

    private SqlGroupBy() {}

    /** Adds the query to env's job, into a blackhole sink (run by the caller's execute()). */
    public static void build(
            StreamExecutionEnvironment env, DataStream<ParsedRecord> records, CampaignPlan plan) {
        StreamTableEnvironment tEnv = SqlCumulate.tableEnvironment(env);
        Table result = table(tEnv, records, plan);
        tEnv.executeSql(
                "CREATE TEMPORARY TABLE "
                        + SINK
                        + " (campaign_id STRING, streamer_id STRING, gmv_fen BIGINT, tier INT)"
                        + " WITH ('connector' = 'blackhole')");
        tEnv.createStatementSet().addInsert(SINK, result).attachAsDataStream();
    }

    /**
     * The query's updating result (campaign_id, streamer_id, gmv_fen, tier), registered in tEnv.
     */
    static Table table(
            StreamTableEnvironment tEnv, DataStream<ParsedRecord> records, CampaignPlan plan) {
        if (plan.size() == 0) {
            throw new IllegalArgumentException("sql-groupby needs at least one campaign");
        }
        tEnv.createTemporaryView(ORDERS, SqlCumulate.orderRows(records, "sql-groupby-orders"));
        return tEnv.sqlQuery(query(plan));
    }

    static String query(CampaignPlan plan) {
        List<String> branches = new ArrayList<>();
        StringBuilder tier = new StringBuilder("CASE");
        for (Campaign c : plan.campaigns()) {
            String id = SqlCumulate.stringLiteral(c.id());
            branches.add(
                    "SELECT "
                            + id
                            + " AS campaign_id, streamer_id, amount_fen FROM "
                            + ORDERS
                            + " WHERE event_time >= "
                            + c.eventStart()
                            + " AND event_time < "
                            + c.eventEnd());
            for (int level = c.ladder().size(); level >= 1; level--) {
                tier.append(" WHEN campaign_id = ")
                        .append(id)
                        .append(" AND gmv_fen >= ")
                        .append(c.ladder().tier(level).thresholdFen())
                        .append(" THEN ")
                        .append(level);
            }
        }
        tier.append(" ELSE 0 END");
        return "SELECT campaign_id, streamer_id, gmv_fen, "
                + tier
                + " AS tier\nFROM (SELECT campaign_id, streamer_id, SUM(amount_fen) AS gmv_fen\n"
                + "FROM ("
                + String.join("\nUNION ALL\n", branches)
                + ")\nGROUP BY campaign_id, streamer_id)";
    }
}
