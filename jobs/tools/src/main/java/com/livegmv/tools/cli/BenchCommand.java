package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.tools.bench.Bench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code gmv bench}: the benchmark cases side by side (see BENCHMARKS.md). */
final class BenchCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "bench",
                        "Runs every benchmark case on the same generated events, several rounds each, and prints medians; the last line is one JSON object.")
                .option("--events", "N", "events to generate; default 1000000")
                .option("--streamers", "N", "streamers in the generated data; default 10000")
                .option("--seed", "S", "generator seed; default 1")
                .option("--rounds", "R", "rounds per case, medians reported; default 3")
                .option(
                        "--cases",
                        "LIST",
                        "comma-separated subset of "
                                + String.join(",", Bench.CASES)
                                + "; default all")
                .option("--parallelism", "P", "job parallelism; default the number of cores")
                .option(
                        "--max-out-of-orderness",
                        "DURATION",
                        "watermark bound, e.g. 2s; default 2s")
                .option("--rate", "EVENTS_PER_S", "kafka-e2e offered rate; default 50000")
                .option("--duration", "DURATION", "kafka-e2e feed time per round; default 20s")
                .option(
                        "--e2e-state-backend",
                        "NAME",
                        "kafka-e2e state backend: rocksdb (the live job's default) or hashmap; default rocksdb")
                .toggle("--no-state", "skip measuring state bytes per (campaign, streamer)")
                .option("--out", "DIR", "where bench.json and bench.png go; default bench-results")
                .option(
                        "--campaigns",
                        "FILE",
                        "campaign plan; default " + GmvOptions.CAMPAIGNS.defaultValue());
    }

    @Override
    public String summary() {
        return "benchmark the engine against a Flink SQL baseline and through Kafka";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        long events = cl.longValue("--events", 1_000_000, 1_000);
        int streamers = cl.intValue("--streamers", 10_000, 1, 100_000_000);
        long seed = cl.longValue("--seed", 1, Long.MIN_VALUE);
        int rounds = cl.intValue("--rounds", 3, 1, 100);
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = cl.intValue("--parallelism", cores, 1, 1024);
        List<String> cases = new ArrayList<>();
        for (String c : cl.get("--cases", String.join(",", Bench.CASES)).split(",")) {
            String name = c.trim();
            if (!Bench.CASES.contains(name)) {
                throw new UsageException(
                        "--cases: unknown case '"
                                + name
                                + "' (cases: "
                                + String.join(", ", Bench.CASES)
                                + ")");
            }
            if (!cases.contains(name)) {
                cases.add(name);
            }
        }
        Duration ooo =
                Flags.duration("--max-out-of-orderness", cl.get("--max-out-of-orderness", "2s"));
        double rate;
        try {
            rate = Double.parseDouble(cl.get("--rate", "50000"));
        } catch (NumberFormatException e) {
            throw new UsageException("--rate must be a number of events per second, like 50000");
        }
        if (!(rate >= 1 && rate <= 10_000_000)) {
            throw new UsageException("--rate must be between 1 and 10000000 events per second");
        }
        Duration feed = Flags.duration("--duration", cl.get("--duration", "20s"));
        if (feed.toMillis() < 1_000) {
            throw new UsageException("--duration must be at least 1s");
        }
        String backend = cl.get("--e2e-state-backend", "rocksdb");
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw new UsageException("--e2e-state-backend must be rocksdb or hashmap");
        }
        Path outDir = Path.of(cl.get("--out", "bench-results"));
        Flags.outputDir("--out", outDir.toString());
        CampaignPlan plan =
                Flags.campaigns(cl.get("--campaigns", GmvOptions.CAMPAIGNS.defaultValue()));
        return new Bench(
                        new Bench.Settings(
                                plan,
                                events,
                                streamers,
                                seed,
                                rounds,
                                cases,
                                parallelism,
                                ooo,
                                rate,
                                feed,
                                backend,
                                !cl.has("--no-state"),
                                outDir),
                        out,
                        err)
                .run();
    }
}
