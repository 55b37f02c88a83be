package com.livegmv.jobs.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.events.Times;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.io.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed savepoint of state format v1 (see {@code savepoints/v1/README.md}): runs
 * {@link FixtureJob} over {@code events.jsonl} up to the first event at or after {@link #CUT}, when
 * the creators' sprint has settled and the festival is in its refund grace period, takes a
 * canonical savepoint there, and writes the rows emitted before it to {@code before/}. Not part of
 * the build; rerun only to replace the fixture (which a new state format must not need):
 *
 * <pre>
 * mvn -q -B -pl functions,jobs -am test -Dtest=SavepointV1Writer -Dgmv.writeFixture=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "gmv.writeFixture", matches = "true")
class SavepointV1Writer implements MiniClusterTest {
    static final long CUT = Times.parseInstant("2024-12-17T00:00:00Z");

    /** The first line at or after {@link #CUT} (1-based); the savepoint is taken before it. */
    static int cutLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (time(lines.get(i)) >= CUT) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no event at or after the cut");
    }

    /** A line's event time, or Long.MIN_VALUE when it has none that parses. */
    static long time(String line) {
        int at = line.indexOf("\"event_time\":\"");
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        String time = line.substring(at + 14, line.indexOf('"', at + 14));
        return Times.isInstant(time) ? Times.parseInstant(time) : Long.MIN_VALUE;
    }

    @Test
    void writeTheFixture() throws Exception {
        Path events = FixtureJob.DIR.resolve("events.jsonl");
        List<String> lines = Files.readAllLines(events);
        int cut = cutLine(lines);
        long newest =
                lines.subList(0, cut - 1).stream()
                        .mapToLong(SavepointV1Writer::time)
                        .max()
                        .orElseThrow();
        long watermark = newest - FixtureJob.BOUND.toMillis() - 1;
        assertThat(lines.subList(0, cut - 1))
                .as("events that wait for the watermark in the savepoint")
                .anyMatch(l -> time(l) > watermark);
        JobClient job =
                FixtureJob.build(
                                CampaignLoader.load(FixtureJob.DIR.resolve("campaigns.yaml")),
                                events,
                                cut,
                                null,
                                "hashmap")
                        .executeAsync("savepoint fixture");
        // Every line before the cut read; then the periodic watermark catches up with them and
        // the engine applies what it releases. Once the row counts stand still for a few
        // watermark intervals, nothing emitted after the savepoint belongs before it.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int stableFor = 0;
        int last = -1;
        while (stableFor < 10) {
            assertThat(System.nanoTime())
                    .as("the fixture job reached its cut")
                    .isLessThan(deadline);
            Thread.sleep(200); // polling a running job's progress
            int now = FixtureJob.ROWS.values().stream().mapToInt(java.util.Queue::size).sum();
            stableFor = LinesSource.PAUSED.get() && now == last ? stableFor + 1 : 0;
            last = now;
        }
        Path target = Files.createTempDirectory(FixtureJob.DIR, "writing-");
        String written =
                job.stopWithSavepoint(
                                false, target.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        Path savepoint = FixtureJob.DIR.resolve("savepoint");
        Trees.delete(savepoint);
        Files.move(
                Path.of(java.net.URI.create(written)), savepoint, StandardCopyOption.ATOMIC_MOVE);
        Trees.delete(target);
        Trees.delete(FixtureJob.DIR.resolve("before"));
        FixtureJob.writeRows(FixtureJob.DIR.resolve("before"));
        assertThat(FixtureJob.ROWS.get("campaign_settlement"))
                .as("a campaign settled")
                .isNotEmpty();
    }
}
