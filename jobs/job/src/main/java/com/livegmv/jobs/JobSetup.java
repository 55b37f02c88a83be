package com.livegmv.jobs;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/** The Flink settings every GMV job shares, as one typed {@link Configuration}. */
public final class JobSetup {
    private JobSetup() {}

    public static Configuration base(int parallelism, Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // A missing uid fails the build of the job graph instead of silently breaking savepoints.
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        // Events and rows are POJOs; a Kryo fallback would be a bug (and slow).
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Safe: no function keeps a reference to a record it has passed on.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        return conf;
    }

    /**
     * The state backend by name ("hashmap" or "rocksdb"). With RocksDB the timers stay on the heap
     * (checkpointed with the RocksDB state): the engine has few timers per streamer, and keeping
     * them in RocksDB would cost a read and a write per registration.
     */
    public static void stateBackend(Configuration conf, String name) {
        conf.set(StateBackendOptions.STATE_BACKEND, name);
        if (name.equals("rocksdb")) {
            conf.set(
                    RocksDBOptions.TIMER_SERVICE_FACTORY,
                    EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
    }
}
