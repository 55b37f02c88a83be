package com.livegmv.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared MiniCluster of every {@code *ITCase}: one TaskManager with 4 slots, enough for the
 * highest parallelism the tests use. Declared once here, as flink-connector-jdbc does.
 */
public interface MiniClusterTest {
    int SLOTS = 4;

    @RegisterExtension
    MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(SLOTS)
                            .build());
}
