package com.livegmv.tools.bench;

import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.tools.feed.Checkpoints;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * kafka-e2e's pipeline JVM: the live job ({@link LiveJob}, as {@code gmv run} builds it) on a local
 * MiniCluster. Ready once its first checkpoint has completed, i.e. every task runs.
 */
final class LiveJobMain {
    private LiveJobMain() {}

    public static void main(String[] args) throws Exception {
        LiveSettings s = ChildJob.readSettings(Path.of(args[0]), LiveSettings.class);
        Configuration conf = LiveJob.configuration(s);
        LocalCluster.managedMemory(conf); // as gmv run's own MiniCluster
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        LiveJob.build(env, s);
        JobClient job = env.executeAsync("gmv bench kafka-e2e");
        while (!Checkpoints.anyCompleted(s.checkpointDir())) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended before its first checkpoint");
            }
            Thread.sleep(50); // polling the checkpoint directory
        }
        ChildJob.signalReady();
        job.getJobExecutionResult().get();
        System.exit(1); // a live job ends only by failing
    }
}
