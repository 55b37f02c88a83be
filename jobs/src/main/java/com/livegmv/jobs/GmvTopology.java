package com.livegmv.jobs;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.engine.IncentiveEngine;
import com.livegmv.events.Event;
import com.livegmv.events.ParsedRecord;
import com.livegmv.output.Grant;
import com.livegmv.output.LateEvent;
import com.livegmv.output.Progress;
import com.livegmv.output.RejectedEvent;
import com.livegmv.output.Settlement;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one topology every entry point runs (replay, the Kafka job, the demo, the benchmarks and the
 * tests): decoded records in, the five SPEC §9 outputs out. Entry points only choose the source and
 * the sinks.
 */
public final class GmvTopology {
    public static final OutputTag<RejectedEvent> REJECTED =
            new OutputTag<>("rejected_event", TypeInformation.of(RejectedEvent.class));

    /** Accumulator: how many records were valid events. */
    public static final String ACCEPTED_EVENTS = "accepted-events";

    private GmvTopology() {}

    /** The five outputs of one run. */
    public record Outputs(
            DataStream<Grant> grants,
            DataStream<Settlement> settlements,
            DataStream<Progress> progress,
            DataStream<RejectedEvent> rejected,
            DataStream<LateEvent> late) {}

    /**
     * Watermarks from event time with a bounded out-of-orderness; rejected records carry no event
     * time and never move them. Applied at the source, so Kafka gets one per partition.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(
            Duration maxOutOfOrderness, Duration idleness) {
        WatermarkStrategy<ParsedRecord> s =
                WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((r, previous) -> r.timestamp());
        return idleness == null ? s : s.withIdleness(idleness);
    }

    /**
     * @param records decoded records with timestamps and watermarks assigned
     * @param liveProgress a progress row per change (live job) or only the final one (replay)
     */
    public static Outputs build(
            DataStream<ParsedRecord> records, CampaignPlan plan, boolean liveProgress) {
        SingleOutputStreamOperator<Event> events =
                records.process(new SplitRejected())
                        .uid("split-rejected")
                        .name("Split rejected records");
        SingleOutputStreamOperator<Grant> grants =
                events.keyBy(new ByStreamer())
                        .process(new IncentiveEngine(plan, liveProgress))
                        .uid("incentive-engine")
                        .name("Incentive engine");
        return new Outputs(
                grants,
                grants.getSideOutput(IncentiveEngine.SETTLEMENTS),
                grants.getSideOutput(IncentiveEngine.PROGRESS),
                events.getSideOutput(REJECTED),
                grants.getSideOutput(IncentiveEngine.LATE));
    }

    /** Valid events go on; rejected ones to their side output; blank file lines vanish. */
    static final class SplitRejected extends ProcessFunction<ParsedRecord, Event> {
        private transient LongCounter accepted;

        @Override
        public void open(OpenContext openContext) {
            accepted = getRuntimeContext().getLongCounter(ACCEPTED_EVENTS);
        }

        @Override
        public void processElement(ParsedRecord r, Context ctx, Collector<Event> out) {
            if (r.event != null) {
                accepted.add(1L);
                out.collect(r.event);
            } else if (r.rejected != null) {
                ctx.output(REJECTED, r.rejected);
            }
        }
    }

    static final class ByStreamer implements KeySelector<Event, String> {
        @Override
        public String getKey(Event e) {
            return e.streamerId;
        }
    }
}
