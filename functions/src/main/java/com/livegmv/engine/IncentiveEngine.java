package com.livegmv.engine;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.ConfigException;
import com.livegmv.engine.StreamerLedger.Applied;
import com.livegmv.engine.StreamerLedger.Settled;
import com.livegmv.events.Event;
import com.livegmv.metrics.WaitingEvents;
import com.livegmv.output.Grant;
import com.livegmv.output.LateEvent;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The incentive engine, keyed by streamer: the Flink shell around {@link StreamerLedger}. It holds
 * events until the watermark passes them, applies each streamer's due events in SPEC §4 order as
 * one batch, settles campaigns on event-time timers, and emits what the ledger returns.
 *
 * <p>Order: on a watermark W, for each settlement time T up to W, the events before T are applied,
 * then the timers at T settle; then the events up to W. So a campaign settles after every event
 * before its T and before any at or after it. An event at or behind the watermark when it arrives
 * is late: applied at once against the watermark, and recorded in {@code late_event}.
 *
 * <p>State, for RocksDB: waiting events live on the heap and enter state only at a checkpoint. Per
 * streamer, one value holds its campaign aggregates and timer times (read and written once per
 * batch) and one map its remembered ids. An order costs a duplicate check and a put of its id; its
 * session is read once per batch. Operator state holds the waiting events and the campaign slots
 * (campaigns are named by slot, not by plan position).
 *
 * <p>Waiting events are checkpointed as union list state: every subtask reads all of them on
 * restore and keeps those of its key groups, so they follow their streamers through a rescale.
 * Written per key into keyed state instead, each would cost a RocksDB write at every checkpoint and
 * a delete after it, and a restore would have to scan the keys to find them. (Custom raw keyed
 * state is not available: the heap timers of the RocksDB backend use it.)
 */
public class IncentiveEngine extends AbstractStreamOperator<Grant>
        implements OneInputStreamOperator<Event, Grant>,
                Triggerable<String, VoidNamespace>,
                WaitingEvents {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Settlement> SETTLEMENTS =
            new OutputTag<>("campaign_settlement", TypeInformation.of(Settlement.class));
    public static final OutputTag<Progress> PROGRESS =
            new OutputTag<>("streamer_progress", TypeInformation.of(Progress.class));
    public static final OutputTag<LateEvent> LATE =
            new OutputTag<>("late_event", TypeInformation.of(LateEvent.class));

    private final CampaignPlan plan;
    private final boolean liveProgress;

    /** Distinct settlement times, ascending. */
    private final long[] settleTimes;

    private transient CampaignSlots slots;
    private transient StreamerLedger ledger;
    private transient PendingEvents pending;

    /** The last watermark processed (restored with the state, so lateness survives restarts). */
    private transient long watermark;

    private transient ListState<EngineMeta> metaState;
    private transient ListState<Event> pendingState;
    private transient ValueState<StreamerState> streamers;
    private transient KeyedIds ids;
    private transient InternalTimerService<VoidNamespace> timers;

    /**
     * @param liveProgress emit a progress row whenever a streamer's progress changes, at most one
     *     per (campaign, streamer) and batch (the live job); when false, only the final row at
     *     settlement (replay, where only the final state is written)
     */
    public IncentiveEngine(CampaignPlan plan, boolean liveProgress) {
        this.plan = plan;
        this.liveProgress = liveProgress;
        this.settleTimes =
                plan.campaigns().stream()
                        .mapToLong(Campaign::settleAt)
                        .distinct()
                        .sorted()
                        .toArray();
    }

    /** How many events wait for the watermark (the {@code gmv_events_waiting} gauge). */
    @Override
    public long waitingEvents() {
        PendingEvents p = pending;
        return p == null ? 0 : p.size();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        metaState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "engine-meta", TypeInformation.of(EngineMeta.class)));
        pendingState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "pending-events", TypeInformation.of(Event.class)));
        pending = new PendingEvents();
        watermark = Long.MIN_VALUE;
        if (!context.isRestored()) {
            slots = CampaignSlots.fresh(plan);
            return;
        }
        EngineMeta restored = null;
        for (EngineMeta m : metaState.get()) {
            // Every subtask wrote the same slots; the watermarks are equal under aligned
            // checkpoints. The highest one is the safe choice: a settled campaign never reopens.
            if (restored == null || m.watermark > restored.watermark) {
                restored = m;
            }
        }
        if (restored == null) {
            throw refused(
                    "the savepoint holds no engine state of format version 1 (it was written by"
                            + " an earlier build); start without it");
        }
        watermark = restored.watermark;
        try {
            slots = CampaignSlots.restore(plan, restored.slots, watermark);
        } catch (ConfigException e) {
            throw refused(e.getMessage());
        }
        // Union state: every subtask reads every waiting event and keeps those of its key groups.
        TaskInfo task = getRuntimeContext().getTaskInfo();
        int maxParallelism = task.getMaxNumberOfParallelSubtasks();
        KeyGroupRange mine =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        maxParallelism,
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        for (Event e : pendingState.get()) {
            if (mine.contains(
                    KeyGroupRangeAssignment.assignToKeyGroup(e.streamerId, maxParallelism))) {
                pending.add(e);
            }
        }
    }

    /** A restore that must not be retried: the job stops with this one line. */
    private static RuntimeException refused(String message) {
        return new SuppressRestartsException(new ConfigException(message));
    }

    @Override
    public void open() throws Exception {
        super.open();
        streamers =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "streamer", TypeInformation.of(StreamerState.class)));
        MapState<String, IdEntry> idMap =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "ids", Types.STRING, TypeInformation.of(IdEntry.class)));
        ids = new KeyedIds(idMap);
        timers = getInternalTimerService("settlements", VoidNamespaceSerializer.INSTANCE, this);
        ledger = new StreamerLedger(plan, slots);
        WaitingEvents.register(getMetricGroup(), this);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        metaState.update(List.of(new EngineMeta(watermark, slots.toSave())));
        pendingState.update(pending.all());
    }

    @Override
    public void processElement(StreamRecord<Event> record) throws Exception {
        Event e = record.getValue();
        if (e.eventTime > watermark) {
            pending.add(e);
            return;
        }
        // Late: applied at once; its campaigns may have settled, which the watermark tells.
        StreamerState st = load();
        long[] wakeTimes = st.wakeTimes;
        Applied a = ledger.apply(st, ids, e, watermark);
        emit(a.grants(), e.eventTime);
        late(e, a, watermark);
        save(e.streamerId, st, wakeTimes, a.progressed(), e.eventTime);
    }

    /**
     * Applies what the watermark releases, settling at each settlement time on the way (see the
     * class comment), then passes the watermark on.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        if (w > watermark) {
            for (long t : settleTimes) {
                if (t > watermark && t <= w) {
                    pending.drain(t - 1, (streamer, events) -> applyBatch(streamer, events, w));
                    timeServiceManager.advanceWatermark(new Watermark(t));
                }
            }
            pending.drain(w, (streamer, events) -> applyBatch(streamer, events, w));
            watermark = w;
            timeServiceManager.advanceWatermark(mark);
        }
        output.emitWatermark(mark);
    }

    /** One streamer's due events, in order: its state is read once and written once. */
    private void applyBatch(String streamer, List<Event> events, long w) throws Exception {
        setCurrentKey(streamer);
        StreamerState st = load();
        long[] wakeTimes = st.wakeTimes;
        long progressed = 0;
        for (Event e : events) {
            Applied a = ledger.apply(st, ids, e, e.eventTime);
            emit(a.grants(), e.eventTime);
            if (a.note().recordedOnTime) {
                late(e, a, w);
            }
            progressed |= a.progressed();
        }
        save(streamer, st, wakeTimes, progressed, events.get(events.size() - 1).eventTime);
    }

    /** A timer at a settlement time: settles the current streamer's campaigns of that time. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String streamer = timer.getKey();
        long t = timer.getTimestamp();
        StreamerState st = load();
        Settled s = ledger.settle(streamer, st, ids, t);
        emit(s.grants(), t);
        for (Settlement row : s.settlements()) {
            output.collect(SETTLEMENTS, new StreamRecord<>(row, t));
        }
        for (Progress row : s.rows()) {
            output.collect(PROGRESS, new StreamRecord<>(row, t));
        }
        save(streamer, st, st.wakeTimes, 0, t);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /** The current streamer's state, or a new empty one. */
    private StreamerState load() throws Exception {
        ids.begin();
        StreamerState st = streamers.value();
        return st == null ? new StreamerState() : st;
    }

    /**
     * Writes the current streamer's state back, registers a timer at each new wake time, and emits
     * the progress rows that changed.
     *
     * @param wakeTimesBefore the wake times when the state was loaded
     */
    private void save(
            String streamer, StreamerState st, long[] wakeTimesBefore, long progressed, long time)
            throws Exception {
        if (st.isEmpty()) {
            streamers.clear();
        } else {
            streamers.update(st);
        }
        if (st.wakeTimes != wakeTimesBefore) {
            // Wake times are only added between loads, each in a new array.
            for (long t : st.wakeTimes) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t);
            }
        }
        if (!liveProgress) {
            return;
        }
        for (long bits = progressed; bits != 0; bits &= bits - 1) {
            Progress row = ledger.progress(st, Long.numberOfTrailingZeros(bits), streamer);
            if (row != null) {
                output.collect(PROGRESS, new StreamRecord<>(row, time));
            }
        }
    }

    /** Every grant leaves the engine here. */
    private void emit(List<Grant> grants, long time) {
        if (grants.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Grant g : grants) {
            g.emittedAt = now;
            output.collect(new StreamRecord<>(g, time));
        }
    }

    /** Every late_event row leaves the engine here. */
    private void late(Event e, Applied a, long watermark) {
        LateEvent row = new LateEvent();
        row.source = e.source();
        row.type = e.type.name();
        row.naturalKey = e.key;
        row.streamerId = e.streamerId;
        row.eventTime = e.eventTime;
        row.watermark = watermark;
        row.handling = a.handling();
        row.detail = a.detail();
        output.collect(LATE, new StreamRecord<>(row, e.eventTime));
    }
}
