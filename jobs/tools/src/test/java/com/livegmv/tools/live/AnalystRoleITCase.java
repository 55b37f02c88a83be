package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.tools.embedded.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only analysts' role: created by an installing user that may create roles, skipped with a
 * notice by one that may not, and once it exists, SELECT on every table and view (also on those
 * created later) and nothing else. Roles belong to the whole server, so this test has its own.
 */
@Tag("slow")
class AnalystRoleITCase {
    @TempDir Path tmp;

    @Test
    void shouldCreateTheReadOnlyRoleWhenAllowedAndSayWhenNot() throws Exception {
        CampaignPlan plan = CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
        try (LocalPostgres pg = LocalPostgres.start(tmp.resolve("pg"), 0)) {
            String admin = pg.jdbcUrl("postgres");
            exec(admin, "CREATE ROLE gmv_writer LOGIN", "CREATE DATABASE gmv OWNER gmv_writer");
            String writer = pg.jdbcUrl("gmv").replace("user=postgres", "user=gmv_writer");

            // The job's own user may not create roles: the schema goes in, the role does not.
            List<String> notices = PostgresTables.installSchema(writer, null, null, plan);
            assertThat(notices)
                    .singleElement()
                    .asString()
                    .startsWith("role gmv_analyst not created: gmv_writer may not create roles");
            assertThat(query(admin, "SELECT count(*) FROM pg_roles WHERE rolname = 'gmv_analyst'"))
                    .containsExactly("0");

            // A superuser's start creates it, without a notice.
            pg.createDatabase("other");
            assertThat(PostgresTables.installSchema(pg.jdbcUrl("other"), null, null, plan))
                    .isEmpty();
            assertThat(
                            query(
                                    admin,
                                    "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gmv_analyst'"))
                    .containsExactly("f");

            // The writer's next start grants read access to what it owns, now and later.
            assertThat(PostgresTables.installSchema(writer, null, null, plan)).isEmpty();
            exec(writer, "CREATE TABLE added_later (x integer)");
            exec(admin, "CREATE ROLE alice LOGIN IN ROLE gmv_analyst");
            String alice = pg.jdbcUrl("gmv").replace("user=postgres", "user=alice");

            List<String> relations =
                    query(
                            writer,
                            "SELECT table_name FROM information_schema.tables"
                                    + " WHERE table_schema = current_schema() ORDER BY 1");
            assertThat(relations)
                    .contains(
                            "incentive_grant",
                            "campaign",
                            "job_status",
                            "campaign_totals",
                            "streamer_standing",
                            "unapplied_refunds",
                            "added_later");
            for (String r : relations) {
                assertThat(query(alice, "SELECT count(*) FROM " + r)).as(r).hasSize(1);
            }
            assertThatThrownBy(() -> exec(alice, "DELETE FROM campaign_settlement"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> exec(alice, "INSERT INTO added_later VALUES (1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    private static void exec(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
