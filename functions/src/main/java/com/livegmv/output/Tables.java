package com.livegmv.output;

import static com.livegmv.output.Table.bigint;
import static com.livegmv.output.Table.bool;
import static com.livegmv.output.Table.integer;
import static com.livegmv.output.Table.nullableBigint;
import static com.livegmv.output.Table.nullableText;
import static com.livegmv.output.Table.nullableTime;
import static com.livegmv.output.Table.text;
import static com.livegmv.output.Table.time;

import com.livegmv.events.RejectedEvent;
import java.util.List;

/** The five output tables of SPEC §9, in the order the docs and the summaries list them. */
public final class Tables {
    private Tables() {}

    public static final Table<Grant> INCENTIVE_GRANT =
            Table.facts(
                    "incentive_grant",
                    List.of("grant_id"),
                    List.of(
                            text("grant_id", Grant::grantId),
                            text("campaign_id", g -> g.campaignId),
                            text("streamer_id", g -> g.streamerId),
                            text("kind", g -> g.kind.name()),
                            integer("tier", g -> g.tier),
                            bigint("reward_fen", g -> g.rewardFen),
                            bigint("gmv_fen", g -> g.gmvFen),
                            time("earned_at", g -> g.earnedAt),
                            text("trigger_type", g -> g.triggerType),
                            text("trigger_id", g -> g.triggerId),
                            time("emitted_at", g -> g.emittedAt)));

    public static final Table<Settlement> CAMPAIGN_SETTLEMENT =
            Table.facts(
                    "campaign_settlement",
                    List.of("campaign_id", "streamer_id"),
                    List.of(
                            text("campaign_id", s -> s.campaignId),
                            text("streamer_id", s -> s.streamerId),
                            bigint("final_gmv_fen", s -> s.finalGmvFen),
                            bigint("paid_fen", s -> s.paidFen),
                            bigint("refunded_fen", s -> s.refundedFen),
                            bigint("qualifying_orders", s -> s.qualifyingOrders),
                            integer("final_tier", s -> s.finalTier),
                            bool("eligible", s -> s.eligible),
                            nullableText("ineligible_reason", s -> s.ineligibleReason),
                            bigint("instant_reward_fen", s -> s.instantRewardFen),
                            bigint("post_event_reward_fen", s -> s.postEventRewardFen),
                            bigint("clawback_fen", s -> s.clawbackFen),
                            time("settled_at", s -> s.settledAt)));

    /** Replaced as the streamer's GMV changes; a settled row is final. */
    public static final Table<Progress> STREAMER_PROGRESS =
            Table.latest(
                    "streamer_progress",
                    List.of("campaign_id", "streamer_id"),
                    List.of(
                            text("campaign_id", p -> p.campaignId),
                            text("streamer_id", p -> p.streamerId),
                            bigint("gmv_fen", p -> p.gmvFen),
                            bigint("paid_fen", p -> p.paidFen),
                            bigint("refunded_fen", p -> p.refundedFen),
                            bigint("qualifying_orders", p -> p.qualifyingOrders),
                            integer("current_tier", p -> p.currentTier),
                            nullableBigint("next_threshold_fen", p -> p.nextThresholdFen),
                            bool("eligible", p -> p.eligible),
                            integer("instant_tiers_granted", p -> p.instantTiersGranted),
                            time("last_event_time", p -> p.lastEventTime),
                            bool("settled", p -> p.settled)),
                    "settled");

    public static final Table<RejectedEvent> REJECTED_EVENT =
            Table.facts(
                    "rejected_event",
                    List.of("source"),
                    List.of(
                            text("source", r -> r.source),
                            text("raw", r -> r.raw),
                            text("reason", r -> r.reason.name()),
                            text("detail", r -> r.detail),
                            time("received_at", r -> r.receivedAt)));

    public static final Table<LateEvent> LATE_EVENT =
            Table.facts(
                    "late_event",
                    List.of("source"),
                    List.of(
                            text("source", l -> l.source),
                            text("type", l -> l.type),
                            text("natural_key", l -> l.naturalKey),
                            text("streamer_id", l -> l.streamerId),
                            time("event_time", l -> l.eventTime),
                            nullableTime("watermark", l -> l.watermark),
                            text("handling", l -> l.handling.name()),
                            nullableText("detail", l -> l.detail)));

    public static final List<Table<?>> ALL =
            List.of(
                    INCENTIVE_GRANT,
                    CAMPAIGN_SETTLEMENT,
                    STREAMER_PROGRESS,
                    REJECTED_EVENT,
                    LATE_EVENT);

    /** The table of this name; the caller knows its row type. */
    @SuppressWarnings("unchecked")
    public static <T> Table<T> named(String name) {
        for (Table<?> t : ALL) {
            if (t.name().equals(name)) {
                return (Table<T>) t;
            }
        }
        throw new IllegalArgumentException("no output table " + name);
    }
}
