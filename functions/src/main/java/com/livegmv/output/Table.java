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

    /** One column: how it is read from a row, written as JSON, bound and read back by JDBC. */
    public abstract static class Column<T> {
        private final String name;
        private final SqlType type;
        private final boolean nullable;

        Column(String name, SqlType type, boolean nullable) {
            this.name = name;
            this.type = type;
            this.nullable = nullable;
        }

        public String name() {
            return name;
        }

        public SqlType type() {
            return type;
        }

        public boolean nullable() {
            return nullable;
        }

        abstract void json(Json out, T row);

        abstract void bind(PreparedStatement p, int index, T row) throws SQLException;

        /**
         * Copies the column of the current result-set row into JSON, as {@link #json} writes it.
         */
        abstract void copy(ResultSet rs, int index, Json out) throws SQLException;
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
        return textColumn(name, false, get);
    }

    static <T> Column<T> nullableText(String name, Function<T, String> get) {
        return textColumn(name, true, get);
    }

    private static <T> Column<T> textColumn(
            String name, boolean nullable, Function<T, String> get) {
        return new Column<>(name, SqlType.TEXT, nullable) {
            @Override
            void json(Json out, T row) {
                out.str(name, get.apply(row));
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                p.setString(i, get.apply(row));
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                out.str(name, rs.getString(i));
            }
        };
    }

    static <T> Column<T> bigint(String name, ToLongFunction<T> get) {
        return new Column<>(name, SqlType.BIGINT, false) {
            @Override
            void json(Json out, T row) {
                out.num(name, get.applyAsLong(row));
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                p.setLong(i, get.applyAsLong(row));
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                out.num(name, rs.getLong(i));
            }
        };
    }

    static <T> Column<T> nullableBigint(String name, Function<T, Long> get) {
        return new Column<>(name, SqlType.BIGINT, true) {
            @Override
            void json(Json out, T row) {
                out.num(name, get.apply(row));
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                Long v = get.apply(row);
                if (v == null) {
                    p.setNull(i, Types.BIGINT);
                } else {
                    p.setLong(i, v);
                }
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                long v = rs.getLong(i);
                out.num(name, rs.wasNull() ? null : v);
            }
        };
    }

    static <T> Column<T> integer(String name, ToIntFunction<T> get) {
        return new Column<>(name, SqlType.INTEGER, false) {
            @Override
            void json(Json out, T row) {
                out.num(name, get.applyAsInt(row));
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                p.setInt(i, get.applyAsInt(row));
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                out.num(name, rs.getInt(i));
            }
        };
    }

    static <T> Column<T> bool(String name, Predicate<T> get) {
        return new Column<>(name, SqlType.BOOLEAN, false) {
            @Override
            void json(Json out, T row) {
                out.bool(name, get.test(row));
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                p.setBoolean(i, get.test(row));
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                out.bool(name, rs.getBoolean(i));
            }
        };
    }

    /** An instant (epoch millis): UTC ISO-8601 with milliseconds in JSON, timestamptz in SQL. */
    static <T> Column<T> time(String name, ToLongFunction<T> get) {
        return timeColumn(name, false, get);
    }

    /**
     * As {@link #time}, where {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} (no watermark yet,
     * or the end of a bounded input) are written as null.
     */
    static <T> Column<T> nullableTime(String name, ToLongFunction<T> get) {
        return timeColumn(name, true, get);
    }

    private static <T> Column<T> timeColumn(String name, boolean nullable, ToLongFunction<T> get) {
        return new Column<>(name, SqlType.TIMESTAMPTZ, nullable) {
            @Override
            void json(Json out, T row) {
                long v = get.applyAsLong(row);
                if (nullable && isNone(v)) {
                    out.str(name, null);
                } else {
                    out.time(name, v);
                }
            }

            @Override
            void bind(PreparedStatement p, int i, T row) throws SQLException {
                long v = get.applyAsLong(row);
                if (nullable && isNone(v)) {
                    p.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    p.setObject(
                            i, OffsetDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC));
                }
            }

            @Override
            void copy(ResultSet rs, int i, Json out) throws SQLException {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                if (t == null) {
                    out.str(name, null);
                } else {
                    out.time(name, t.toInstant().toEpochMilli());
                }
            }
        };
    }

    private static boolean isNone(long epochMillis) {
        return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE;
    }
}
