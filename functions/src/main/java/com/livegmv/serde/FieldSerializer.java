package com.livegmv.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * A hand-written serializer of a mutable class with public fields, with a format version:
 * subclasses say how to copy, write and read the fields; the rest of Flink's contract is here and
 * in the serializer's {@link VersionedSnapshot}.
 *
 * <p>An instance always writes the newest format and reads the format of its {@link #version}. The
 * current instance reads the newest; {@link VersionedSnapshot} restores an instance for the format
 * a savepoint holds, and Flink migrates that state by reading it with the restored instance and
 * writing it with the current one. A new format therefore means a new version number and a read
 * branch for it; the branches for older versions stay.
 */
public abstract class FieldSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The format this instance reads. */
    protected final int version;

    private final Class<? extends VersionedSnapshot<T>> snapshot;

    protected FieldSerializer(int version, Class<? extends VersionedSnapshot<T>> snapshot) {
        this.version = version;
        this.snapshot = snapshot;
    }

    /** Copies every field of {@code from} into {@code to} and returns {@code to}. */
    protected abstract T copyFields(T from, T to);

    /** Writes the newest format. */
    @Override
    public abstract void serialize(T value, DataOutputView out) throws IOException;

    /** Reads every field, in the format of {@link #version}, into {@code to} and returns it. */
    protected abstract T read(T to, DataInputView in) throws IOException;

    /** A new, empty instance. */
    protected abstract T newInstance();

    /** Thrown by a read branch that does not know {@link #version}. */
    protected IOException unknownVersion() {
        return new IOException(
                getClass().getSimpleName() + " cannot read format version " + version);
    }

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    /** Stateless: every thread may share one instance. */
    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
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

    /** Taken at checkpoints, not per record: the reflection does not matter. */
    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        return InstantiationUtil.instantiate(snapshot);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && ((FieldSerializer<?>) o).version == version;
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + version;
    }
}
