package com.livegmv.tools.cli;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.tools.demo.Demo;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gmv demo}: the live job end to end on an embedded stack, in about a minute. */
final class DemoCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "demo",
                        "Starts an embedded Kafka broker and PostgreSQL (or uses yours), runs the live job on a local"
                                + " cluster with the web UI,\nfeeds it a festival and shows progress (also on the festival"
                                + " screen, a web page); ends with the\nsettlement summary. PostgreSQL and the screen stay up"
                                + " until Ctrl-C, unless --export is given.")
                .option(
                        "--campaigns",
                        "FILE",
                        "campaign plan; default " + GmvOptions.CAMPAIGNS.defaultValue())
                .option(
                        "--input",
                        "FILE.jsonl",
                        "produce this file into Kafka instead of synthetic data")
                .option(
                        "--export",
                        "DIR",
                        "when every campaign has settled, write the tables as replay-format JSONL to DIR and exit")
                .option("--kafka", "HOST:PORT", "use this Kafka instead of an embedded broker")
                .option(
                        "--jdbc-url",
                        "URL",
                        "use this PostgreSQL (empty database) instead of an embedded one")
                .option("--streamers", "N", "synthetic streamers; default 20000")
                .option("--events", "N", "synthetic events; default 600000")
                .option("--rate", "EVENTS_PER_S", "synthetic feed rate; default 10000")
                .option("--seed", "S", "generator seed; default 1")
                .option("--parallelism", "N", "job parallelism; default 2")
                .option(
                        "--web-port",
                        "PORT",
                        "Flink web UI port (the next free one if taken); default 8081")
                .option(
                        "--screen-port",
                        "PORT",
                        "festival screen port (the next free one if taken); default "
                                + FestivalScreen.DEFAULT_PORT)
                .option(
                        "--work-dir",
                        "DIR",
                        "where broker, database, checkpoints live; default a new temp dir")
                .option(
                        "--inject-failures",
                        "N",
                        "fail the job on purpose N times, each after a checkpoint; it must recover"
                                + " exactly");
    }

    @Override
    public String summary() {
        return "run the live job end to end on an embedded Kafka and PostgreSQL";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        Path campaignsFile = Path.of(cl.get("--campaigns", GmvOptions.CAMPAIGNS.defaultValue()));
        CampaignPlan plan = Flags.campaigns(campaignsFile.toString());
        Path input = cl.has("--input") ? Flags.inputFile(cl.get("--input")) : null;
        Path export = cl.has("--export") ? Flags.outputDir("--export", cl.get("--export")) : null;
        String jdbc = cl.get("--jdbc-url");
        if (jdbc != null && !jdbc.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url must start with jdbc:postgresql:, got " + jdbc);
        }
        int streamers = cl.intValue("--streamers", 20_000, 1, 10_000_000);
        long events = cl.longValue("--events", 600_000, 1);
        long rate = cl.longValue("--rate", 10_000, 1);
        long seed = cl.longValue("--seed", 1, Long.MIN_VALUE);
        int parallelism = cl.intValue("--parallelism", 2, 1, 64);
        int webPort = cl.intValue("--web-port", 8081, 1, 65535);
        int screenPort = cl.intValue("--screen-port", FestivalScreen.DEFAULT_PORT, 1, 65535);
        Path work =
                cl.has("--work-dir")
                        ? Flags.outputDir("--work-dir", cl.get("--work-dir"))
                        : Files.createTempDirectory("gmv-demo-");
        return new Demo(
                        new Demo.Settings(
                                plan,
                                campaignsFile,
                                input,
                                export,
                                cl.get("--kafka"),
                                jdbc,
                                streamers,
                                events,
                                rate,
                                seed,
                                parallelism,
                                webPort,
                                screenPort,
                                work,
                                export == null,
                                cl.intValue("--inject-failures", 0, 0, 100)),
                        out,
                        err)
                .run();
    }
}
