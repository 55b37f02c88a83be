package com.livegmv.serde;

import java.io.IOException;
import java.util.function.IntFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a {@link FieldSerializer}: its version is the data's format version, which Flink
 * writes into every checkpoint and savepoint next to the state. On restore it gives back a
 * serializer that reads that format; state of an older format is migrated to the newest.
 *
 * <p>Subclasses only name the newest version and how to make a serializer for a version; they need
 * a public no-argument constructor, as Flink creates them by reflection when reading a savepoint.
 */
public abstract class VersionedSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int newest;
    private final IntFunction<? extends TypeSerializer<T>> forVersion;

    /** The format of the data this snapshot describes. */
    private int version;

    protected VersionedSnapshot(int newest, IntFunction<? extends TypeSerializer<T>> forVersion) {
        this.newest = newest;
        this.forVersion = forVersion;
        this.version = newest;
    }

    @Override
    public int getCurrentVersion() {
        return newest;
    }

    /** Nothing beyond the version number, which Flink writes itself. */
    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
            throws IOException {
        if (readVersion < 1 || readVersion > newest) {
            throw new IOException(
                    getClass().getName()
                            + ": state format version "
                            + readVersion
                            + " is not known to this build (it reads 1 to "
                            + newest
                            + ")");
        }
        version = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return forVersion.apply(version);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return ((VersionedSnapshot<T>) oldSnapshot).version == version
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }

    /** The format version of the data this snapshot describes. */
    public int version() {
        return version;
    }
}
