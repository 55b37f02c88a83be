package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.tools.demo.Demo;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gmv demo}: the live job end to end on an embedded stack, in about a minute. */
@Command(
        name = "demo",
        header = "Run the live job end to end on an embedded Kafka and PostgreSQL.",
        description = {
            "Starts an embedded Kafka broker and PostgreSQL (or uses yours), runs the live job on a"
                    + " local cluster with the web UI, feeds it a festival and shows progress; ends"
                    + " with the settlement summary. PostgreSQL stays up until Ctrl-C, unless"
                    + " --export is given."
        })
final class DemoCommand extends Cli.Command {
    @Option(names = "--campaigns", descriptionKey = "gmv.campaigns")
    String campaigns;

    @Option(
            names = "--input",
            paramLabel = "FILE.jsonl",
            description = "Produce this file into Kafka instead of synthetic data.")
    String input;

    @Option(
            names = "--export",
            description =
                    "When every campaign has settled, write the tables as replay-format JSONL to"
                            + " DIR and exit.")
    String export;

    @Option(names = "--kafka", description = "Use this Kafka instead of an embedded broker.")
    String kafka;

    @Option(
            names = "--jdbc-url",
            description = "Use this PostgreSQL (empty database) instead of an embedded one.")
    String jdbcUrl;

    @Option(
            names = "--streamers",
            defaultValue = "20000",
            description = "Synthetic streamers. Default: ${DEFAULT-VALUE}.")
    int streamers;

    @Option(
            names = "--events",
            defaultValue = "600000",
            description = "Synthetic events. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(
            names = "--rate",
            defaultValue = "10000",
            description = "Synthetic feed rate. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--parallelism", descriptionKey = "gmv.parallelism")
    int parallelism;

    @Option(names = "--max-future-skew", descriptionKey = "gmv.max-future-skew")
    Duration maxFutureSkew;

    @Option(
            names = "--web-port",
            defaultValue = "8081",
            description =
                    "Flink web UI port (the next free one if taken). Default: ${DEFAULT-VALUE}.")
    int webPort;

    @Option(
            names = "--screen-port",
            defaultValue = "" + FestivalScreen.DEFAULT_PORT,
            description =
                    "Festival screen port (the next free one if taken). Default: ${DEFAULT-VALUE}.")
    int screenPort;

    @Option(names = "--bind", descriptionKey = "gmv.bind-address")
    InetAddress bind;

    @Option(
            names = "--work-dir",
            description =
                    "Where broker, database and checkpoints live, kept afterwards. Default: a new"
                            + " gmv-demo-* directory in the temp directory, removed at the end.")
    String workDir;

    @Option(names = "--inject-failures", descriptionKey = "gmv.inject-failures")
    int injectFailures;

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        Path campaignsFile = Path.of(campaigns);
        Demo.Settings settings =
                new Demo.Settings(
                        Flags.campaigns(campaigns),
                        campaignsFile,
                        input == null ? null : Flags.inputFile(input),
                        export == null ? null : Flags.outputDir("--export", export),
                        kafka,
                        jdbcUrl,
                        streamers,
                        events,
                        rate,
                        seed,
                        parallelism,
                        maxFutureSkew,
                        webPort,
                        screenPort,
                        bind,
                        workDir == null ? null : Flags.outputDir("--work-dir", workDir),
                        export == null,
                        injectFailures);
        printLogFile(err);
        return new Demo(settings, out, err).run();
    }
}
