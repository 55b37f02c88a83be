package com.livegmv.tools.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.output.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads an output table of a replay back from {@code DIR/TABLE.jsonl}, one row at a time. Columns
 * are named through the table's definition in {@link com.livegmv.output.Tables}: {@link #column}
 * refuses a name the table does not define, so a renamed column fails when this class's users are
 * loaded, not as a silent zero.
 */
final class OutputRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputRows() {}

    /** {@code name}, checked to be a column of {@code table}. */
    static String column(Table<?> table, String name) {
        if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
        }
        return name;
    }

    /** The file the replay job writes for a table. */
    static Path file(Path dir, Table<?> table) {
        return dir.resolve(table.name() + ".jsonl");
    }

    /** Calls {@code each} for every row of the table's file in {@code dir}. */
    static void forEach(Path dir, Table<?> table, Consumer<Row> each) throws IOException {
        Path file = file(dir, table);
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a replay output directory: " + file + " is missing");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IOException(file + " line " + n + ": not JSON", e);
                }
                each.accept(new Row(node, file, n));
            }
        }
    }

    /** One row; a missing or mistyped column is an error naming the file and line. */
    record Row(JsonNode node, Path file, long line) {
        String text(String column) {
            JsonNode v = node.get(column);
            if (v == null || !v.isTextual()) {
                throw bad(column, "a string");
            }
            return v.textValue();
        }

        long longValue(String column) {
            JsonNode v = node.get(column);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad(column, "a whole number");
            }
            return v.longValue();
        }

        int intValue(String column) {
            long v = longValue(column);
            if (v != (int) v) {
                throw bad(column, "a 32-bit whole number");
            }
            return (int) v;
        }

        boolean bool(String column) {
            JsonNode v = node.get(column);
            if (v == null || !v.isBoolean()) {
                throw bad(column, "true or false");
            }
            return v.booleanValue();
        }

        private IllegalStateException bad(String column, String expected) {
            return new IllegalStateException(
                    file + " line " + line + ": column " + column + " must be " + expected);
        }
    }
}
