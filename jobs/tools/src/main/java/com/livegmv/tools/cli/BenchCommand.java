package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Converters;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.tools.bench.Bench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gmv bench}: the benchmark cases side by side (see BENCHMARKS.md). */
@Command(
        name = "bench",
        header = "Benchmark the engine against its peers, from a file and through Kafka.",
        description = {
            "Runs each benchmark case on the same generated events, several rounds each (the"
                    + " first, cold round counted), and prints medians; the last line is one JSON"
                    + " object. Cases:",
            "  engine-heap, engine-rocksdb: the job's topology over in-memory events;",
            "  sql-groupby-rocksdb: the Flink SQL a user writes for a running GMV (unbounded"
                    + " GROUP BY sum per campaign and streamer, a tier CASE, RocksDB);",
            "  hot-key: engine-heap with 30%% of the orders on one streamer;",
            "  replay-file: gmv replay's job over the events written to a file;",
            "  kafka-e2e, kafka-streams-e2e: Kafka -> job -> PostgreSQL at --rate, each round"
                    + " cold, then the capacity search (each rate tried in up to"
                    + " --capacity-rounds cold rounds; it holds when most of them hold);",
            "  sql-cumulate (only if named): a CUMULATE window per campaign;",
            "  replay-scale (only if named): 1,000,000 streamers / 5,000,000 events replayed"
                    + " with each state backend, with peak memory."
        })
final class BenchCommand extends Cli.Command {
    BenchCommand() {
        super(
                "[--events=1000000] [--streamers=10000] [--seed=1] [--rounds=3] [--cases]..."
                        + " [--parallelism] [--max-out-of-orderness] [--rate=50000] [--duration=20s]"
                        + " [--e2e-state-backend=rocksdb] [--no-capacity] [--capacity-rounds=3]"
                        + " [--no-state]"
                        + " [--out=bench-results] [--campaigns]");
    }

    @Override
    protected Iterable<String> candidates(String flag) {
        return flag.equals("--cases") ? Bench.allCases() : null;
    }

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
        List<String> cases = value("--cases");
        Integer parallelism = value("--parallelism");
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String c : cases == null ? Bench.CASES : cases) {
            String name = c.trim();
            if (!Bench.allCases().contains(name)) {
                throw new UsageException(
                        "--cases: unknown case '"
                                + name
                                + "' (cases: "
                                + String.join(", ", Bench.allCases())
                                + ")");
            }
            chosen.add(name);
        }
        Path outDir = Flags.outputDir("--out", value("--out"));
        Bench.Settings settings =
                new Bench.Settings(
                        Flags.campaigns(value("--campaigns")),
                        value("--events"),
                        value("--streamers"),
                        value("--seed"),
                        value("--rounds"),
                        new ArrayList<>(chosen),
                        parallelism != null
                                ? parallelism
                                : Math.min(
                                        Runtime.getRuntime().availableProcessors(),
                                        Converters.MAX_PARALLELISM),
                        value("--max-out-of-orderness"),
                        value("--rate"),
                        value("--duration"),
                        value("--e2e-state-backend"),
                        !this.<Boolean>value("--no-capacity"),
                        value("--capacity-rounds"),
                        !this.<Boolean>value("--no-state"),
                        outDir);
        printLogFile(err);
        return new Bench(settings, stdout, err).run();
    }
}
