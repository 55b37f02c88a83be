package com.livegmv.jobs.io;

import com.livegmv.output.JsonRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.Encoder;

/** Writes each output row as one line of JSON (the replay file format, SPEC §10). */
public final class JsonRowEncoder<T extends JsonRow> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(T row, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(256);
        row.writeJson(b);
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
