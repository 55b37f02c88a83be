package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.tools.demo.Demo;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;

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
    DemoCommand() {
        super(
                "[--campaigns] [--input] [--export] [--kafka] [--jdbc-url] [--streamers=20000]"
                        + " [--events=600000] [--rate=10000] [--seed=1] [--parallelism]"
                        + " [--max-future-skew] [--web-port=8081] [--screen-port="
                        + FestivalScreen.DEFAULT_PORT
                        + "] [--bind] [--work-dir] [--inject-failures]");
    }

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        String campaigns = value("--campaigns");
        String input = value("--input");
        String export = value("--export");
        String workDir = value("--work-dir");
        Demo.Settings settings =
                new Demo.Settings(
                        Flags.campaigns(campaigns),
                        Path.of(campaigns),
                        input == null ? null : Flags.inputFile(input),
                        export == null ? null : Flags.outputDir("--export", export),
                        value("--kafka"),
                        value("--jdbc-url"),
                        value("--streamers"),
                        value("--events"),
                        value("--rate"),
                        value("--seed"),
                        value("--parallelism"),
                        value("--max-future-skew"),
                        value("--web-port"),
                        value("--screen-port"),
                        value("--bind"),
                        workDir == null ? null : Flags.outputDir("--work-dir", workDir),
                        export == null,
                        value("--inject-failures"));
        printLogFile(err);
        return new Demo(settings, out, err).run();
    }
}
