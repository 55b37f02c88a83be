package com.livegmv.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk writer must produce Flink's string format byte for byte, and the reader must read it:
 * state written before reads.
 */
class StringsTest {
    static Stream<String> strings() {
        Random r = new Random(7);
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            random.append((char) r.nextInt(Character.MAX_VALUE + 1));
        }
        return Stream.of(
                null,
                "",
                "s-000042",
                "主播-直播间-\uD83D\uDE00",
                "\u007f\u0080\u07ff\u0800\uffff",
                "lone ?\uD800 and \uDC00 surrogates",
                "x".repeat(127),
                "y".repeat(128),
                "z".repeat(16_384),
                random.toString());
    }

    @ParameterizedTest
    @MethodSource("strings")
    void shouldWriteTheBytesStringValueWritesIntoAStream(String s) throws IOException {
        ByteArrayOutputStream flink = new ByteArrayOutputStream();
        StringValue.writeString(s, new DataOutputViewStreamWrapper(flink));
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Strings.write(s, new DataOutputViewStreamWrapper(ours));

        assertThat(ours.toByteArray()).isEqualTo(flink.toByteArray());
        assertThat(StringValue.readString(new DataInputDeserializer(ours.toByteArray())))
                .isEqualTo(s);
    }

    @ParameterizedTest
    @MethodSource("strings")
    void shouldReadWhatStringValueWrites(String s) throws IOException {
        ByteArrayOutputStream flink = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(flink);
        StringValue.writeString(s, out);
        out.writeInt(0x5EA1ED); // what follows the string must stay unread
        byte[] bytes = flink.toByteArray();

        DataInputDeserializer inMemory = new DataInputDeserializer(bytes);
        assertThat(Strings.read(inMemory)).isEqualTo(s);
        assertThat(inMemory.readInt()).isEqualTo(0x5EA1ED);
        DataInputViewStreamWrapper stream =
                new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes));
        assertThat(Strings.read(stream)).isEqualTo(s);
        assertThat(stream.readInt()).isEqualTo(0x5EA1ED);
    }
}
