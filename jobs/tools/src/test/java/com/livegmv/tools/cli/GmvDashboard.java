package com.livegmv.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard of docker/ as the tests read it: its queries and the metrics they name. */
public final class GmvDashboard {
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_:]+");

    public final JsonNode json;

    private GmvDashboard(JsonNode json) {
        this.json = json;
    }

    /** docker/grafana/dashboards/gmv.json of the repository the tests run in. */
    public static GmvDashboard load() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path file = p.resolve("docker/grafana/dashboards/gmv.json");
            if (Files.isRegularFile(file)) {
                try {
                    return new GmvDashboard(new ObjectMapper().readTree(file.toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(
                "no docker/grafana/dashboards/gmv.json above the working dir");
    }

    /** Every panel's every query. */
    public List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    /** The metric names one query reads. */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The metric names all the queries read. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(metricNames(e)));
        return names;
    }
}
