package com.livegmv.jobs.io;

import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.Encoder;

/** One output row as one line of JSON (SPEC §10 files), in its table's column order. */
public final class JsonRowEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    /** By name: a table's column accessors are lambdas, which do not travel in a job graph. */
    private final String tableName;

    private transient Table<T> table;
    private transient StringBuilder b;

    public JsonRowEncoder(Table<T> table) {
        this.tableName = table.name();
    }

    @Override
    public void encode(T row, OutputStream out) throws IOException {
        if (b == null) {
            table = Tables.named(tableName);
            b = new StringBuilder(256);
        }
        b.setLength(0);
        table.writeJson(row, b);
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
