package com.livegmv.jobs.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.ConfigException;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed savepoint of state format v1 ({@code savepoints/v1/}, written by {@link
 * SavepointV1Writer} at 2024-12-17, with the creators' sprint settled and the festival in its
 * refund grace period) restores into this build: the rest of the input then gives exactly what an
 * uninterrupted run gives after that point, also when the campaign file lists its campaigns in
 * another order or drops a settled one, and no money moves when it gains one; a file without the
 * festival, which still has state, is refused.
 */
class SavepointV1ITCase implements MiniClusterTest {
    @TempDir static Path tmp;

    /** The outputs of an uninterrupted run over the whole input. */
    static Map<String, List<String>> uninterrupted;

    static Path events() {
        return FixtureJob.DIR.resolve("events.jsonl");
    }

    /** A copy of the committed savepoint, so that nothing can touch the fixture. */
    static Path savepoint() throws Exception {
        Path copy = Files.createTempDirectory(tmp, "savepoint-");
        try (Stream<Path> files = Files.list(FixtureJob.DIR.resolve("savepoint"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    static Map<String, List<String>> run(String campaignFile, Path savepoint) throws Exception {
        return run(campaignFile, savepoint, "hashmap");
    }

    static Map<String, List<String>> run(String campaignFile, Path savepoint, String backend)
            throws Exception {
        FixtureJob.build(
                        CampaignLoader.load(FixtureJob.DIR.resolve(campaignFile)),
                        events(),
                        0,
                        savepoint,
                        backend)
                .execute("savepoint v1 test");
        Path out = Files.createTempDirectory(tmp, "out-");
        FixtureJob.writeRows(out);
        return Outputs.canonical(out);
    }

    /** The rows before the savepoint and those of the restored run, as one run's outputs. */
    static Map<String, List<String>> afterRestoring(String campaignFile) throws Exception {
        return afterRestoring(campaignFile, "hashmap");
    }

    static Map<String, List<String>> afterRestoring(String campaignFile, String backend)
            throws Exception {
        Map<String, List<String>> before = Outputs.canonical(FixtureJob.DIR.resolve("before"));
        Map<String, List<String>> after = run(campaignFile, savepoint(), backend);
        Map<String, List<String>> all = new TreeMap<>();
        before.forEach(
                (table, rows) -> {
                    List<String> both = new ArrayList<>(rows);
                    both.addAll(after.get(table));
                    both.sort(null);
                    all.put(table, both);
                });
        return all;
    }

    @BeforeAll
    static void runUninterrupted() throws Exception {
        uninterrupted = run("campaigns.yaml", null);
        assertThat(uninterrupted.get("campaign_settlement"))
                .as("both campaigns settle")
                .anyMatch(r -> r.contains("\"1212-2024\""))
                .anyMatch(r -> r.contains("\"1212-creators-sprint-2024\""));
    }

    @Test
    void shouldContinueFromTheCommittedSavepointExactlyAsAnUninterruptedRun() throws Exception {
        Map<String, List<String>> before = Outputs.canonical(FixtureJob.DIR.resolve("before"));
        assertThat(before.get("campaign_settlement"))
                .as("the sprint settled before the savepoint, the festival did not")
                .isNotEmpty()
                .allMatch(r -> r.contains("\"1212-creators-sprint-2024\""));
        assertThat(afterRestoring("campaigns.yaml")).isEqualTo(uninterrupted);
    }

    @Test
    void shouldContinueExactlyAlsoWhenTheSavepointIsRestoredIntoRocksDb() throws Exception {
        assertThat(afterRestoring("campaigns.yaml", "rocksdb")).isEqualTo(uninterrupted);
    }

    @Test
    void shouldGiveTheSameResultsWhenTheRestoredPlanListsItsCampaignsInAnotherOrder()
            throws Exception {
        assertThat(afterRestoring("campaigns-reordered.yaml")).isEqualTo(uninterrupted);
    }

    /**
     * A campaign of next year inserted first takes no money from the others. Late rows may differ
     * from the original run, as they would with that campaign in the file from the start: while a
     * campaign is open, orders are remembered longer, so a refund finds its order and says that it
     * did not count instead of that it is unknown.
     */
    @Test
    void shouldMoveNoMoneyWhenACampaignIsInsertedBeforeTheOthers() throws Exception {
        Map<String, List<String>> restored = afterRestoring("campaigns-inserted.yaml");
        for (String table :
                List.of(
                        "incentive_grant",
                        "campaign_settlement",
                        "streamer_progress",
                        "rejected_event")) {
            assertThat(restored.get(table)).as(table).isEqualTo(uninterrupted.get(table));
        }
    }

    @Test
    void shouldRestoreWithoutACampaignThatHadSettledBeforeTheSavepoint() throws Exception {
        assertThat(afterRestoring("campaigns-without-sprint.yaml")).isEqualTo(uninterrupted);
    }

    @Test
    void shouldRefuseInOneLineACampaignFileWithoutACampaignThatStillHasState() {
        assertThatThrownBy(() -> run("campaigns-without-festival.yaml", savepoint()))
                .satisfies(
                        e -> {
                            ConfigException refused =
                                    ExceptionUtils.findThrowable(e, ConfigException.class)
                                            .orElseThrow();
                            assertThat(refused.getMessage())
                                    .doesNotContain("\n")
                                    .startsWith(
                                            "campaign 1212-2024 is missing from the campaign"
                                                    + " file, but the savepoint holds its state");
                        });
    }
}
