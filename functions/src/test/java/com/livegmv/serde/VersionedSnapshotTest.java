package com.livegmv.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;

/**
 * How a state format grows: a toy value whose format 1 had one field and format 2 two. A snapshot
 * written by the format-1 build restores a serializer that still reads format 1, and the format-2
 * build asks Flink to migrate that state (read with the old, write with the new).
 */
class VersionedSnapshotTest {
    /** The value: format 1 wrote {@code a}; format 2 adds {@code b}. */
    static final class Pair {
        long a;
        long b;
    }

    /** A serializer as one build would have it, {@code newest} being that build's format. */
    static class PairSerializer extends FieldSerializer<Pair> {
        private final int newest;

        PairSerializer(int newest, int version) {
            super(version, newest == 1 ? SnapshotV1.class : SnapshotV2.class);
            this.newest = newest;
        }

        @Override
        protected Pair newInstance() {
            return new Pair();
        }

        @Override
        protected Pair copyFields(Pair f, Pair t) {
            t.a = f.a;
            t.b = f.b;
            return t;
        }

        @Override
        public void serialize(Pair p, DataOutputView out) throws IOException {
            VarInts.writeLong(p.a, out);
            if (newest >= 2) {
                VarInts.writeLong(p.b, out);
            }
        }

        @Override
        protected Pair read(Pair p, DataInputView in) throws IOException {
            switch (version) {
                case 1 -> {
                    p.a = VarInts.readLong(in);
                    p.b = -1; // unknown in format 1
                }
                case 2 -> {
                    p.a = VarInts.readLong(in);
                    p.b = VarInts.readLong(in);
                }
                default -> throw unknownVersion();
            }
            return p;
        }
    }

    /** Flink finds snapshots by class name; two builds are two classes here. */
    public static final class SnapshotV1 extends VersionedSnapshot<Pair> {
        public SnapshotV1() {
            super(Pair.class, new PairSerializer(1, 1), v -> new PairSerializer(1, v));
        }
    }

    public static final class SnapshotV2 extends VersionedSnapshot<Pair> {
        public SnapshotV2() {
            super(Pair.class, new PairSerializer(2, 2), v -> new PairSerializer(2, v));
        }
    }

    private static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> s)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                VersionedSnapshotTest.class.getClassLoader());
    }

    @Test
    void shouldReadStateOfAnEarlierFormatAndAskForItsMigration() throws Exception {
        PairSerializer v1 = new PairSerializer(1, 1);
        Pair old = new Pair();
        old.a = 42;
        DataOutputSerializer bytes = new DataOutputSerializer(8);
        v1.serialize(old, bytes);

        // A savepoint of the format-1 build, restored as the format-2 build would see it.
        SnapshotV2 asWritten = new SnapshotV2();
        asWritten.readSnapshot(1, new DataInputDeserializer(new byte[0]), null);
        TypeSerializer<Pair> restored = asWritten.restoreSerializer();
        Pair back = restored.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        assertThat(back.a).isEqualTo(42);
        assertThat(back.b).isEqualTo(-1);

        TypeSerializerSchemaCompatibility<Pair> compatibility =
                new SnapshotV2().resolveSchemaCompatibility(asWritten);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(new SnapshotV2().resolveSchemaCompatibility(writeAndRead(new SnapshotV2())))
                .satisfies(c -> assertThat(c.isCompatibleAsIs()).isTrue());
    }

    @Test
    void shouldRefuseAFormatNewerThanTheBuild() {
        assertThatThrownBy(
                        () ->
                                new SnapshotV1()
                                        .readSnapshot(
                                                2, new DataInputDeserializer(new byte[0]), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("state format version 2 is not known to this build");
    }

    @Test
    void shouldRoundTripItsVersionThroughASavepoint() throws Exception {
        TypeSerializerSnapshot<Pair> back = writeAndRead(new SnapshotV1());
        assertThat(back).isInstanceOf(SnapshotV1.class);
        assertThat(((VersionedSnapshot<Pair>) back).version()).isEqualTo(1);
        assertThat(back.restoreSerializer()).isEqualTo(new PairSerializer(1, 1));
    }
}
