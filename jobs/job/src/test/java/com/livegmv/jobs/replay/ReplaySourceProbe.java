package com.livegmv.jobs.replay;

import com.livegmv.events.ParsedRecord;
import com.livegmv.events.RecordDecoder;
import com.livegmv.jobs.JobSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.IntMaximum;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Measures the replay source on its own (not a test): how fast it reads and decodes, and how many
 * events an engine keyed by streamer would hold waiting for the watermark at most (the events that
 * arrive ahead of the watermark and have not been passed by it yet), and how many arrive late.
 *
 * <pre>
 * java -cp "$(cat cp.txt):jobs/job/target/classes:jobs/job/target/test-classes:functions/target/classes" \
 *   com.livegmv.jobs.replay.ReplaySourceProbe PARALLELISM FILE...
 * </pre>
 */
public final class ReplaySourceProbe {
    private ReplaySourceProbe() {}

    public static void main(String[] args) throws Exception {
        int parallelism = Integer.parseInt(args[0]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        long planStart = System.nanoTime();
        SplitPlanner.Plan plan = SplitPlanner.plan(inputs, parallelism, 0);
        long planMillis = (System.nanoTime() - planStart) / 1_000_000;
        Configuration conf = JobSetup.base(parallelism, Duration.ofSeconds(10));
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, ReplayJob.WATERMARK_INTERVAL);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Duration bound = Duration.ofSeconds(2);
        DataStream<ParsedRecord> records =
                env.fromSource(
                                new ReplaySource(
                                        plan.splits(),
                                        bound,
                                        new RecordDecoder(Duration.ofHours(1))),
                                ReplaySource.watermarks(bound, plan.maxDrift()),
                                "Event files")
                        .uid("source-files");
        records.filter(r -> r.event != null)
                .uid("events")
                .map(r -> r.event.streamerId + "\u0000" + r.event.eventTime)
                .uid("key-time")
                .keyBy(s -> s.substring(0, s.indexOf('\u0000')))
                .transform("buffer gauge", Types.VOID, new BufferGauge())
                .uid("gauge");
        long start = System.nanoTime();
        JobExecutionResult r = env.execute("replay source probe");
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = r.<Long>getAccumulatorResult("events");
        System.out.printf(
                "plan: %d splits of %d files, drift %s, %,d bytes, %,d lines in %d ms (%.0f MB/s)%n",
                plan.splits().size(),
                plan.files().size(),
                plan.maxDrift(),
                plan.bytes(),
                plan.lines(),
                planMillis,
                plan.bytes() / 1e6 / Math.max(planMillis / 1000.0, 0.001));
        System.out.printf(
                "read: %,d events in %.1f s (job, start-up included): %,.0f events/s; peak buffered"
                        + " per subtask %,d (sum of peaks %,d); late %,d%n",
                events,
                seconds,
                events / seconds,
                r.<Integer>getAccumulatorResult("peak-max"),
                r.<Long>getAccumulatorResult("peak-sum"),
                r.<Long>getAccumulatorResult("late"));
    }

    /** Holds each event's time until the watermark passes it, as the engine holds events. */
    static final class BufferGauge extends AbstractStreamOperator<Void>
            implements OneInputStreamOperator<String, Void> {
        private transient PriorityQueue<Long> waiting;
        private transient long watermark;
        private transient int peak;
        private transient long late, events;

        @Override
        public void open() throws Exception {
            super.open();
            waiting = new PriorityQueue<>();
            watermark = Long.MIN_VALUE;
        }

        @Override
        public void processElement(StreamRecord<String> r) {
            String v = r.getValue();
            long t = Long.parseLong(v.substring(v.indexOf('\u0000') + 1));
            events++;
            if (t <= watermark) {
                late++;
            } else {
                waiting.add(t);
                peak = Math.max(peak, waiting.size());
            }
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            watermark = mark.getTimestamp();
            while (!waiting.isEmpty() && waiting.peek() <= watermark) {
                waiting.poll();
            }
            super.processWatermark(mark);
        }

        @Override
        public void close() throws Exception {
            getRuntimeContext().addAccumulator("peak-max", new IntMaximum(peak));
            LongCounter sum = new LongCounter(peak);
            getRuntimeContext().addAccumulator("peak-sum", sum);
            getRuntimeContext().addAccumulator("late", new LongCounter(late));
            getRuntimeContext().addAccumulator("events", new LongCounter(events));
            super.close();
        }
    }
}
