package com.livegmv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.serde.FixedTypeInfo;
import com.livegmv.serde.VarInts;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StateSerializersTest {
    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(back).usingRecursiveComparison().isEqualTo(value);
        assertThat(s.copy(value)).isNotSameAs(value).usingRecursiveComparison().isEqualTo(value);
        return back;
    }

    @Test
    void varIntsRoundTripExtremesAndRandomValues() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        long[] fixed = {0, 1, -1, 63, 64, -64, -65, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE};
        DataOutputSerializer out = new DataOutputSerializer(16);
        long[] all = new long[fixed.length + 1000];
        System.arraycopy(fixed, 0, all, 0, fixed.length);
        for (int i = fixed.length; i < all.length; i++) {
            all[i] = rng.nextLong() >> rng.nextInt(64);
        }
        for (long v : all) {
            VarInts.writeLong(v, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (long v : all) {
            assertThat(VarInts.readLong(in)).isEqualTo(v);
        }
        assertThat(in.available()).isZero();
        DataOutputSerializer small = new DataOutputSerializer(16);
        VarInts.writeLong(15_990, small);
        assertThat(small.length()).isEqualTo(3);
    }

    @Test
    void streamerStatesIdsAndSubtaskMetaRoundTrip() throws Exception {
        CampaignState c = new CampaignState(3);
        c.flags = CampaignState.REGISTERED | CampaignState.VISIBLE;
        c.paidFen = 123_456_789L;
        c.refundedFen = 99;
        c.qualifyingOrders = 17;
        c.instantMask = 0b101;
        c.instantRewardFen = 210_000;
        c.lastEventTime = 1_733_932_800_123L;
        StreamerState st = new StreamerState();
        st.campaigns.add(c);
        st.campaigns.add(new CampaignState(0));
        st.wakeAt(1_734_624_000_000L);
        st.wakeAt(1_734_278_400_000L);
        roundTrip(StateSerializers.StreamerStateSerializer.INSTANCE, st);
        roundTrip(StateSerializers.StreamerStateSerializer.INSTANCE, new StreamerState());

        IdEntry order = IdEntry.order(15_990, 0b11, 1_734_624_000_000L);
        order.refundedFen = 990;
        roundTrip(StateSerializers.IdEntrySerializer.INSTANCE, order);
        roundTrip(
                StateSerializers.IdEntrySerializer.INSTANCE,
                IdEntry.session("SHOPPING", true, 1_734_624_000_000L));
        roundTrip(
                StateSerializers.IdEntrySerializer.INSTANCE,
                IdEntry.session(null, false, 1_734_624_000_000L));
        roundTrip(
                StateSerializers.IdEntrySerializer.INSTANCE,
                IdEntry.of(IdKind.REFUND, 1_734_624_000_000L));

        EngineMeta meta =
                new EngineMeta(
                        1_734_000_000_000L,
                        java.util.Arrays.asList(
                                new CampaignSlots.Slot("1212", 1_734_624_000_000L, false),
                                null,
                                new CampaignSlots.Slot("618", 1_719_000_000_000L, true)));
        roundTrip(StateSerializers.EngineMetaSerializer.INSTANCE, meta);
    }

    @Test
    void flinkPicksThemUpAndAnOrderTakesAFewBytes() throws Exception {
        for (Class<?> c : new Class<?>[] {StreamerState.class, IdEntry.class, EngineMeta.class}) {
            assertThat(TypeInformation.of(c)).isInstanceOf(FixedTypeInfo.class);
        }
        TypeSerializer<IdEntry> s =
                TypeInformation.of(IdEntry.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(16);
        s.serialize(IdEntry.order(15_990, 1, 1_734_624_000_000L), out);
        assertThat(out.length()).isLessThanOrEqualTo(12);
        assertThat(s.snapshotConfiguration().restoreSerializer()).isSameAs(s);
    }
}
