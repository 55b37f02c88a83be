package com.livegmv.tools.embedded;

import com.livegmv.tools.db.Query;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL for the tests that check what PostgreSQL holds: statements run as given, and the rows of a
 * query read as text, so that each test says what it expects without its own JDBC loop.
 */
public final class Sql {
    private Sql() {}

    /** Runs the statements in turn, on one connection. */
    public static void exec(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /**
     * Every row of a query with these parameters, each column as PostgreSQL prints it (null for
     * NULL).
     */
    public static List<List<String>> rows(String url, String query, Object... params)
            throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url)) {
            Query.forEachRow(
                    c,
                    query,
                    Arrays.asList(params),
                    rs -> {
                        String[] row = new String[rs.getMetaData().getColumnCount()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        out.add(Arrays.asList(row));
                    });
        }
        return out;
    }

    /** The first column of every row of a query. */
    public static List<String> column(String url, String query) throws SQLException {
        return rows(url, query).stream().map(r -> r.get(0)).toList();
    }
}
