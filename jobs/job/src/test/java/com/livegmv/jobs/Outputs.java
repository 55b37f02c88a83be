package com.livegmv.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads replay outputs (SPEC §10 JSONL) into comparable, canonical form: rows keyed by their SPEC
 * key, wall-clock columns removed. Used to compare runs with each other and with the expected
 * outputs of the worked examples.
 */
public final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The only non-deterministic columns. */
    private static final List<String> WALL_CLOCK = List.of("emitted_at", "received_at");

    private Outputs() {}

    public static List<JsonNode> rows(Path dir, String table) {
        Path f = dir.resolve(table + ".jsonl");
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    ObjectNode n = (ObjectNode) JSON.readTree(line);
                    WALL_CLOCK.forEach(n::remove);
                    rows.add(n);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows by key; a duplicate key is kept as a second entry so that it shows in a diff. */
    public static Map<String, JsonNode> byKey(Path dir, String table) {
        Function<JsonNode, String> key =
                table.equals("incentive_grant")
                        ? n -> n.get("grant_id").asText()
                        : table.equals("rejected_event") || table.equals("late_event")
                                ? n -> n.get("source").asText()
                                : n ->
                                        n.get("campaign_id").asText()
                                                + "/"
                                                + n.get("streamer_id").asText();
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode n : rows(dir, table)) {
            String k = key.apply(n);
            while (m.containsKey(k)) {
                k = k + "#dup";
            }
            m.put(k, n);
        }
        return m;
    }

    /** Only the listed fields of each row, for comparison with expected files that hold them. */
    public static Map<String, JsonNode> project(Map<String, JsonNode> rows, JsonNode template) {
        Map<String, JsonNode> m = new TreeMap<>();
        rows.forEach(
                (k, v) -> {
                    ObjectNode o = JSON.createObjectNode();
                    template.fieldNames().forEachRemaining(f -> o.set(f, v.get(f)));
                    m.put(k, o);
                });
        return m;
    }

    /**
     * Every table of a run in canonical, comparable form: rows sorted, wall-clock columns and the
     * columns that name where a record came from (file:line or topic:partition:offset, and the
     * watermark at that moment) removed, so runs over files and over Kafka compare.
     */
    public static Map<String, List<String>> canonical(Path out) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String table : Tables.ALL.stream().map(Table::name).toList()) {
            List<String> rows = new ArrayList<>();
            for (JsonNode n : rows(out, table)) {
                ObjectNode o = (ObjectNode) n;
                o.remove("source");
                o.remove("watermark");
                rows.add(o.toString());
            }
            java.util.Collections.sort(rows);
            m.put(table, rows);
        }
        return m;
    }
}
