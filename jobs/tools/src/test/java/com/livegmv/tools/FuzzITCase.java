package com.livegmv.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.RecordDecoder;
import com.livegmv.events.RejectReason;
import com.livegmv.jobs.MiniClusterTest;
import com.livegmv.jobs.Outputs;
import com.livegmv.jobs.Replays;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import com.livegmv.tools.fuzz.FuzzKind;
import com.livegmv.tools.fuzz.FuzzLine;
import com.livegmv.tools.fuzz.RecordFuzzer;
import com.livegmv.tools.fuzz.RejectedRowOracle;
import com.livegmv.tools.generate.GeneratedFestival;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the real replay job (SPEC §2 validation, README "Where the SPEC is silent"): 100,000
 * mutated records of many kinds, inserted at random positions into a valid generated festival,
 * through {@link ReplayJob#run} at parallelism 2. {@link RecordFuzzer} makes the records and {@link
 * RejectedRowOracle} says what each must become. Checks that
 *
 * <ul>
 *   <li>every input line is either accepted or rejected, exactly once (accepted + rejected =
 *       lines);
 *   <li>each rejected row names its line ({@code file:line}), has the reason the mutation implies,
 *       and keeps the raw line: the UTF-8 text, or {@code base64:} + the exact bytes when the line
 *       is not UTF-8 text or holds NUL, cut at {@link RecordDecoder#MAX_RAW_CHARS} characters
 *       (never inside a surrogate pair) with the size in bytes in the detail;
 *   <li>mutations that leave a valid event (an unknown field, white space, escapes...) are
 *       accepted;
 *   <li>the job completes, and the valid festival's results (every row of a streamer outside the
 *       fuzz namespace {@code fz*}) equal those of a clean run over the valid events alone.
 * </ul>
 *
 * <p>Fuzz records belong to streamers {@code fz*} when they name one, and their event times stay at
 * or behind the newest valid event before them (or are invalid), so they never move the watermark
 * and never make a valid event late. Events dated far in the future are among them, anywhere in the
 * file: SPEC §2 rejects them (max_future_skew), so they must not move the watermark either.
 */
class FuzzITCase implements MiniClusterTest {
    private static final long SEED = 0x1212_2024L;
    private static final int FUZZ_RECORDS = 100_000;
    private static final int FESTIVAL_EVENTS = 50_000;
    private static final int MB = 1 << 20;
    private static final String FILE = "fuzz.jsonl";

    @TempDir Path tmp;

    @Test
    void shouldRejectEveryBadRecordWithItsRawTextAndComputeTheValidEventsExactly()
            throws Exception {
        GeneratedFestival festival = GeneratedFestival.of(2_000, FESTIVAL_EVENTS, 11, 0.0);
        for (String line : festival.lines()) {
            assertThat(line).as("festival lines are valid-looking events").startsWith("{");
        }

        List<FuzzLine> lines =
                new RecordFuzzer(SEED, festival.plan()).mix(festival.lines(), FUZZ_RECORDS);
        Path in = tmp.resolve(FILE);
        long bytes = FuzzLine.write(in, lines);
        assertThat(bytes).as("file size").isLessThan(300L * MB);
        assertThat(countLines(in)).as("lines in the file = records").isEqualTo(lines.size());

        long fuzzCount = lines.stream().filter(l -> l.fuzz != null).count();
        long validFuzz =
                lines.stream().filter(l -> l.fuzz != null && l.fuzz.expected() == null).count();
        long expectedRejected = fuzzCount - validFuzz;
        long bigLines = lines.stream().filter(l -> l.content.length >= MB).count();
        assertThat(fuzzCount).isGreaterThanOrEqualTo(FUZZ_RECORDS);
        assertThat(bigLines).as("~1 MB lines").isGreaterThanOrEqualTo(5);
        Map<FuzzKind, Long> perKind = new EnumMap<>(FuzzKind.class);
        lines.stream()
                .filter(l -> l.fuzz != null)
                .forEach(l -> perKind.merge(l.fuzz.kind(), 1L, Long::sum));
        assertThat(perKind).as("records of each kind").containsOnlyKeys(FuzzKind.values());

        Path out = tmp.resolve("out-fuzz");
        long started = System.nanoTime();
        ReplayJob.Result result = replay(festival.plan(), in, out);
        long fuzzMillis = (System.nanoTime() - started) / 1_000_000;

        // 1. Every record is accounted for, exactly once.
        List<JsonNode> rejected = Outputs.rows(out, "rejected_event");
        print(lines, rejected, result, perKind, bytes, fuzzMillis);
        assertThat(result.acceptedEvents() + rejected.size())
                .as("accepted + rejected = input records")
                .isEqualTo(lines.size());

        // 2. Each rejected row: its line, the expected reason, the raw line, a short detail.
        RejectedRowOracle.Problems problems =
                RejectedRowOracle.compare(lines, rejected, in + ":"); // the path as it was given
        assertThat(problems.total()).as("rejected rows vs. the input:%n%s", problems).isZero();
        assertThat(rejected).hasSize((int) expectedRejected);
        assertThat(result.acceptedEvents())
                .as("accepted = festival events + valid fuzz records")
                .isEqualTo(festival.lines().size() + validFuzz);

        // 3. The valid festival's results are exactly those of a clean run.
        Path clean = tmp.resolve("clean.jsonl");
        Files.write(clean, festival.lines());
        Path cleanOut = tmp.resolve("out-clean");
        ReplayJob.Result cleanResult = replay(festival.plan(), clean, cleanOut);
        assertThat(cleanResult.acceptedEvents()).isEqualTo(festival.lines().size());
        assertThat(Outputs.rows(cleanOut, "rejected_event")).isEmpty();
        Map<String, List<String>> reference = festivalRows(cleanOut);
        assertThat(reference.get("incentive_grant"))
                .as("a meaningful festival earns grants")
                .hasSizeGreaterThan(20);
        assertThat(reference.get("campaign_settlement")).hasSizeGreaterThan(100);
        assertThat(festivalRows(out)).isEqualTo(reference);
        long fzProgress =
                Outputs.rows(out, "streamer_progress").stream()
                        .filter(n -> n.get("streamer_id").asText().startsWith("fz"))
                        .count();
        System.out.printf("FuzzITCase: fuzz streamers' progress rows: %d%n", fzProgress);
        assertThat(fzProgress).as("valid fuzz orders reach the engine").isPositive();
    }

    /** Grants, settlements, progress and late rows of streamers outside "fz", canonical. */
    private static Map<String, List<String>> festivalRows(Path out) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Table<?> t : Tables.ALL) {
            if (t == Tables.REJECTED_EVENT) {
                continue;
            }
            String table = t.name();
            List<String> rows = new ArrayList<>();
            for (JsonNode n : Outputs.rows(out, table)) {
                if (n.get("streamer_id").asText().startsWith("fz")) {
                    continue;
                }
                ObjectNode o = (ObjectNode) n;
                o.remove("source");
                o.remove("watermark");
                rows.add(o.toString());
            }
            Collections.sort(rows);
            m.put(table, rows);
        }
        return m;
    }

    private static ReplayJob.Result replay(CampaignPlan plan, Path in, Path out) throws Exception {
        return Replays.run(plan, List.of(in), out, 2);
    }

    private static void print(
            List<FuzzLine> lines,
            List<JsonNode> rejected,
            ReplayJob.Result result,
            Map<FuzzKind, Long> perKind,
            long bytes,
            long millis) {
        Map<RejectReason, Long> perReason = new EnumMap<>(RejectReason.class);
        rejected.forEach(
                r ->
                        perReason.merge(
                                RejectReason.valueOf(r.get("reason").asText()), 1L, Long::sum));
        Map<FuzzKind, Map<String, Long>> outcome = new EnumMap<>(FuzzKind.class);
        Map<Integer, String> reasonByLine = new HashMap<>();
        for (JsonNode r : rejected) {
            String s = r.get("source").asText();
            reasonByLine.put(
                    Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)),
                    r.get("reason").asText());
        }
        for (int i = 0; i < lines.size(); i++) {
            FuzzLine l = lines.get(i);
            if (l.fuzz != null) {
                outcome.computeIfAbsent(l.fuzz.kind(), k -> new TreeMap<>())
                        .merge(reasonByLine.getOrDefault(i + 1, "ACCEPTED"), 1L, Long::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        "%nFuzzITCase: %d records (%,d bytes) in %d ms: accepted %d, rejected %d%n",
                        lines.size(), bytes, millis, result.acceptedEvents(), rejected.size()));
        perReason.forEach((k, v) -> b.append(String.format("  rejected %-22s %7d%n", k, v)));
        perKind.forEach(
                (k, v) -> b.append(String.format("  kind %-20s %7d  %s%n", k, v, outcome.get(k))));
        System.out.print(b);
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
