package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.embedded.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
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
            Sql.exec(admin, "CREATE ROLE gmv_writer LOGIN", "CREATE DATABASE gmv OWNER gmv_writer");
            String writer = pg.jdbcUrl("gmv").replace("user=postgres", "user=gmv_writer");

            // The job's own user may not create roles: the schema goes in, the role does not.
            List<String> notices = PostgresTables.installSchema(writer, null, null, plan);
            assertThat(notices)
                    .singleElement()
                    .asString()
                    .startsWith("role gmv_analyst not created: gmv_writer may not create roles");
            assertThat(
                            Sql.column(
                                    admin,
                                    "SELECT count(*) FROM pg_roles WHERE rolname = 'gmv_analyst'"))
                    .containsExactly("0");

            // A superuser's start creates it, without a notice.
            pg.createDatabase("other");
            assertThat(PostgresTables.installSchema(pg.jdbcUrl("other"), null, null, plan))
                    .isEmpty();
            assertThat(
                            Sql.column(
                                    admin,
                                    "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gmv_analyst'"))
                    .containsExactly("f");

            // The writer's next start grants read access to what it owns, now and later.
            assertThat(PostgresTables.installSchema(writer, null, null, plan)).isEmpty();
            Sql.exec(writer, "CREATE TABLE added_later (x integer)");
            Sql.exec(admin, "CREATE ROLE alice LOGIN IN ROLE gmv_analyst");
            String alice = pg.jdbcUrl("gmv").replace("user=postgres", "user=alice");

            List<String> relations =
                    Sql.column(
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
                assertThat(Sql.column(alice, "SELECT count(*) FROM " + r)).as(r).hasSize(1);
            }
            assertThatThrownBy(() -> Sql.exec(alice, "DELETE FROM campaign_settlement"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> Sql.exec(alice, "INSERT INTO added_later VALUES (1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }
}
