package com.livegmv.output;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One output table of SPEC §9: its name, its columns in order and its key. The only definition of a
 * table's shape: the JSON of the files and the Kafka topic, the JDBC upserts, the export from
 * PostgreSQL and the check of {@code config/schema.sql} all read it, so a column is added in one
 * place.
 *
 * @param <T> the row class
 */
public final class Table<T> {
    /** How PostgreSQL stores a column (the type {@code config/schema.sql} must declare). */
    public enum SqlType {
        TEXT,
        BIGINT,
        INTEGER,
        BOOLEAN,
        TIMESTAMPTZ;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One column: its name, type and nullability, and how it is read from a row: {@code value} for
     * text and nullable bigint (a String or Long, null allowed), {@code number} for every other
     * type (booleans as 0 or 1, instants as epoch millis), so no value is boxed.
     */
    public record Column<T>(
            String name,
            SqlType type,
            boolean nullable,
            Function<T, ?> value,
            ToLongFunction<T> number) {

        void json(Json out, T row) {
            switch (type) {
                case TEXT -> out.str(name, (String) value.apply(row));
                case BIGINT, INTEGER -> {
                    if (value == null) {
                        out.num(name, number.applyAsLong(row));
                    } else {
                        out.num(name, (Long) value.apply(row));
                    }
                }
                case BOOLEAN -> out.bool(name, number.applyAsLong(row) != 0);
                case TIMESTAMPTZ -> {
                    long v = number.applyAsLong(row);
                    if (nullable && isNone(v)) {
                        out.str(name, null);
                    } else {
                        out.time(name, v);
                    }
                }
            }
        }

        void bind(PreparedStatement p, int i, T row) throws SQLException {
            switch (type) {
                case TEXT -> p.setString(i, (String) value.apply(row));
                case BIGINT -> {
                    if (value == null) {
                        p.setLong(i, number.applyAsLong(row));
                    } else if (value.apply(row) instanceof Long v) {
                        p.setLong(i, v);
                    } else {
                        p.setNull(i, Types.BIGINT);
                    }
                }
                case INTEGER -> p.setInt(i, (int) number.applyAsLong(row));
                case BOOLEAN -> p.setBoolean(i, number.applyAsLong(row) != 0);
                case TIMESTAMPTZ -> {
                    long v = number.applyAsLong(row);
                    if (nullable && isNone(v)) {
                        p.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        p.setObject(
                                i,
                                OffsetDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC));
                    }
                }
            }
        }

        /**
         * Copies the column of the current result-set row into JSON, as {@link #json} writes it.
         */
        void copy(ResultSet rs, int i, Json out) throws SQLException {
            switch (type) {
                case TEXT -> out.str(name, rs.getString(i));
                case BIGINT -> {
                    long v = rs.getLong(i);
                    if (nullable && rs.wasNull()) {
                        out.str(name, null);
                    } else {
                        out.num(name, v);
                    }
                }
                case INTEGER -> out.num(name, rs.getInt(i));
                case BOOLEAN -> out.bool(name, rs.getBoolean(i));
                case TIMESTAMPTZ -> {
                    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                    if (t == null) {
                        out.str(name, null);
                    } else {
                        out.time(name, t.toInstant().toEpochMilli());
                    }
                }
            }
        }
    }

    private final String name;
    private final List<Column<T>> columns;
    private final List<String> key;
    private final String onConflict;

    private Table(String name, List<Column<T>> columns, List<String> key, String onConflict) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.key = List.copyOf(key);
        this.onConflict = onConflict;
    }

    /** A table of facts: a row is inserted once and never changed ({@code DO NOTHING}). */
    static <T> Table<T> facts(String name, List<String> key, List<Column<T>> columns) {
        return new Table<>(name, columns, key, "DO NOTHING");
    }

    /**
     * A table of latest values: a row is replaced by a newer one, except where {@code keepWhen}
     * (SQL over the existing row) holds.
     */
    static <T> Table<T> latest(
            String name, List<String> key, List<Column<T>> columns, String keepWhen) {
        String set =
                columns.stream()
                        .map(Column::name)
                        .filter(c -> !key.contains(c))
                        .map(c -> c + " = EXCLUDED." + c)
                        .collect(Collectors.joining(", "));
        return new Table<>(
                name,
                columns,
                key,
                "DO UPDATE SET "
                        + set
                        + ", updated_at = clock_timestamp() WHERE NOT ("
                        + name
                        + "."
                        + keepWhen
                        + ")");
    }

    public String name() {
        return name;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    public List<String> key() {
        return key;
    }

    /** The row as one JSON object, SPEC §9 names in column order. */
    public void writeJson(T row, StringBuilder b) {
        Json j = Json.object(b);
        for (Column<T> c : columns) {
            c.json(j, row);
        }
        j.end();
    }

    public String toJson(T row) {
        StringBuilder b = new StringBuilder(256);
        writeJson(row, b);
        return b.toString();
    }

    /** The idempotent upsert by key: replaying a row after a restore never doubles it. */
    public String upsertSql() {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO "
                + name
                + " ("
                + names
                + ") VALUES ("
                + marks
                + ") ON CONFLICT ("
                + String.join(", ", key)
                + ") "
                + onConflict;
    }

    /** Binds the row to the parameters of {@link #upsertSql()}. */
    public void bind(PreparedStatement p, T row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).bind(p, i + 1, row);
        }
    }

    /** The query whose rows {@link #copyJson} turns back into this table's JSON. */
    public String selectSql() {
        return "SELECT "
                + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + " FROM "
                + name
                + " ORDER BY "
                + String.join(", ", key);
    }

    /**
     * The current row of a {@link #selectSql()} result as JSON, exactly as the file sinks write.
     */
    public void copyJson(ResultSet rs, StringBuilder b) throws SQLException {
        Json j = Json.object(b);
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).copy(rs, i + 1, j);
        }
        j.end();
    }

    // ---- column kinds

    static <T> Column<T> text(String name, Function<T, String> get) {
        return new Column<>(name, SqlType.TEXT, false, get, null);
    }

    static <T> Column<T> nullableText(String name, Function<T, String> get) {
        return new Column<>(name, SqlType.TEXT, true, get, null);
    }

    static <T> Column<T> bigint(String name, ToLongFunction<T> get) {
        return new Column<>(name, SqlType.BIGINT, false, null, get);
    }

    static <T> Column<T> nullableBigint(String name, Function<T, Long> get) {
        return new Column<>(name, SqlType.BIGINT, true, get, null);
    }

    static <T> Column<T> integer(String name, ToIntFunction<T> get) {
        return new Column<>(name, SqlType.INTEGER, false, null, get::applyAsInt);
    }

    static <T> Column<T> bool(String name, Predicate<T> get) {
        return new Column<>(name, SqlType.BOOLEAN, false, null, row -> get.test(row) ? 1 : 0);
    }

    /** An instant (epoch millis): UTC ISO-8601 with milliseconds in JSON, timestamptz in SQL. */
    static <T> Column<T> time(String name, ToLongFunction<T> get) {
        return new Column<>(name, SqlType.TIMESTAMPTZ, false, null, get);
    }

    /**
     * As {@link #time}, where {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} (no watermark yet,
     * or the end of a bounded input) are written as null.
     */
    static <T> Column<T> nullableTime(String name, ToLongFunction<T> get) {
        return new Column<>(name, SqlType.TIMESTAMPTZ, true, null, get);
    }

    private static boolean isNone(long epochMillis) {
        return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE;
    }
}
