package com.livegmv.tools.bench;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.Event;
import com.livegmv.events.EventType;
import com.livegmv.events.ParsedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.AggregatePhaseStrategy;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.OptimizerConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * The "sql-cumulate" baseline of {@code gmv bench}: the Flink SQL a user would write instead of our
 * engine. Per campaign, a {@code CUMULATE} window (1-minute step, one window spanning the
 * campaign's event window) sums the GMV of each streamer; the campaigns are unioned.
 *
 * <p>What it computes, deliberately simple: an {@code ORDER_PAID} without risk flags adds its
 * amount, an {@code ORDER_REFUNDED} subtracts its amount, each in the minute of its own event time
 * and only when that time is inside the campaign's event window. None of the engine's rules beyond
 * that: no registration, preview or session checks, no de-duplication, refunds are not capped by
 * nor tied to their order, refunds after the event window (during the settlement grace) are
 * ignored, and events behind the watermark are dropped by the window operator.
 *
 * <p>The query, per campaign {@code c} with event window {@code [start, end)}:
 *
 * <pre>{@code
 * CREATE TEMPORARY VIEW orders_c AS
 *   SELECT * FROM orders WHERE event_time >= start AND event_time < end;
 * SELECT 'c' AS campaign_id, streamer_id, window_start, window_end,
 *        SUM(amount_fen) AS gmv_fen, COUNT(*) AS events
 *   FROM TABLE(CUMULATE(TABLE orders_c, DESCRIPTOR(rowtime),
 *                       INTERVAL '1' MINUTE, <size>, <offset>))
 *  GROUP BY window_start, window_end, streamer_id
 * }</pre>
 *
 * CUMULATE windows are aligned to multiples of their size, so {@code size} is the event window
 * rounded up to whole minutes and {@code offset} ({@code start} modulo {@code size}) makes the one
 * window that matters start exactly at {@code start}. The session time zone is UTC, so this
 * alignment is in epoch millis (for a {@code TIMESTAMP_LTZ} rowtime Flink aligns windows in the
 * session time zone), and {@code window_start}/{@code window_end} are UTC {@code TIMESTAMP(3)}.
 *
 * <p>A cumulative window emits, for every streamer with a row in it, one result per step until its
 * end: {@code (window_start, window_end)} is the GMV of {@code [start, window_end)}.
 */
public final class SqlCumulate {
    /** The cumulate step: one result per streamer and minute. */
    public static final Duration STEP = Duration.ofMinutes(1);

    /** The result's columns, in order. */
    public static final List<String> COLUMNS =
            List.of(
                    "campaign_id",
                    "streamer_id",
                    "window_start",
                    "window_end",
                    "gmv_fen",
                    "events");

    static final String ORDERS = "sql_cumulate_orders";
    static final String SINK = "sql_cumulate_sink";

    /** The orders and refunds handed to the planner: a named row type, never Kryo. */
    static final TypeInformation<Row> ORDER_ROW =
            Types.ROW_NAMED(
                    new String[] {"streamer_id", "amount_fen", "event_time"},
                    Types.STRING,
                    Types.LONG,
                    Types.LONG);

    private SqlCumulate() {}

    /**
     * Adds the baseline to env: orders from records -> cumulative GMV per (campaign, streamer) with
     * a CUMULATE window (1-minute step, campaign-long size), mini-batch on, into a {@code
     * blackhole} sink. Runs with the caller's {@code env.execute()}, in the same job.
     *
     * @param records decoded records with timestamps and watermarks assigned
     */
    public static void build(
            StreamExecutionEnvironment env, DataStream<ParsedRecord> records, CampaignPlan plan) {
        StreamTableEnvironment tEnv = tableEnvironment(env);
        Table result = cumulativeTable(tEnv, records, plan);
        tEnv.executeSql(
                "CREATE TEMPORARY TABLE "
                        + SINK
                        + " (campaign_id STRING, streamer_id STRING, window_start TIMESTAMP(3),"
                        + " window_end TIMESTAMP(3), gmv_fen BIGINT, events BIGINT)"
                        + " WITH ('connector' = 'blackhole')");
        // Translates into env's transformations; no job is submitted here (unlike executeInsert).
        tEnv.createStatementSet().addInsert(SINK, result).attachAsDataStream();
    }

    /**
     * A table environment on env with the settings a user tuning this query would choose. What they
     * do to the plan (checked with {@code Table#explain} on Flink 2.2.1):
     *
     * <ul>
     *   <li>Mini-batch on (allow-latency 1 s, size 5000). For window aggregates the planner adds a
     *       row-time {@code MiniBatchAssigner} after the source, which forwards a watermark only
     *       once per second of event time, so the local window aggregate flushes its buffer at most
     *       that often. The size does not apply here: window aggregates buffer in managed memory
     *       and flush on watermarks (it applies to non-window group aggregates).
     *   <li>{@code TWO_PHASE} aggregation: a local window aggregate before the shuffle by streamer
     *       and a global one after it, so a hot streamer sends one partial sum per slice instead of
     *       every order. The planner already picks this plan by default ({@code AUTO}, SUM and
     *       COUNT merge), with or without mini-batch; set explicitly so the baseline does not
     *       depend on that choice.
     *   <li>UTC session time zone: window alignment in epoch millis (see the class comment).
     *   <li>{@code table.exec.uid.generation = ALWAYS}: GMV jobs run with {@code
     *       pipeline.auto-generate-uids = false}, which fails the job graph for any transformation
     *       without a uid, and by default ({@code PLAN_ONLY}) the planner sets uids only for
     *       compiled plans: the job then fails with "Auto generated UIDs have been disabled but no
     *       UID or hash has been assigned to operator sql_cumulate_orders[..]". With {@code ALWAYS}
     *       it names each of its transformations {@code <id>_<transformation>} (e.g. {@code
     *       4_local-window-aggregate}); the id is a JVM-wide counter of exec nodes, so the uids are
     *       unique but not stable across JVMs or query changes. Fine for a benchmark that never
     *       restores a savepoint.
     * </ul>
     */
    public static StreamTableEnvironment tableEnvironment(StreamExecutionEnvironment env) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        Configuration conf = tEnv.getConfig().getConfiguration();
        conf.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ENABLED, true);
        conf.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ALLOW_LATENCY, Duration.ofSeconds(1));
        conf.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_SIZE, 5000L);
        conf.set(
                OptimizerConfigOptions.TABLE_OPTIMIZER_AGG_PHASE_STRATEGY,
                AggregatePhaseStrategy.TWO_PHASE);
        conf.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
        conf.set(
                ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION,
                ExecutionConfigOptions.UidGeneration.ALWAYS);
        return tEnv;
    }

    /**
     * The baseline's result rows (see {@link #COLUMNS}), insert-only.
     *
     * @param tEnv from {@link #tableEnvironment}
     */
    public static DataStream<Row> cumulative(
            StreamTableEnvironment tEnv, DataStream<ParsedRecord> records, CampaignPlan plan) {
        return tEnv.toDataStream(cumulativeTable(tEnv, records, plan));
    }

    /** The baseline's query over records, registered in tEnv. */
    static Table cumulativeTable(
            StreamTableEnvironment tEnv, DataStream<ParsedRecord> records, CampaignPlan plan) {
        if (plan.size() == 0) {
            throw new IllegalArgumentException("sql-cumulate needs at least one campaign");
        }
        DataStream<Row> orders = orderRows(records, "sql-cumulate-orders");
        // The rowtime is the stream record's timestamp, and the watermarks are the stream's own.
        tEnv.createTemporaryView(
                ORDERS,
                orders,
                Schema.newBuilder()
                        .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                        .watermark("rowtime", "SOURCE_WATERMARK()")
                        .build());
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Campaign c = plan.get(i);
            String view = ORDERS + "_" + i;
            tEnv.createTemporaryView(
                    view,
                    tEnv.sqlQuery(
                            "SELECT * FROM "
                                    + ORDERS
                                    + " WHERE event_time >= "
                                    + c.eventStart()
                                    + " AND event_time < "
                                    + c.eventEnd()));
            selects.add(campaignQuery(c, view));
        }
        return tEnv.sqlQuery(String.join("\nUNION ALL\n", selects));
    }

    /** Paid orders and refunds (negative) of records as {@link #ORDER_ROW} rows. */
    static DataStream<Row> orderRows(DataStream<ParsedRecord> records, String uid) {
        return records.flatMap(new ToOrderRow())
                .returns(ORDER_ROW)
                .uid(uid)
                .name("Orders and refunds as rows");
    }

    /** The cumulative GMV of one campaign over its filtered view. */
    static String campaignQuery(Campaign c, String view) {
        long step = STEP.toMillis();
        long length = c.eventEnd() - c.eventStart();
        long size = Math.max(1, (length + step - 1) / step) * step;
        long offset = Math.floorMod(c.eventStart(), size);
        return "SELECT "
                + stringLiteral(c.id())
                + " AS campaign_id, streamer_id, window_start, window_end,"
                + " SUM(amount_fen) AS gmv_fen, COUNT(*) AS events\n"
                + "FROM TABLE(CUMULATE(TABLE "
                + view
                + ", DESCRIPTOR(rowtime), "
                + interval(step)
                + ", "
                + interval(size)
                + ", "
                + interval(offset)
                + "))\n"
                + "GROUP BY window_start, window_end, streamer_id";
    }

    /** A day-to-second interval literal of a non-negative number of millis. */
    static String interval(long millis) {
        long days = millis / 86_400_000L;
        long rest = millis % 86_400_000L;
        return String.format(
                "INTERVAL '%d %02d:%02d:%02d.%03d' DAY(6) TO SECOND(3)",
                days, rest / 3_600_000L, rest / 60_000L % 60, rest / 1000L % 60, rest % 1000L);
    }

    static String stringLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * A paid order without risk flags as its amount, a refund as minus its amount; nothing else. A
     * new row each time: object reuse is on.
     */
    static final class ToOrderRow implements FlatMapFunction<ParsedRecord, Row> {
        @Override
        public void flatMap(ParsedRecord r, Collector<Row> out) {
            Event e = r.event;
            if (e == null) {
                return;
            }
            if (e.type == EventType.ORDER_PAID && !e.risky) {
                out.collect(Row.of(e.streamerId, e.amountFen, e.eventTime));
            } else if (e.type == EventType.ORDER_REFUNDED) {
                out.collect(Row.of(e.streamerId, -e.amountFen, e.eventTime));
            }
        }
    }
}
