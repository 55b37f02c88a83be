package com.livegmv.tools.demo;

import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the SPEC §9 tables back from PostgreSQL and writes them as JSONL in exactly the replay
 * format (SPEC §10), so a live run can be compared with a replay of the same input.
 */
public final class TableExport {
    private TableExport() {}

    /** Writes DIR/TABLE.jsonl for the five tables; returns the row count of each. */
    public static Map<String, Long> export(String jdbcUrl, String user, String password, Path dir)
            throws SQLException, IOException {
        Files.createDirectories(dir);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (Table<?> table : Tables.ALL) {
                long n = 0;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(table.selectSql());
                        BufferedWriter w =
                                Files.newBufferedWriter(
                                        dir.resolve(table.name() + ".jsonl"),
                                        StandardCharsets.UTF_8)) {
                    StringBuilder b = new StringBuilder(256);
                    while (rs.next()) {
                        b.setLength(0);
                        table.copyJson(rs, b);
                        w.append(b).append('\n');
                        n++;
                    }
                }
                counts.put(table.name(), n);
            }
        }
        return counts;
    }
}
