package com.livegmv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.LiveSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    /** run's settings with {@code --campaigns CAMPAIGNS} and these flags. */
    private static LiveSettings settings(String... flags) {
        List<String> args = new ArrayList<>(List.of("run", "--campaigns", CAMPAIGNS));
        args.addAll(List.of(flags));
        CommandLine gmv = gmv();
        gmv.parseArgs(args.toArray(String[]::new));
        RunCommand run = gmv.getSubcommands().get("run").getCommand();
        return run.settings();
    }

    /** The same with a --config file of this YAML. */
    private LiveSettings configured(String yaml, String... flags) throws IOException {
        Path config = Files.writeString(tmp.resolve("gmv.yaml"), yaml);
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(List.of(flags));
        return settings(args.toArray(String[]::new));
    }

    @Test
    void shouldTakeEveryDefaultFromGmvOptions() {
        LiveSettings s = settings();
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
        LiveSettings s =
                configured(
                        """
                        gmv.parallelism: 4
                        gmv.max-future-skew: PT30M
                        gmv.kafka.input-topics: [a, b]
                        gmv.kafka.idle-only-empty-partitions: true
                        gmv.checkpoint-interval: 30s
                        """,
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
        LiveSettings s = configured("gmv.jdbc.password: s3cret\n");
        // The environment variable wins when set; a test cannot unset it.
        assertThat(s.jdbcPassword())
                .isEqualTo(System.getenv().getOrDefault("GMV_JDBC_PASSWORD", "s3cret"));
    }

    @Test
    void shouldGiveTheJobTheConfigFilesKafkaPropertiesWithTheFlagsOverThem() throws Exception {
        LiveSettings s =
                configured(
                        """
                        gmv.kafka.bootstrap-servers: kafka-1:9093
                        gmv.kafka.properties.security.protocol: SASL_SSL
                        gmv.kafka.properties.sasl.mechanism: PLAIN
                        gmv.kafka.properties.sasl.jaas.config: >-
                          org.apache.kafka.common.security.plain.PlainLoginModule required
                          username="gmv" password="${env:GMV_KAFKA_PASSWORD}";
                        gmv.kafka.properties.config.providers: env
                        gmv.kafka.properties.config.providers.env.class: \
                          org.apache.kafka.common.config.provider.EnvVarConfigProvider
                        gmv.kafka.properties.request.timeout.ms: 30000
                        """,
                        "--kafka-property",
                        "sasl.mechanism=SCRAM-SHA-512",
                        "--kafka-property",
                        "ssl.truststore.location=/etc/gmv/ca.p12");
        assertThat(s.bootstrapServers()).isEqualTo("kafka-1:9093");
        assertThat(s.kafkaProperties())
                .containsExactly(
                        entry("security.protocol", "SASL_SSL"),
                        entry("sasl.mechanism", "SCRAM-SHA-512"),
                        entry(
                                "sasl.jaas.config",
                                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                        + " username=\"gmv\" password=\"${env:GMV_KAFKA_PASSWORD}\";"),
                        entry("config.providers", "env"),
                        entry(
                                "config.providers.env.class",
                                "org.apache.kafka.common.config.provider.EnvVarConfigProvider"),
                        entry("request.timeout.ms", "30000"),
                        entry("ssl.truststore.location", "/etc/gmv/ca.p12"));
    }

    @Test
    void shouldTakeASecretFlagOnlyAsAReference() {
        LiveSettings s =
                settings(
                        "--kafka-property",
                        "ssl.keystore.password=${file:/etc/gmv/kafka.properties:keystore}");
        assertThat(s.kafkaProperties())
                .containsEntry(
                        "ssl.keystore.password", "${file:/etc/gmv/kafka.properties:keystore}");
        // ssl.keystore.key is a password to Kafka's clients, whatever its name says.
        assertThatThrownBy(
                        () ->
                                settings(
                                        "--kafka-property",
                                        "ssl.keystore.key=-----BEGIN PRIVATE KEY-----"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(
                        "--kafka-property ssl.keystore.key: a secret on the command line")
                .hasMessageNotContaining("BEGIN");
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
