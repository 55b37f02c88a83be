package com.livegmv.jobs.cli;

import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.Preflight;
import java.io.PrintStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code gmv run}: the production job. Locally it runs on an in-process MiniCluster; under {@code
 * flink run gmv-job.jar run ...} the same code submits to the cluster.
 */
public final class RunCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return LiveFlags.declare(
                        new CommandLine(
                                "run",
                                "Runs the live job: Kafka topics in; PostgreSQL tables and the grants topic out."))
                .option(
                        "--from-savepoint",
                        "PATH",
                        "start from this savepoint or retained checkpoint");
    }

    @Override
    public String summary() {
        return "run the live job (Kafka in, PostgreSQL and Kafka out)";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        LiveSettings s = LiveFlags.settings(LiveFlags.configuration(cl), false);
        try {
            for (String notice : Preflight.check(s)) {
                err.println("gmv run: note: " + notice);
            }
        } catch (Preflight.NotReady e) {
            err.println("gmv run: " + e.getMessage());
            return 2;
        }
        Configuration conf = LiveJob.configuration(s);
        if (cl.has("--from-savepoint")) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, cl.get("--from-savepoint"));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        err.printf(
                "gmv run: %d campaign(s); reading %s from %s; writing %s and topic %s%n",
                s.plan().size(),
                String.join(",", s.inputTopics()),
                s.bootstrapServers(),
                s.jdbcUrl(),
                s.grantsTopic());
        env.execute("gmv incentive engine");
        return 0;
    }
}
