package com.livegmv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.LiveSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How run's settings come together: GmvOptions' defaults, then the --config file, then flags. */
class RunCommandTest {
    private static final String CAMPAIGNS = "../../config/campaigns.yaml";

    @TempDir Path tmp;

    private static CommandLine gmv() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return Cli.commandLine(GmvJob.commands(), none, none);
    }

    private static LiveSettings settings(String... args) {
        CommandLine gmv = gmv();
        gmv.parseArgs(args);
        RunCommand run = gmv.getSubcommands().get("run").getCommand();
        return run.settings();
    }

    @Test
    void shouldTakeEveryDefaultFromGmvOptions() {
        LiveSettings s = settings("run", "--campaigns", CAMPAIGNS);
        String password = System.getenv().getOrDefault("GMV_JDBC_PASSWORD", "");
        assertThat(s)
                .isEqualTo(
                        LiveSettings.builder(s.plan())
                                .jdbc(
                                        GmvOptions.JDBC_URL.defaultValue(),
                                        GmvOptions.JDBC_USER.defaultValue(),
                                        password)
                                .build());
        assertThat(s.maxFutureSkew()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldLetTheConfigFileOverrideDefaultsAndFlagsOverrideTheFile() throws Exception {
        Path config = tmp.resolve("gmv.yaml");
        Files.writeString(
                config,
                """
                gmv.parallelism: 4
                gmv.max-future-skew: PT30M
                gmv.kafka.input-topics: [a, b]
                gmv.kafka.idle-only-empty-partitions: true
                gmv.checkpoint-interval: 30s
                """);
        LiveSettings s =
                settings(
                        "run",
                        "--config",
                        config.toString(),
                        "--campaigns",
                        CAMPAIGNS,
                        "--parallelism",
                        "3",
                        "--input-topics",
                        "x;y,z");
        assertThat(s.parallelism()).isEqualTo(3);
        assertThat(s.inputTopics()).containsExactly("x", "y", "z");
        assertThat(s.maxFutureSkew()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.idleOnlyWhenEmpty()).isTrue();
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.grantsTopic()).isEqualTo(GmvOptions.GRANTS_TOPIC.defaultValue());
    }

    @Test
    void shouldReadThePasswordFromTheConfigFileWhenTheEnvironmentHasNone() throws Exception {
        Path config = tmp.resolve("gmv.yaml");
        Files.writeString(config, "gmv.jdbc.password: s3cret\n");
        LiveSettings s = settings("run", "--config", config.toString(), "--campaigns", CAMPAIGNS);
        // The environment variable wins when set; a test cannot unset it.
        assertThat(s.jdbcPassword())
                .isEqualTo(System.getenv().getOrDefault("GMV_JDBC_PASSWORD", "s3cret"));
    }

    @Test
    void shouldMakeEveryOptionOfTheLiveJobAFlagOfRun() {
        List<String> keys =
                gmv().getSubcommands().get("run").getCommandSpec().options().stream()
                        .map(CommandLine.Model.OptionSpec::descriptionKey)
                        .filter(k -> k != null && !k.isEmpty())
                        .toList();
        // All but the password (the environment's) and replay's own input and output.
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(
                        GmvDefaults.OPTIONS.keySet().stream()
                                .filter(
                                        k ->
                                                !k.equals(GmvOptions.JDBC_PASSWORD.key())
                                                        && !k.equals(GmvOptions.INPUTS.key())
                                                        && !k.equals(GmvOptions.OUT.key()))
                                .toList());
    }
}
