package com.livegmv.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.serde.FixedTypeInfo;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventSerializerTest {
    private static Event order() {
        Event e = new Event();
        e.type = EventType.ORDER_PAID;
        e.eventTime = 1_733_932_800_123L;
        e.streamerId = "s000042";
        e.key = "o\uD83D\uDE00-1";
        e.sessionId = "live-7";
        e.amountFen = 15_990;
        e.risky = true;
        e.origin = "order-events:3";
        e.position = 123_456_789_012L;
        return e;
    }

    private static Event session() {
        Event e = new Event();
        e.type = EventType.LIVE_SESSION_STARTED;
        e.eventTime = -5;
        e.streamerId = "";
        e.key = "x";
        e.category = "SHOPPING";
        e.withGoods = true;
        return e;
    }

    private static void assertSame(Event a, Event b) {
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
    }

    @Test
    void roundTripsEveryFieldIncludingNullsAndSupplementaryCharacters() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Event e : new Event[] {order(), session()}) {
            EventSerializer.INSTANCE.serialize(e, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertSame(order(), EventSerializer.INSTANCE.deserialize(in));
        assertSame(session(), EventSerializer.INSTANCE.deserialize(new Event(), in));
        assertThat(in.available()).isZero();
        assertThat(session().orderId).isNull();
    }

    @Test
    void copiesAreEqualButDistinct() throws Exception {
        Event e = order();
        Event c = EventSerializer.INSTANCE.copy(e);
        assertThat(c).isNotSameAs(e);
        assertSame(e, c);
        DataOutputSerializer out = new DataOutputSerializer(64);
        EventSerializer.INSTANCE.serialize(e, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        EventSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void flinkUsesItForEveryEvent() throws Exception {
        TypeInformation<Event> info = TypeInformation.of(Event.class);
        assertThat(info).isInstanceOf(FixedTypeInfo.class);
        TypeSerializer<Event> s = info.createSerializer(new SerializerConfigImpl());
        assertThat(s).isSameAs(EventSerializer.INSTANCE);
        TypeSerializerSnapshot<Event> snap = s.snapshotConfiguration();
        assertThat(snap.restoreSerializer()).isSameAs(EventSerializer.INSTANCE);
        assertThat(snap.resolveSchemaCompatibility(snap).isCompatibleAsIs()).isTrue();
    }
}
