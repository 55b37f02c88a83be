package com.livegmv.jobs.replay;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A source's split or enumerator state written field by field, in the one version there is: a
 * source states what it writes and how it reads it back, not the byte-array plumbing around it.
 */
public final class VersionOneSerializer<T> implements SimpleVersionedSerializer<T> {
    /** Writes the fields of {@code value}. */
    public interface Writer<T> extends Serializable {
        void write(T value, DataOutputView out) throws IOException;
    }

    /** Reads back what the writer wrote. */
    public interface Reader<T> extends Serializable {
        T read(DataInputView in) throws IOException;
    }

    private final Writer<T> writer;
    private final Reader<T> reader;

    public VersionOneSerializer(Writer<T> writer, Reader<T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        writer.write(value, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public T deserialize(int version, byte[] serialized) throws IOException {
        return reader.read(new DataInputDeserializer(serialized));
    }
}
