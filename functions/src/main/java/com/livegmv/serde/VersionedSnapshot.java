package com.livegmv.serde;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Everything Flink needs around a {@link FieldSerializer} besides its fields: its snapshot, whose
 * version is the data's format version, which Flink writes into every checkpoint and savepoint next
 * to the state (on restore it gives back a serializer that reads that format; state of an older
 * format is migrated to the newest), and the {@code @TypeInfo} factory of the class, so one
 * subclass is both.
 *
 * <p>Subclasses only name the class, its current serializer and how to make a serializer for an
 * older version; they need a public no-argument constructor, as Flink creates them by reflection
 * when reading a savepoint or the annotation. Their class name is in every savepoint: never rename
 * one.
 */
public abstract class VersionedSnapshot<T> extends TypeInfoFactory<T>
        implements TypeSerializerSnapshot<T> {
    private final Class<T> type;
    private final FieldSerializer<T> current;
    private final IntFunction<? extends FieldSerializer<T>> forVersion;

    /** The format of the data this snapshot describes. */
    private int version;

    /**
     * @param current the serializer Flink uses: it writes, and reads, the newest format
     * @param forVersion makes a serializer that reads an older format
     */
    protected VersionedSnapshot(
            Class<T> type,
            FieldSerializer<T> current,
            IntFunction<? extends FieldSerializer<T>> forVersion) {
        this.type = type;
        this.current = current;
        this.forVersion = forVersion;
        this.version = current.version;
    }

    @Override
    public TypeInformation<T> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new FixedTypeInfo<>(type, current);
    }

    @Override
    public int getCurrentVersion() {
        return current.version;
    }

    /** Nothing beyond the version number, which Flink writes itself. */
    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
            throws IOException {
        if (readVersion < 1 || readVersion > current.version) {
            throw new IOException(
                    getClass().getName()
                            + ": state format version "
                            + readVersion
                            + " is not known to this build (it reads 1 to "
                            + current.version
                            + ")");
        }
        version = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return version == current.version ? current : forVersion.apply(version);
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
