package com.livegmv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.ConfigException;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

class CliTest {
    @Test
    void findsTheRefusedConfigurationBehindAJobFailure() {
        // As a restore that refuses its campaign file reaches the client: wrapped twice.
        ConfigException refused = new ConfigException("campaign X is missing");
        Exception failure =
                new RuntimeException(
                        "Job execution failed.", new SuppressRestartsException(refused));

        assertThat(Cli.configCause(failure)).isSameAs(refused);
        assertThat(Cli.configCause(new RuntimeException("other"))).isNull();
    }
}
