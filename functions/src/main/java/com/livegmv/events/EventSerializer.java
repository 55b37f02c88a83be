package com.livegmv.events;

import com.livegmv.serde.FieldSerializer;
import com.livegmv.serde.FixedTypeInfo;
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
 * The wire and state format of {@link Event}: every event crosses the keyBy and waits in the
 * engine's pending list, so it is written field by field without reflection (the POJO serializer
 * reads each field reflectively and writes a null marker per field). Strings may be null. Version
 * 1:
 *
 * <pre>
 * byte type ordinal | byte flags (1 withGoods, 2 risky) | long eventTime | long amountFen
 * | long position | string streamerId, key, sessionId, orderId, category, origin
 * </pre>
 */
public final class EventSerializer extends FieldSerializer<Event> {
    private static final long serialVersionUID = 1L;

    public static final EventSerializer INSTANCE = new EventSerializer();

    private static final EventType[] TYPES = EventType.values();

    @Override
    protected Event newInstance() {
        return new Event();
    }

    @Override
    protected Event copyFields(Event from, Event to) {
        to.type = from.type;
        to.eventTime = from.eventTime;
        to.streamerId = from.streamerId;
        to.key = from.key;
        to.sessionId = from.sessionId;
        to.orderId = from.orderId;
        to.category = from.category;
        to.withGoods = from.withGoods;
        to.amountFen = from.amountFen;
        to.risky = from.risky;
        to.origin = from.origin;
        to.position = from.position;
        return to;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        out.writeByte(e.type.ordinal());
        out.writeByte((e.withGoods ? 1 : 0) | (e.risky ? 2 : 0));
        out.writeLong(e.eventTime);
        out.writeLong(e.amountFen);
        out.writeLong(e.position);
        StringValue.writeString(e.streamerId, out);
        StringValue.writeString(e.key, out);
        StringValue.writeString(e.sessionId, out);
        StringValue.writeString(e.orderId, out);
        StringValue.writeString(e.category, out);
        StringValue.writeString(e.origin, out);
    }

    @Override
    protected Event read(Event e, DataInputView in) throws IOException {
        e.type = TYPES[in.readByte()];
        int flags = in.readByte();
        e.withGoods = (flags & 1) != 0;
        e.risky = (flags & 2) != 0;
        e.eventTime = in.readLong();
        e.amountFen = in.readLong();
        e.position = in.readLong();
        e.streamerId = StringValue.readString(in);
        e.key = StringValue.readString(in);
        e.sessionId = StringValue.readString(in);
        e.orderId = StringValue.readString(in);
        e.category = StringValue.readString(in);
        e.origin = StringValue.readString(in);
        return e;
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: restores to {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Picked up by Flink through {@code @TypeInfo} on {@link Event}. */
    public static final class Factory extends TypeInfoFactory<Event> {
        @Override
        public TypeInformation<Event> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new FixedTypeInfo<>(Event.class, INSTANCE);
        }
    }
}
