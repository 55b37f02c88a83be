package com.livegmv.engine;

import com.livegmv.serde.FieldSerializer;
import com.livegmv.serde.FixedTypeInfo;
import com.livegmv.serde.VarInts;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The state format of the engine's per-streamer values: amounts, counts and masks as
 * variable-length integers (most are small), no reflection, no per-field null markers. Version 1; a
 * new field needs a new version and a migration in the snapshot.
 */
public final class StateSerializers {
    private StateSerializers() {}

    /** flags | paid | refunded | orders | instant mask | instant reward | last event time. */
    public static final class CampaignStateSerializer extends FieldSerializer<CampaignState> {
        private static final long serialVersionUID = 1L;
        public static final CampaignStateSerializer INSTANCE = new CampaignStateSerializer();

        @Override
        protected CampaignState newInstance() {
            return new CampaignState();
        }

        @Override
        protected CampaignState copyFields(CampaignState f, CampaignState t) {
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
        public void serialize(CampaignState s, DataOutputView out) throws IOException {
            VarInts.writeLong(s.flags, out);
            VarInts.writeLong(s.paidFen, out);
            VarInts.writeLong(s.refundedFen, out);
            VarInts.writeLong(s.qualifyingOrders, out);
            VarInts.writeLong(s.instantMask, out);
            VarInts.writeLong(s.instantRewardFen, out);
            VarInts.writeLong(s.lastEventTime, out);
        }

        @Override
        protected CampaignState read(CampaignState s, DataInputView in) throws IOException {
            s.flags = (int) VarInts.readLong(in);
            s.paidFen = VarInts.readLong(in);
            s.refundedFen = VarInts.readLong(in);
            s.qualifyingOrders = VarInts.readLong(in);
            s.instantMask = VarInts.readLong(in);
            s.instantRewardFen = VarInts.readLong(in);
            s.lastEventTime = VarInts.readLong(in);
            return s;
        }

        @Override
        public TypeSerializerSnapshot<CampaignState> snapshotConfiguration() {
            return new CampaignStateSnapshot();
        }
    }

    public static final class CampaignStateSnapshot
            extends SimpleTypeSerializerSnapshot<CampaignState> {
        public CampaignStateSnapshot() {
            super(() -> CampaignStateSerializer.INSTANCE);
        }
    }

    public static final class CampaignStateInfo extends TypeInfoFactory<CampaignState> {
        @Override
        public TypeInformation<CampaignState> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new FixedTypeInfo<>(CampaignState.class, CampaignStateSerializer.INSTANCE);
        }
    }

    /** amount | refunded | counted mask | expires at. */
    public static final class OrderStateSerializer extends FieldSerializer<OrderState> {
        private static final long serialVersionUID = 1L;
        public static final OrderStateSerializer INSTANCE = new OrderStateSerializer();

        @Override
        protected OrderState newInstance() {
            return new OrderState();
        }

        @Override
        protected OrderState copyFields(OrderState f, OrderState t) {
            t.amountFen = f.amountFen;
            t.refundedFen = f.refundedFen;
            t.countedMask = f.countedMask;
            t.expiresAt = f.expiresAt;
            return t;
        }

        @Override
        public void serialize(OrderState s, DataOutputView out) throws IOException {
            VarInts.writeLong(s.amountFen, out);
            VarInts.writeLong(s.refundedFen, out);
            VarInts.writeLong(s.countedMask, out);
            VarInts.writeLong(s.expiresAt, out);
        }

        @Override
        protected OrderState read(OrderState s, DataInputView in) throws IOException {
            s.amountFen = VarInts.readLong(in);
            s.refundedFen = VarInts.readLong(in);
            s.countedMask = (int) VarInts.readLong(in);
            s.expiresAt = VarInts.readLong(in);
            return s;
        }

        @Override
        public TypeSerializerSnapshot<OrderState> snapshotConfiguration() {
            return new OrderStateSnapshot();
        }
    }

    public static final class OrderStateSnapshot extends SimpleTypeSerializerSnapshot<OrderState> {
        public OrderStateSnapshot() {
            super(() -> OrderStateSerializer.INSTANCE);
        }
    }

    public static final class OrderStateInfo extends TypeInfoFactory<OrderState> {
        @Override
        public TypeInformation<OrderState> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new FixedTypeInfo<>(OrderState.class, OrderStateSerializer.INSTANCE);
        }
    }

    /** with goods | expires at | category (nullable). */
    public static final class SessionStateSerializer extends FieldSerializer<SessionState> {
        private static final long serialVersionUID = 1L;
        public static final SessionStateSerializer INSTANCE = new SessionStateSerializer();

        @Override
        protected SessionState newInstance() {
            return new SessionState();
        }

        @Override
        protected SessionState copyFields(SessionState f, SessionState t) {
            t.category = f.category;
            t.withGoods = f.withGoods;
            t.expiresAt = f.expiresAt;
            return t;
        }

        @Override
        public void serialize(SessionState s, DataOutputView out) throws IOException {
            out.writeBoolean(s.withGoods);
            VarInts.writeLong(s.expiresAt, out);
            StringValue.writeString(s.category, out);
        }

        @Override
        protected SessionState read(SessionState s, DataInputView in) throws IOException {
            s.withGoods = in.readBoolean();
            s.expiresAt = VarInts.readLong(in);
            s.category = StringValue.readString(in);
            return s;
        }

        @Override
        public TypeSerializerSnapshot<SessionState> snapshotConfiguration() {
            return new SessionStateSnapshot();
        }
    }

    public static final class SessionStateSnapshot
            extends SimpleTypeSerializerSnapshot<SessionState> {
        public SessionStateSnapshot() {
            super(() -> SessionStateSerializer.INSTANCE);
        }
    }

    public static final class SessionStateInfo extends TypeInfoFactory<SessionState> {
        @Override
        public TypeInformation<SessionState> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new FixedTypeInfo<>(SessionState.class, SessionStateSerializer.INSTANCE);
        }
    }
}
