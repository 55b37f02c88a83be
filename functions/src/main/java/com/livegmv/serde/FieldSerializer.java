package com.livegmv.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of a mutable class with public fields: subclasses say how to copy,
 * write and read the fields; the rest of Flink's contract is here.
 */
public abstract class FieldSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    /** Copies every field of {@code from} into {@code to} and returns {@code to}. */
    protected abstract T copyFields(T from, T to);

    @Override
    public abstract void serialize(T value, DataOutputView out) throws IOException;

    /** Reads every field into {@code to} and returns it. */
    protected abstract T read(T to, DataInputView in) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T createInstance() {
        return newInstance();
    }

    @Override
    public final T copy(T from) {
        return copyFields(from, createInstance());
    }

    @Override
    public final T copy(T from, T reuse) {
        return copyFields(from, reuse);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        return read(createInstance(), in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return read(reuse, in);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** A new, empty instance. */
    protected abstract T newInstance();
}
