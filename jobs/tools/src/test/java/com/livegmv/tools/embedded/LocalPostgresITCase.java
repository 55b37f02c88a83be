package com.livegmv.tools.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL is a real server: upserts work and data survives a restart. */
@Tag("slow")
class LocalPostgresITCase {

    private static final String UPSERT =
            "INSERT INTO payouts (streamer, tier, amount_fen) VALUES (?, ?, ?) "
                    + "ON CONFLICT (streamer, tier) DO UPDATE SET amount_fen = EXCLUDED.amount_fen";

    @TempDir Path dir;

    @Test
    void shouldUpsertAndKeepDataAcrossRestartOnTheSamePort() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir, 0)) {
            assertThat(pg.port()).isPositive();
            pg.createDatabase("gmv");
            pg.createDatabase("gmv"); // idempotent
            String url = pg.jdbcUrl("gmv");

            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE payouts (streamer TEXT NOT NULL, tier INT NOT NULL,"
                                + " amount_fen BIGINT NOT NULL, PRIMARY KEY (streamer, tier))");
                upsert(c, "alice", 1, 100);
                upsert(c, "alice", 2, 200);
                upsert(c, "bob", 1, 300);
                upsert(c, "alice", 1, 150); // conflict: replaces
            }
            Map<String, Long> expected = Map.of("alice/1", 150L, "alice/2", 200L, "bob/1", 300L);
            assertThat(readAll(url)).isEqualTo(expected);

            pg.stop();
            assertThat(pg.isRunning()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                    .isInstanceOf(SQLException.class);

            pg.restart();
            assertThat(pg.jdbcUrl("gmv")).isEqualTo(url);
            assertThat(readAll(url)).isEqualTo(expected);
        }
    }

    private static void upsert(Connection c, String streamer, int tier, long amount)
            throws SQLException {
        try (var ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, streamer);
            ps.setInt(2, tier);
            ps.setLong(3, amount);
            ps.executeUpdate();
        }
    }

    private static Map<String, Long> readAll(String url) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (List<String> r :
                Sql.rows(
                        url,
                        "SELECT streamer, tier, amount_fen FROM payouts ORDER BY streamer, tier")) {
            rows.put(r.get(0) + "/" + r.get(1), Long.parseLong(r.get(2)));
        }
        return rows;
    }
}
