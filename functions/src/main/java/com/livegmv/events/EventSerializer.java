package com.livegmv.events;

import com.livegmv.serde.FieldSerializer;
import com.livegmv.serde.Strings;
import com.livegmv.serde.VersionedSnapshot;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The wire and state format of {@link Event}: every event crosses the keyBy and waits in the
 * engine's pending list, so it is written field by field without reflection (the POJO serializer
 * reads each field reflectively and writes a null marker per field). Strings may be null. Format
 * version 1:
 *
 * <pre>
 * byte type ordinal | byte flags (1 withGoods, 2 risky) | long eventTime | long amountFen
 * | long position | string streamerId, key, sessionId, orderId, category, origin
 * </pre>
 */
public final class EventSerializer extends FieldSerializer<Event> {
    private static final long serialVersionUID = 1L;

    /** Writes format 1, the newest. */
    public static final EventSerializer INSTANCE = new EventSerializer(1);

    private static final EventType[] TYPES = EventType.values();

    private EventSerializer(int version) {
        super(version, Snapshot.class);
    }

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
        Strings.write(e.streamerId, out);
        Strings.write(e.key, out);
        Strings.write(e.sessionId, out);
        Strings.write(e.orderId, out);
        Strings.write(e.category, out);
        Strings.write(e.origin, out);
    }

    @Override
    protected Event read(Event e, DataInputView in) throws IOException {
        if (version != 1) {
            throw unknownVersion();
        }
        e.type = TYPES[in.readByte()];
        int flags = in.readByte();
        e.withGoods = (flags & 1) != 0;
        e.risky = (flags & 2) != 0;
        e.eventTime = in.readLong();
        e.amountFen = in.readLong();
        e.position = in.readLong();
        e.streamerId = Strings.read(in);
        e.key = Strings.read(in);
        e.sessionId = Strings.read(in);
        e.orderId = Strings.read(in);
        e.category = Strings.read(in);
        e.origin = Strings.read(in);
        return e;
    }

    /**
     * The format version, restoring a serializer that reads it; also picked up by Flink through
     * {@code @TypeInfo} on {@link Event}.
     */
    public static final class Snapshot extends VersionedSnapshot<Event> {
        public Snapshot() {
            super(Event.class, INSTANCE, EventSerializer::new);
        }
    }
}
