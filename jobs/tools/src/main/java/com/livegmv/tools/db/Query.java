package com.livegmv.tools.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The tools' reads of the output tables in PostgreSQL (the demo's dashboard and producer, the
 * festival screen): a query run, each of its rows handed to the caller, everything closed after.
 */
public final class Query {
    /** Takes the row the result set is on. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private Query() {}

    /** Hands every row of {@code sql} to {@code row}, in the query's order. */
    public static void forEachRow(Connection c, String sql, Row row) throws SQLException {
        forEachRow(c, sql, List.of(), row);
    }

    /** The same for a query of one parameter ({@code ?}), set to {@code parameter}. */
    public static void forEachRow(Connection c, String sql, String parameter, Row row)
            throws SQLException {
        forEachRow(c, sql, List.of(parameter), row);
    }

    /**
     * The same for a query whose parameters ({@code ?}) are set to {@code parameters}, in order.
     */
    public static void forEachRow(Connection c, String sql, List<?> parameters, Row row)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /** The column of the current row, null where it is SQL NULL. */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        // wasNull() speaks of the column read last: asked right after reading this one.
        return rs.wasNull() ? null : v;
    }
}
