package com.livegmv.jobs;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.engine.IncentiveEngine;
import com.livegmv.events.Event;
import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RejectedEvent;
import com.livegmv.jobs.metrics.GrantMetrics;
import com.livegmv.jobs.metrics.LateEventMetrics;
import com.livegmv.metrics.GmvMetric;
import com.livegmv.output.Grant;
import com.livegmv.output.LateEvent;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.clock.RelativeClock;

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
     *
     * @param idleness null: never idle (files). Otherwise a partition without events for this long
     *     stops holding the watermark back; with {@code onlyEmpty}, only a partition that has never
     *     delivered an event can become idle.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(
            Duration maxOutOfOrderness, Duration idleness, boolean onlyEmpty) {
        WatermarkStrategy<ParsedRecord> s =
                WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((r, previous) -> r.timestamp());
        if (idleness == null) {
            return s;
        }
        if (onlyEmpty) {
            long idleMillis = idleness.toMillis();
            return WatermarkStrategy.<ParsedRecord>forGenerator(
                            ctx ->
                                    new IdleWhileEmpty(
                                            s.createWatermarkGenerator(ctx),
                                            idleMillis,
                                            ctx.getInputActivityClock()))
                    .withTimestampAssigner((r, previous) -> r.timestamp());
        }
        return s.withIdleness(idleness);
    }

    /**
     * A partition that has had no event for the idleness period since the job started is idle; one
     * that has delivered an event never is. So an empty partition does not hold the watermark back,
     * and at a drain (stop --drain, which settles every campaign) no source with data is idle:
     * Flink 2.2 drops the final watermark of a source whose output is idle at that moment
     * (FLINK-40499).
     *
     * <p>The period is counted on the source's input activity clock, as Flink's own idleness does:
     * it stands still while the source task is back-pressured or waits for watermark alignment.
     * After a restore every partition starts unseen again, and a job catching up on its backlog is
     * back-pressured; on the wall clock a partition whose first records were still queued behind
     * other partitions' could go idle, and the watermark pass it, so that its events came in late.
     */
    static final class IdleWhileEmpty implements WatermarkGenerator<ParsedRecord> {
        private final WatermarkGenerator<ParsedRecord> inner;
        private final long idleMillis;
        private final RelativeClock clock;
        private long firstEmit = -1;
        private boolean seen;

        IdleWhileEmpty(
                WatermarkGenerator<ParsedRecord> inner, long idleMillis, RelativeClock clock) {
            this.inner = inner;
            this.idleMillis = idleMillis;
            this.clock = clock;
        }

        @Override
        public void onEvent(ParsedRecord r, long timestamp, WatermarkOutput output) {
            seen |= r.event != null || r.heartbeat != Long.MIN_VALUE;
            inner.onEvent(r, timestamp, output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!seen) {
                long now = clock.relativeTimeMillis();
                if (firstEmit < 0) {
                    firstEmit = now;
                }
                if (now - firstEmit >= idleMillis) {
                    output.markIdle();
                    return;
                }
            }
            inner.onPeriodicEmit(output);
        }
    }

    /**
     * @param records decoded records with timestamps and watermarks assigned
     * @param liveProgress a progress row per change (live job) or only the final one (replay)
     */
    public static Outputs build(
            DataStream<ParsedRecord> records, CampaignPlan plan, boolean liveProgress) {
        return build(records, plan, liveProgress, 0);
    }

    /**
     * @param injectFailures fail on purpose this many times, spread over the plan's event time (see
     *     {@link FailureInjector}); 0 in production
     */
    public static Outputs build(
            DataStream<ParsedRecord> records,
            CampaignPlan plan,
            boolean liveProgress,
            int injectFailures) {
        SingleOutputStreamOperator<Event> events =
                records.process(new SplitRejected())
                        .uid("split-rejected")
                        .name("Split rejected records");
        DataStream<Event> checked = events;
        if (injectFailures > 0) {
            checked =
                    events.process(
                                    new FailureInjector(
                                            injectFailures,
                                            plan.firstEventStart(),
                                            plan.lastEventEnd()))
                            .uid("failure-injector")
                            .name("Failure injector");
        }
        SingleOutputStreamOperator<Grant> engine =
                checked.keyBy(new ByStreamer())
                        .transform(
                                "Incentive engine",
                                TypeInformation.of(Grant.class),
                                new IncentiveEngine(plan, liveProgress))
                        .uid("incentive-engine");
        // The grants and late rows are counted on their way out of the engine, not inside it.
        DataStream<Grant> grants =
                engine.transform("Grant metrics", engine.getType(), new GrantMetrics())
                        .uid("metrics-grants");
        DataStream<LateEvent> lateRows = engine.getSideOutput(IncentiveEngine.LATE);
        DataStream<LateEvent> late =
                lateRows.transform("Late event metrics", lateRows.getType(), new LateEventMetrics())
                        .uid("metrics-late-events");
        return new Outputs(
                grants,
                engine.getSideOutput(IncentiveEngine.SETTLEMENTS),
                engine.getSideOutput(IncentiveEngine.PROGRESS),
                events.getSideOutput(REJECTED),
                late);
    }

    /**
     * Valid events go on; rejected ones to their side output; blank file lines vanish. Counts both,
     * by type and by reason ({@link GmvMetric}).
     */
    static final class SplitRejected extends ProcessFunction<ParsedRecord, Event> {
        private transient LongCounter accepted;
        private transient Counter[] acceptedByType;
        private transient Counter[] rejectedByReason;

        @Override
        public void open(OpenContext openContext) {
            accepted = getRuntimeContext().getLongCounter(ACCEPTED_EVENTS);
            MetricGroup metrics = getRuntimeContext().getMetricGroup();
            acceptedByType = GmvMetric.EVENTS_ACCEPTED.counters(metrics);
            rejectedByReason = GmvMetric.EVENTS_REJECTED.counters(metrics);
        }

        @Override
        public void processElement(ParsedRecord r, Context ctx, Collector<Event> out) {
            if (r.event != null) {
                accepted.add(1L);
                acceptedByType[r.event.type.ordinal()].inc();
                out.collect(r.event);
            } else if (r.rejected != null) {
                rejectedByReason[r.rejected.reason.ordinal()].inc();
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
