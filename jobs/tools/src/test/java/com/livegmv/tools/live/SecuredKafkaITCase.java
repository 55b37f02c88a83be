package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.LocalCluster;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.GmvJob;
import com.livegmv.jobs.live.LiveJob;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.Preflight;
import com.livegmv.tools.GmvJvm;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.feed.DemoProducer;
import com.livegmv.tools.feed.KafkaProgress;
import com.livegmv.tools.generate.GeneratedFestival;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job against a Kafka that wants credentials: one embedded broker whose listener takes
 * SASL/PLAIN. With the right password, which Kafka's own config provider reads from a file, events
 * go in and grants come out to PostgreSQL and to the grants topic, and nothing that Flink shows
 * holds the password. A wrong one fails {@code gmv run}'s preflight at once, in one line, exit 2.
 *
 * <p>The job runs as a local {@code gmv run} does: on the MiniCluster of {@code
 * getExecutionEnvironment(conf)} (no shared MiniCluster here), listening as {@link LocalCluster}
 * says.
 */
@Tag("slow")
class SecuredKafkaITCase {
    private static final String USER = "gmv";
    private static final String PASSWORD = "sasl-secret-7f3a";
    private static final String WRONG = "not-the-secret-2c9d";

    @TempDir static Path tmp;
    static LiveStack stack;
    static LocalKafka kafka;
    static LocalPostgres pg;
    static CampaignPlan plan;

    /** The credentials file a deployment keeps outside the config (mode 0600 in real life). */
    static Path secrets;

    @BeforeAll
    static void startStack() throws Exception {
        stack =
                LiveStack.start(
                        tmp,
                        LocalKafka.builder(tmp.resolve("kafka")).saslPlain(USER, PASSWORD).start());
        kafka = stack.kafka;
        pg = stack.pg;
        plan = stack.plan;
        secrets = tmp.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "password=" + PASSWORD + "\nwrong=" + WRONG + "\n");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The job's client properties: the password is a reference to {@code key} of the file. */
    static Map<String, String> clientProperties(String key) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("config.providers", "file");
        p.put(
                "config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.put(
                "sasl.jaas.config",
                LocalKafka.plainLogin(USER, "${file:" + secrets + ":" + key + "}", ""));
        return p;
    }

    @Test
    void shouldRunTheLiveJobWithThePasswordFromAFileAndShowItNowhere() throws Exception {
        List<String> topics = List.of("s-sessions", "s-signups", "s-orders", "s-grants");
        kafka.createTopics(2, topics.toArray(new String[0]));
        pg.createDatabase("secured");
        LiveSettings.Builder b =
                LiveSettings.builder(plan)
                        .kafka(
                                kafka.bootstrapServers(),
                                topics.subList(0, 3),
                                topics.get(3),
                                "gmv-secured")
                        .jdbc(pg.jdbcUrl("secured"), null, null)
                        .idleness(Duration.ofSeconds(30), false)
                        .checkpoints(
                                Duration.ofMillis(500),
                                tmp.resolve("cp").toUri().toString(),
                                tmp.resolve("sp").toUri().toString());
        b.kafkaProperties = clientProperties("password");
        b.parallelism = 2;
        b.restartAttempts = 0;
        LiveSettings s = b.build();
        // The preflight's admin client authenticates (and installs the schema).
        assertThatCode(() -> Preflight.check(s, null)).doesNotThrowAnyException();
        List<String> lines = GeneratedFestival.lines(plan, 500, 8_000, 31, 0.005);
        try (DemoProducer p =
                new DemoProducer(
                        kafka.bootstrapServers(), kafka.clientProperties(), s.inputTopics(), 0)) {
            p.run(DemoProducer.Feed.of(lines));
            assertThat(p.failure()).isNull();
        }

        Configuration conf = LiveJob.configuration(s);
        LocalCluster.listenOn(conf, InetAddress.getLoopbackAddress());
        int web = LocalKafka.freePort();
        conf.set(RestOptions.PORT, web);
        Set<InetSocketAddress> before =
                Listening.supported() ? Listening.ofThisProcess() : Set.of();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, s);
        JobClient job = env.executeAsync("secured-it");
        try {
            awaitCaughtUp(s, job);
            assertFlinkShowsNoSecretAndListensOnLoopbackOnly(job, web, before);
            // Drain: every campaign settles, every grant is committed to the topic.
            job.stopWithSavepoint(true, s.savepointDir(), SavepointFormatType.CANONICAL)
                    .get(3, TimeUnit.MINUTES);
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (Exception | AssertionError e) {
            // A job left running would keep its MiniCluster, and the broker busy, after the test.
            try {
                job.cancel().get(1, TimeUnit.MINUTES);
            } catch (Exception gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }

        Set<String> inDatabase = new HashSet<>();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT grant_id FROM incentive_grant")) {
            while (rs.next()) {
                inDatabase.add(rs.getString(1));
            }
        }
        assertThat(inDatabase).isNotEmpty();
        Map<String, List<String>> onTopic =
                GrantsTopicReader.read(
                        kafka.bootstrapServers(), kafka.clientProperties(), s.grantsTopic());
        assertThat(onTopic.keySet()).isEqualTo(inDatabase);
        assertThat(onTopic.values()).allSatisfy(v -> assertThat(v).hasSize(1));

        // Kafka's clients log their settings with passwords [hidden]; nor do we log them.
        Path log = Path.of("target/test-logs/tests.log");
        assertThat(log).isRegularFile();
        assertThat(Files.readString(log)).doesNotContain(PASSWORD);
    }

    /**
     * What the Flink web UI shows (the REST API behind it) holds no secret: the cluster's and the
     * job's configuration, the plan; the jar upload is off; and whatever this JVM opened to listen
     * while the job started (REST API, BLOB server) is on loopback only.
     */
    private static void assertFlinkShowsNoSecretAndListensOnLoopbackOnly(
            JobClient job, int web, Set<InetSocketAddress> before) throws Exception {
        String base = "http://127.0.0.1:" + web;
        assertThat(get(base + "/config")).contains("\"web-submit\":false");
        String id = job.getJobID().toHexString();
        for (String path :
                List.of(
                        "/jobmanager/config",
                        "/jobs/" + id,
                        "/jobs/" + id + "/config",
                        "/jobs/" + id + "/plan")) {
            assertThat(get(base + path))
                    .as(path)
                    .doesNotContain(PASSWORD)
                    .doesNotContain("PlainLoginModule");
        }

        if (Listening.supported()) {
            Set<InetSocketAddress> opened = new HashSet<>(Listening.ofThisProcess());
            opened.removeAll(before);
            assertThat(opened)
                    .as("the REST API among the sockets found")
                    .anyMatch(a -> a.getPort() == web)
                    .allSatisfy(
                            a ->
                                    assertThat(a.getAddress().isLoopbackAddress())
                                            .as("%s", a)
                                            .isTrue());
        }
        for (InetAddress other : Listening.nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other, web), 2_000);
                throw new AssertionError("the REST API answers on " + other);
            } catch (ConnectException refused) {
                // nothing listens there: as it should be
            }
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static void awaitCaughtUp(LiveSettings s, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (KafkaProgress progress =
                new KafkaProgress(
                        s.bootstrapServers(),
                        kafka.clientProperties(),
                        s.inputTopics(),
                        s.groupId())) {
            while (!progress.caughtUp()) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("job still running")
                        .isFalse();
                assertThat(System.nanoTime()).as("caught up in 3 minutes").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(200); // polling interval of a condition
            }
        }
    }

    // ---- gmv run's preflight

    private record Run(int status, String out, String err, long millis) {}

    private static List<String> runArgs(String... flags) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--campaigns",
                                "../../config/campaigns.yaml",
                                "--kafka",
                                kafka.bootstrapServers(),
                                "--checkpoint-dir",
                                tmp.resolve("run-cp").toString(),
                                "--savepoint-dir",
                                tmp.resolve("run-sp").toString(),
                                "--metrics-port",
                                "0"));
        args.addAll(List.of(flags));
        return args;
    }

    private static Run gmvRun(String... flags) throws Exception {
        List<String> args = runArgs(flags);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int status =
                Cli.run(
                        GmvJob.commands(),
                        args.toArray(String[]::new),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                status,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * {@code gmv run} in a JVM of its own, as {@code ./gmv} starts it, with {@code variables} added
     * to its environment.
     */
    private static Run launch(Map<String, String> variables, String... flags) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                        GmvJvm.command("512m", tmp.resolve("logs"), GmvJob.class, runArgs(flags)));
        pb.environment().remove("GMV_KAFKA_PASSWORD");
        pb.environment().putAll(variables);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(
                p.exitValue(), out, err, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Client properties with the password from the environment variable GMV_KAFKA_PASSWORD. */
    private static Path envConfig() throws Exception {
        Path file = tmp.resolve("env.yaml");
        Files.writeString(
                file,
                """
                gmv.kafka.properties.security.protocol: SASL_PLAINTEXT
                gmv.kafka.properties.sasl.mechanism: PLAIN
                gmv.kafka.properties.config.providers: env
                gmv.kafka.properties.config.providers.env.class: \
                org.apache.kafka.common.config.provider.EnvVarConfigProvider
                gmv.kafka.properties.sasl.jaas.config: >-
                  org.apache.kafka.common.security.plain.PlainLoginModule required
                  username="%s" password="${env:GMV_KAFKA_PASSWORD}";
                """
                        .formatted(USER));
        return file;
    }

    @Test
    void shouldTakeThePasswordFromTheEnvironmentAndSayWhenItIsNotSet() throws Exception {
        Path config = envConfig();
        Run set =
                launch(
                        Map.of("GMV_KAFKA_PASSWORD", PASSWORD),
                        "--config",
                        config.toString(),
                        "--input-topics",
                        "no-such-topic");
        assertThat(set.status()).as(set.err()).isEqualTo(2);
        assertThat(set.err().strip())
                .doesNotContain("\n")
                .contains(
                        "has no topic no-such-topic, incentive-grants that its user may describe");

        Run unset = launch(Map.of(), "--config", config.toString());
        assertThat(unset.status()).as(unset.err()).isEqualTo(2);
        assertThat(unset.err().strip())
                .doesNotContain("\n")
                .contains("refused the credentials")
                .endsWith(
                        "check gmv.kafka.properties (not set in this environment:"
                                + " GMV_KAFKA_PASSWORD)");
    }

    /** A --config file of the client properties, the password taken from {@code key}. */
    private static Path config(String name, String key) throws Exception {
        StringBuilder yaml = new StringBuilder();
        clientProperties(key)
                .forEach(
                        (k, v) ->
                                yaml.append("gmv.kafka.properties.")
                                        .append(k)
                                        .append(": '")
                                        .append(v.replace("'", "''"))
                                        .append("'\n"));
        Path file = tmp.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void shouldFailThePreflightAtOnceInOneLineWhenThePasswordIsWrong() throws Exception {
        Run r = gmvRun("--config", config("wrong.yaml", "wrong").toString());

        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith(
                        "gmv run: Kafka at "
                                + kafka.bootstrapServers()
                                + " refused the credentials (")
                .contains("Authentication failed")
                .endsWith("; check gmv.kafka.properties")
                .doesNotContain(WRONG)
                .doesNotContain(PASSWORD);
        assertThat(r.out()).isEmpty();
        // An authentication error, not the preflight's 15 s timeout.
        assertThat(r.millis()).isLessThan(10_000);
    }

    @Test
    void shouldPassThePreflightsKafkaCheckWithTheRightPasswordFromConfigAndFlags()
            throws Exception {
        // The secret in the file's reference, the rest as flags: the check goes on to the topics.
        Path onlySecret = tmp.resolve("secret-only.yaml");
        Files.writeString(
                onlySecret,
                Files.readString(config("right.yaml", "password"))
                        .lines()
                        .filter(l -> !l.contains("security.protocol") && !l.contains("mechanism"))
                        .reduce("", (a, b) -> a + b + "\n"));
        Run r =
                gmvRun(
                        "--config",
                        onlySecret.toString(),
                        "--kafka-property",
                        "security.protocol=SASL_PLAINTEXT",
                        "--kafka-property",
                        "sasl.mechanism=PLAIN",
                        "--input-topics",
                        "no-such-topic");

        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo(
                        "gmv run: Kafka at "
                                + kafka.bootstrapServers()
                                + " has no topic no-such-topic, incentive-grants that its user may"
                                + " describe; create it (see README, \"Topics\") or name others"
                                + " with --input-topics / --grants-topic");
    }
}
