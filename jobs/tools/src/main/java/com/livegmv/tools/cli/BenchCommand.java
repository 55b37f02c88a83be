package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Converters;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.tools.bench.Bench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

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
                    + " cold, then the capacity search;",
            "  sql-cumulate (only if named): a CUMULATE window per campaign;",
            "  replay-scale (only if named): 1,000,000 streamers / 5,000,000 events replayed"
                    + " with each state backend, with peak memory."
        })
final class BenchCommand extends Cli.Command {
    @Option(
            names = "--events",
            defaultValue = "1000000",
            converter = Events.class,
            description = "Events to generate, at least 1000. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--streamers",
            defaultValue = "10000",
            description = "Streamers in the generated data. Default: ${DEFAULT-VALUE}.")
    int streamers;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Rounds per case, medians reported; 1..100. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--cases",
            hideParamSyntax = true,
            split = ",",
            completionCandidates = Cases.class,
            description =
                    "Comma-separated subset of ${COMPLETION-CANDIDATES}. Default: all but"
                            + " sql-cumulate and replay-scale.")
    List<String> cases;

    @Option(
            names = "--parallelism",
            paramLabel = "P",
            description = "Job parallelism. Default: the number of cores.")
    Integer parallelism;

    @Option(names = "--max-out-of-orderness", descriptionKey = "gmv.max-out-of-orderness")
    Duration maxOutOfOrderness;

    @Option(
            names = "--rate",
            defaultValue = "50000",
            description =
                    "Offered rate of the -e2e cases, where their capacity search starts."
                            + " Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "20s",
            description = "Feed time of each -e2e round, at least 1s. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--e2e-state-backend",
            defaultValue = "rocksdb",
            description =
                    "kafka-e2e state backend: rocksdb (the live job's default) or hashmap."
                            + " Default: ${DEFAULT-VALUE}.")
    String e2eStateBackend;

    @Option(names = "--no-capacity", description = "Skip the -e2e cases' capacity search.")
    boolean noCapacity;

    @Option(
            names = "--no-state",
            description = "Skip measuring state bytes per (campaign, streamer).")
    boolean noState;

    @Option(
            names = "--out",
            defaultValue = "bench-results",
            description = "Where bench.json and bench.png go. Default: ${DEFAULT-VALUE}.")
    String out;

    @Option(names = "--campaigns", descriptionKey = "gmv.campaigns")
    String campaigns;

    /** The case names, for the help. */
    static final class Cases implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Bench.allCases().iterator();
        }
    }

    static final class Events implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Converters.inRange(value, 1_000, Long.MAX_VALUE);
        }
    }

    @Override
    protected int run(PrintStream stdout, PrintStream err) throws Exception {
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
        Path outDir = Flags.outputDir("--out", out);
        Bench.Settings settings =
                new Bench.Settings(
                        Flags.campaigns(campaigns),
                        events,
                        streamers,
                        seed,
                        rounds,
                        new ArrayList<>(chosen),
                        parallelism != null
                                ? parallelism
                                : Math.min(
                                        Runtime.getRuntime().availableProcessors(),
                                        Converters.MAX_PARALLELISM),
                        maxOutOfOrderness,
                        rate,
                        duration,
                        e2eStateBackend,
                        !noCapacity,
                        !noState,
                        outDir);
        printLogFile(err);
        return new Bench(settings, stdout, err).run();
    }
}
