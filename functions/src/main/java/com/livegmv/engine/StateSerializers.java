package com.livegmv.engine;

import com.livegmv.serde.FieldSerializer;
import com.livegmv.serde.Strings;
import com.livegmv.serde.VarInts;
import com.livegmv.serde.VersionedSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The engine's state format: amounts, counts, masks and times as variable-length integers (most are
 * small), no reflection, no per-field null markers. Each serializer writes its newest format
 * version and reads every version it ever wrote (see {@link FieldSerializer}): a new field means a
 * new version number and a read branch, never a changed branch.
 */
public final class StateSerializers {
    private StateSerializers() {}

    /**
     * Version 1: campaign count, then per campaign slot | flags | paid | refunded | orders |
     * instant mask | instant reward | last event time; then wake-time count, the first wake time
     * and the gaps between the others.
     */
    public static final class StreamerStateSerializer extends FieldSerializer<StreamerState> {
        private static final long serialVersionUID = 1L;

        /** Writes format 1, the newest. */
        public static final StreamerStateSerializer INSTANCE = new StreamerStateSerializer(1);

        private StreamerStateSerializer(int version) {
            super(version, StreamerStateSnapshot.class);
        }

        @Override
        protected StreamerState newInstance() {
            return new StreamerState();
        }

        @Override
        protected StreamerState copyFields(StreamerState f, StreamerState t) {
            t.campaigns.clear();
            for (CampaignState c : f.campaigns) {
                t.campaigns.add(copy(c));
            }
            t.wakeTimes = f.wakeTimes.clone();
            return t;
        }

        private static CampaignState copy(CampaignState f) {
            CampaignState t = new CampaignState(f.slot);
            t.flags = f.flags;
            t.paidFen = f.paidFen;
            t.refundedFen = f.refundedFen;
            t.qualifyingOrders = f.qualifyingOrders;
            t.instantMask = f.instantMask;
            t.instantRewardFen = f.instantRewardFen;
            t.lastEventTime = f.lastEventTime;
            return t;
        }

        @Override
        public void serialize(StreamerState s, DataOutputView out) throws IOException {
            VarInts.writeLong(s.campaigns.size(), out);
            for (CampaignState c : s.campaigns) {
                VarInts.writeLong(c.slot, out);
                VarInts.writeLong(c.flags, out);
                VarInts.writeLong(c.paidFen, out);
                VarInts.writeLong(c.refundedFen, out);
                VarInts.writeLong(c.qualifyingOrders, out);
                VarInts.writeLong(c.instantMask, out);
                VarInts.writeLong(c.instantRewardFen, out);
                VarInts.writeLong(c.lastEventTime, out);
            }
            VarInts.writeLong(s.wakeTimes.length, out);
            long previous = 0;
            for (long t : s.wakeTimes) {
                VarInts.writeLong(t - previous, out);
                previous = t;
            }
        }

        @Override
        protected StreamerState read(StreamerState s, DataInputView in) throws IOException {
            if (version != 1) {
                throw unknownVersion();
            }
            s.campaigns.clear();
            int n = (int) VarInts.readLong(in);
            for (int i = 0; i < n; i++) {
                CampaignState c = new CampaignState((int) VarInts.readLong(in));
                c.flags = (int) VarInts.readLong(in);
                c.paidFen = VarInts.readLong(in);
                c.refundedFen = VarInts.readLong(in);
                c.qualifyingOrders = VarInts.readLong(in);
                c.instantMask = VarInts.readLong(in);
                c.instantRewardFen = VarInts.readLong(in);
                c.lastEventTime = VarInts.readLong(in);
                s.campaigns.add(c);
            }
            long[] wake = new long[(int) VarInts.readLong(in)];
            long previous = 0;
            for (int i = 0; i < wake.length; i++) {
                previous += VarInts.readLong(in);
                wake[i] = previous;
            }
            s.wakeTimes = wake;
            return s;
        }
    }

    /** Also the {@code @TypeInfo} of {@link StreamerState}. */
    public static final class StreamerStateSnapshot extends VersionedSnapshot<StreamerState> {
        public StreamerStateSnapshot() {
            super(
                    StreamerState.class,
                    StreamerStateSerializer.INSTANCE,
                    StreamerStateSerializer::new);
        }
    }

    /**
     * Version 1: kind ordinal (a byte) | expires at; then for an order amount | refunded | counted
     * slots, for a session a byte (1: with goods) and the category.
     */
    public static final class IdEntrySerializer extends FieldSerializer<IdEntry> {
        private static final long serialVersionUID = 1L;

        /** Writes format 1, the newest. */
        public static final IdEntrySerializer INSTANCE = new IdEntrySerializer(1);

        private static final IdKind[] KINDS = IdKind.values();

        private IdEntrySerializer(int version) {
            super(version, IdEntrySnapshot.class);
        }

        @Override
        protected IdEntry newInstance() {
            return new IdEntry();
        }

        @Override
        protected IdEntry copyFields(IdEntry f, IdEntry t) {
            t.kind = f.kind;
            t.expiresAt = f.expiresAt;
            t.amountFen = f.amountFen;
            t.refundedFen = f.refundedFen;
            t.counted = f.counted;
            t.category = f.category;
            t.withGoods = f.withGoods;
            return t;
        }

        @Override
        public void serialize(IdEntry e, DataOutputView out) throws IOException {
            out.writeByte(e.kind.ordinal());
            VarInts.writeLong(e.expiresAt, out);
            if (e.kind == IdKind.ORDER) {
                VarInts.writeLong(e.amountFen, out);
                VarInts.writeLong(e.refundedFen, out);
                VarInts.writeLong(e.counted, out);
            } else if (e.kind == IdKind.SESSION) {
                out.writeByte(e.withGoods ? 1 : 0);
                Strings.write(e.category, out);
            }
        }

        @Override
        protected IdEntry read(IdEntry e, DataInputView in) throws IOException {
            if (version != 1) {
                throw unknownVersion();
            }
            e.kind = KINDS[in.readByte()];
            e.expiresAt = VarInts.readLong(in);
            e.amountFen = 0;
            e.refundedFen = 0;
            e.counted = 0;
            e.category = null;
            e.withGoods = false;
            if (e.kind == IdKind.ORDER) {
                e.amountFen = VarInts.readLong(in);
                e.refundedFen = VarInts.readLong(in);
                e.counted = VarInts.readLong(in);
            } else if (e.kind == IdKind.SESSION) {
                e.withGoods = in.readByte() == 1;
                e.category = Strings.read(in);
            }
            return e;
        }
    }

    /** Also the {@code @TypeInfo} of {@link IdEntry}. */
    public static final class IdEntrySnapshot extends VersionedSnapshot<IdEntry> {
        public IdEntrySnapshot() {
            super(IdEntry.class, IdEntrySerializer.INSTANCE, IdEntrySerializer::new);
        }
    }

    /**
     * Version 1: watermark | slot count, then per slot a byte (0 free, 1 a campaign of the plan, 2
     * retired) and, unless free, campaign id | time.
     */
    public static final class EngineMetaSerializer extends FieldSerializer<EngineMeta> {
        private static final long serialVersionUID = 1L;

        /** Writes format 1, the newest. */
        public static final EngineMetaSerializer INSTANCE = new EngineMetaSerializer(1);

        private EngineMetaSerializer(int version) {
            super(version, EngineMetaSnapshot.class);
        }

        @Override
        protected EngineMeta newInstance() {
            return new EngineMeta();
        }

        @Override
        protected EngineMeta copyFields(EngineMeta f, EngineMeta t) {
            t.watermark = f.watermark;
            t.slots = new ArrayList<>(f.slots);
            return t;
        }

        @Override
        public void serialize(EngineMeta m, DataOutputView out) throws IOException {
            VarInts.writeLong(m.watermark, out);
            VarInts.writeLong(m.slots.size(), out);
            for (CampaignSlots.Slot s : m.slots) {
                out.writeByte(s == null ? 0 : s.retired() ? 2 : 1);
                if (s != null) {
                    Strings.write(s.campaignId(), out);
                    VarInts.writeLong(s.time(), out);
                }
            }
        }

        @Override
        protected EngineMeta read(EngineMeta m, DataInputView in) throws IOException {
            if (version != 1) {
                throw unknownVersion();
            }
            m.watermark = VarInts.readLong(in);
            int n = (int) VarInts.readLong(in);
            m.slots = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int kind = in.readByte();
                m.slots.add(
                        kind == 0
                                ? null
                                : new CampaignSlots.Slot(
                                        Strings.read(in), VarInts.readLong(in), kind == 2));
            }
            return m;
        }
    }

    /** Also the {@code @TypeInfo} of {@link EngineMeta}. */
    public static final class EngineMetaSnapshot extends VersionedSnapshot<EngineMeta> {
        public EngineMetaSnapshot() {
            super(EngineMeta.class, EngineMetaSerializer.INSTANCE, EngineMetaSerializer::new);
        }
    }
}
