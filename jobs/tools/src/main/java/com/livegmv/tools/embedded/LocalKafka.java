package com.livegmv.tools.embedded;

import com.livegmv.jobs.live.KafkaProperties;
import com.livegmv.tools.feed.KafkaProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in a child JVM,
 * for {@code gmv demo} and end-to-end tests. The child uses this JVM's java binary and class path,
 * which holds {@code kafka_2.13} (a dependency of the tools module, never of the job jar).
 *
 * <p>The broker keeps its ports and log directory for its whole life, so {@link #restart()} after
 * {@link #stop()} or {@link #kill()} brings back the same data at the same address.
 *
 * <p>With {@link Builder#saslPlain} its client listener authenticates with SASL/PLAIN, as a secured
 * cluster does; clients then need {@link #clientProperties()}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private static final String LOG_FILE = "broker.log";
    private static final String FORMAT_LOG_FILE = "format.log";
    private static final int LOG_TAIL_LINES = 20;

    /** How long start, restart and topic creation may take. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** The broker JVM's heap, as for -Xmx. */
    private static final String HEAP = "512m";

    private final Path dir;
    private final Path logDir;
    private final Path propertiesFile;
    private final Path brokerLog;
    private final int port;
    private final int controllerPort;
    private final String saslUser;
    private final String saslPassword;
    private final ShutdownHook shutdownHook;

    private volatile Process process;
    private boolean closed;

    private LocalKafka(Builder b) throws IOException {
        this.dir = b.dir.toAbsolutePath();
        this.logDir = dir.resolve("kraft-logs");
        this.propertiesFile = dir.resolve("server.properties");
        this.brokerLog = dir.resolve(LOG_FILE);
        this.port = freePort();
        int cport = freePort();
        while (cport == this.port) {
            cport = freePort();
        }
        this.controllerPort = cport;
        this.saslUser = b.saslUser;
        this.saslPassword = b.saslPassword;
        // Whatever happens to this JVM short of SIGKILL, the broker must not outlive it. (For
        // SIGKILL, the child watches its stdin: see ChildProcessMain.)
        this.shutdownHook = ShutdownHook.add("embedded-kafka-killer", this::destroyChild);
    }

    /** Starts a broker on free ports with its data in {@code dir} (created if missing). */
    public static LocalKafka start(Path dir) {
        return builder(dir).start();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's process, while it runs. */
    public Optional<ProcessHandle> process() {
        Process p = process;
        return p != null && p.isAlive() ? Optional.of(p.toHandle()) : Optional.empty();
    }

    /**
     * What a client needs besides {@link #bootstrapServers()}: with SASL/PLAIN the protocol,
     * mechanism and the user's credentials (literally: a test broker's); otherwise nothing.
     */
    public Map<String, String> clientProperties() {
        if (saslUser == null) {
            return Map.of();
        }
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", plainLogin(saslUser, saslPassword, ""));
    }

    /** The JAAS line of Kafka's PLAIN login module; {@code extra} adds options. */
    public static String plainLogin(String user, String password, String extra) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\""
                + extra
                + ";";
    }

    public Path directory() {
        return dir;
    }

    /** The child's stdout and stderr, appended across restarts. */
    public Path logFile() {
        return brokerLog;
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Creates the topics that do not exist yet, each with {@code partitions} partitions, and waits
     * until every partition of every named topic has a leader. Existing topics are left as they
     * are.
     */
    public void createTopics(int partitions, String... names) {
        requireRunning();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            List<NewTopic> topics =
                    Arrays.stream(names)
                            .distinct()
                            .map(n -> new NewTopic(n, partitions, (short) 1))
                            .collect(Collectors.toList());
            for (Map.Entry<String, ? extends java.util.concurrent.Future<Void>> e :
                    admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "Could not create topic " + e.getKey() + ": " + ex.getCause(),
                                ex.getCause());
                    }
                }
            }
            awaitLeaders(admin, new java.util.HashSet<>(Arrays.asList(names)), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Timed out creating topics " + Arrays.toString(names) + logTail(brokerLog), e);
        }
    }

    /** Graceful shutdown (SIGTERM, controlled shutdown); SIGKILL if it takes over a minute. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        long t0 = System.nanoTime();
        p.destroy();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker did not stop within 60 s; killing it");
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(), millisSince(t0));
    }

    /** SIGKILL, as a crash would: no controlled shutdown, no flush. */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "Kafka broker pid " + p.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        LOG.info("Kafka broker at {} killed", bootstrapServers());
    }

    /** Stops the broker if it runs, then starts it again on the same ports and data. */
    public void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stop();
        launch();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        shutdownHook.remove();
    }

    // ---------------------------------------------------------------------------------------

    private void launch() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logDir);
            writeConfig();
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format();
            }
            Files.writeString(
                    brokerLog,
                    "---- starting broker at " + java.time.Instant.now() + " ----\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb =
                    new ProcessBuilder(javaCommand("kafka.Kafka", propertiesFile.toString()))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()));
            // stdin stays a pipe on purpose: the child exits when it reads EOF (this JVM died).
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch Kafka broker in " + dir, e);
        }
        awaitReady(t0);
    }

    private void awaitReady(long t0) {
        long deadline = t0 + START_TIMEOUT.toNanos();
        Throwable last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                Process p = process;
                if (p == null || !p.isAlive()) {
                    int code = p == null ? -1 : p.exitValue();
                    process = null;
                    throw new IllegalStateException(
                            "Kafka broker exited with code "
                                    + code
                                    + " during startup"
                                    + logTail(brokerLog));
                }
                try {
                    // The call itself paces the loop: it waits up to 2 s for an answer.
                    int nodes =
                            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                                    .nodes()
                                    .get(3, TimeUnit.SECONDS)
                                    .size();
                    if (nodes > 0) {
                        LOG.info(
                                "Kafka broker ready at {} (pid {}) in {} ms; data in {}",
                                bootstrapServers(),
                                p.pid(),
                                millisSince(t0),
                                logDir);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyChild();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
        destroyChild();
        throw new IllegalStateException(
                "Kafka broker at "
                        + bootstrapServers()
                        + " not ready after "
                        + START_TIMEOUT.toSeconds()
                        + " s (last error: "
                        + last
                        + ")"
                        + logTail(brokerLog));
    }

    private void format() throws IOException {
        Path formatLog = dir.resolve(FORMAT_LOG_FILE);
        String clusterId = Uuid.randomUuid().toString();
        Process p =
                new ProcessBuilder(
                                javaCommand(
                                        "kafka.tools.StorageTool",
                                        "format",
                                        "-t",
                                        clusterId,
                                        "-c",
                                        propertiesFile.toString()))
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(formatLog.toFile())
                        .start();
        // stdin stays open: the tool exits by itself, or with this JVM (see ChildProcessMain).
        try {
            if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "Kafka storage format timed out" + logTail(formatLog));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "Kafka storage format failed with exit code "
                            + p.exitValue()
                            + logTail(formatLog));
        }
        LOG.info("Formatted Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    private void writeConfig() throws IOException {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        // The client listener, which a single node also uses between "brokers"; the controller's
        // listener stays PLAINTEXT (on loopback, for this node only).
        String client = saslUser == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        c.put(
                "listeners",
                client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", client + "://127.0.0.1:" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", client);
        c.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (saslUser != null) {
            c.put("sasl.enabled.mechanisms", "PLAIN");
            c.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            // The broker logs in as the user, and knows that one user: user_NAME="PASSWORD".
            c.put(
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    plainLogin(
                            saslUser,
                            saslPassword,
                            " user_" + saslUser + "=\"" + saslPassword + "\""));
        }
        c.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "4");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "4");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("min.insync.replicas", "1");
        c.put("default.replication.factor", "1");
        // Flink's exactly-once Kafka sink defaults to transaction.timeout.ms = 1 h, above the
        // broker's default 15 min cap; raise the cap so the default works.
        c.put("transaction.max.timeout.ms", "3600000");
        c.put("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the restarted broker cannot register until the controller has fenced
        // the dead incarnation, i.e. until its session expires: 9 s by default, 5 s here.
        c.put("broker.session.timeout.ms", "5000");
        c.put("broker.heartbeat.interval.ms", "1000");
        // Small machine: few threads, small cleaner buffer (the default 128 MiB would eat the
        // heap).
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "2");
        c.put("background.threads", "2");
        c.put("num.recovery.threads.per.data.dir", "1");
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        StringBuilder sb = new StringBuilder("# Written by LocalKafka\n");
        c.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(propertiesFile, sb.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("log4j2.properties"), LOG4J2_CONFIG, StandardCharsets.UTF_8);
    }

    private List<String> javaCommand(String mainClass, String... args) {
        return ChildProcessMain.command(
                List.of(
                        "-Xms64m",
                        "-Xmx" + HEAP,
                        "-XX:+UseSerialGC",
                        "-Djava.awt.headless=true",
                        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties")),
                null,
                mainClass,
                args);
    }

    private Admin admin() {
        Properties p = KafkaProperties.admin(bootstrapServers(), clientProperties(), 2_000, 5_000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        return Admin.create(p);
    }

    private static void awaitLeaders(Admin admin, Set<String> names, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> d =
                        admin.describeTopics(names)
                                .allTopicNames()
                                .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                boolean ready =
                        d.values().stream()
                                .flatMap(t -> t.partitions().stream())
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    // The metadata names a leader before the broker serves as one: a produce
                    // request in between gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer
                    // whose first batch got it can stay stuck on OUT_OF_ORDER_SEQUENCE_NUMBER
                    // until its delivery timeout. ListOffsets is answered by the leader alone.
                    admin.listOffsets(KafkaProgress.latest(d.values()))
                            .all()
                            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata not propagated yet (UnknownTopicOrPartition), or a leader not serving
                // yet (NotLeaderOrFollower): ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + names + " have no leader");
            }
            // Metadata propagation in a single node takes milliseconds; a short pause between
            // polls keeps this loop from spinning.
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " is down");
        }
    }

    private void destroyChild() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** The last lines of a log, formatted to end an exception message. */
    public static String logTail(Path file) {
        try {
            if (!Files.exists(file)) {
                return " (no log at " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail =
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\nLast lines of " + file + ":\n  " + String.join("\n  ", tail);
        } catch (IOException | UncheckedIOException e) {
            return " (could not read " + file + ": " + e + ")";
        }
    }

    private static final String LOG4J2_CONFIG =
            String.join(
                    "\n",
                    "status = warn",
                    "appender.out.type = Console",
                    "appender.out.name = STDOUT",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.out.ref = STDOUT",
                    // Per-partition and per-request chatter: keep the log about the broker itself.
                    "logger.statechange.name = state.change.logger",
                    "logger.statechange.level = WARN",
                    "logger.request.name = kafka.request.logger",
                    "logger.request.level = WARN",
                    "logger.storage.name = org.apache.kafka.storage",
                    "logger.storage.level = WARN",
                    "logger.log.name = kafka.log",
                    "logger.log.level = WARN",
                    "");

    /** Options for {@link LocalKafka}, which listens on free ports. */
    public static final class Builder {
        private final Path dir;
        private String saslUser;
        private String saslPassword;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /**
         * The client listener takes SASL/PLAIN ({@code SASL_PLAINTEXT}) and knows one user, this
         * one; the KRaft controller's listener stays PLAINTEXT.
         */
        public Builder saslPlain(String user, String password) {
            this.saslUser = user;
            this.saslPassword = password;
            return this;
        }

        public LocalKafka start() {
            LocalKafka kafka;
            try {
                Files.createDirectories(dir);
                kafka = new LocalKafka(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare Kafka directory " + dir, e);
            }
            try {
                kafka.launch();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        }
    }
}
