package com.livegmv.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A standalone Flink session cluster made of separate JVMs, as {@code bin/jobmanager.sh} and {@code
 * bin/taskmanager.sh} would start them: one JobManager ({@code StandaloneSessionClusterEntrypoint})
 * and any number of TaskManagers ({@code TaskManagerRunner}), all on 127.0.0.1, sharing one {@code
 * config.yaml}. The JVMs get only Flink's own jars (see {@link #flinkOnlyClassPath()}), so a job's
 * code and connectors can only come from the jar submitted to the cluster.
 *
 * <p>Each child writes its log4j log to {@code NAME.log} and its stdout and stderr to {@code
 * NAME.out} in the cluster directory. {@link #close()} (and a shutdown hook, should the test JVM
 * exit without it) kills every child.
 */
final class FlinkProcessCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What Flink's distribution passes to every JVM on Java 17 (env.java.default-opts.all): the JDK
     * internals that Flink's serializers and network stack reach into.
     */
    private static final List<String> JAVA_17_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String LOG4J2 =
            String.join(
                    "\n",
                    "# Written by FlinkProcessCluster; log.file is set per process.",
                    "monitorInterval = 0",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.main.ref = MainAppender",
                    "appender.main.name = MainAppender",
                    "appender.main.type = File",
                    "appender.main.append = true",
                    "appender.main.fileName = ${sys:log.file}",
                    "appender.main.layout.type = PatternLayout",
                    "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n",
                    "logger.kafka.name = org.apache.kafka",
                    "logger.kafka.level = WARN",
                    "logger.pekko.name = org.apache.pekko",
                    "logger.pekko.level = WARN",
                    "");

    /** One child JVM: its process and where its output goes. */
    record Child(String name, Process process, Path log, Path out) {}

    private final Path dir;
    private final Path confDir;
    private final List<String> classPath;
    private final Configuration flinkConf;
    private final int restPort;
    private final HttpClient http;
    private final Map<String, Child> children = new LinkedHashMap<>();

    /** Children this class ended on purpose; any other child that exits is a failure. */
    private final Set<String> ended = new HashSet<>();

    private int taskManagers;

    private FlinkProcessCluster(Path dir, Map<String, String> config) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.confDir = this.dir.resolve("conf");
        Files.createDirectories(confDir);
        this.restPort = Integer.parseInt(config.get("rest.port"));
        StringBuilder yaml = new StringBuilder("# Written by FlinkProcessCluster\n");
        new TreeMap<>(config)
                .forEach((k, v) -> yaml.append(k).append(": ").append(yamlScalar(v)).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(confDir.resolve("log4j.properties"), LOG4J2, StandardCharsets.UTF_8);
        // Read back the way the cluster reads it: a typo in a key or value shows here.
        this.flinkConf = GlobalConfiguration.loadConfiguration(confDir.toString());
        this.classPath = flinkOnlyClassPath();
        Files.write(this.dir.resolve("classpath.txt"), classPath, StandardCharsets.UTF_8);
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(this::killAll, "flink-process-cluster-killer"));
    }

    /**
     * Writes {@code dir/conf/config.yaml} from {@code config} (which must name {@code rest.port})
     * and starts the JobManager; does not wait for it (see {@link #awaitRestApi()}).
     */
    static FlinkProcessCluster startJobManager(Path dir, Map<String, String> config) {
        FlinkProcessCluster c;
        try {
            c = new FlinkProcessCluster(dir, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Flink cluster in " + dir, e);
        }
        try {
            JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(c.flinkConf);
            List<String> args = new ArrayList<>(List.of("--configDir", c.confDir.toString()));
            args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
            c.launch(
                    "jobmanager",
                    split(JobManagerProcessUtils.generateJvmParametersStr(spec, c.flinkConf)),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    args);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    Path directory() {
        return dir;
    }

    List<String> classPath() {
        return classPath;
    }

    /**
     * Starts one more TaskManager, with resource id {@code tm-N} (as the REST API lists it) and its
     * own temporary directories (RocksDB works in them); does not wait for it to register.
     */
    String startTaskManager() {
        String id = "tm-" + (++taskManagers);
        Path tmp = dir.resolve(id + "-tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        args.addAll(List.of("-D", "io.tmp.dirs=" + tmp));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        launch(
                id,
                split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                args);
        return id;
    }

    /** SIGKILL, as a crashed machine would look: no shutdown, no goodbye to the JobManager. */
    void killTaskManager(String id) {
        Child c = child(id);
        ended.add(id);
        c.process().destroyForcibly();
        waitForExit(c, Duration.ofSeconds(30));
    }

    /** SIGTERM: Flink's orderly shutdown; SIGKILL if it takes more than 30 s. */
    void stopTaskManager(String id) {
        Child c = child(id);
        ended.add(id);
        c.process().destroy();
        if (!waitForExit(c, Duration.ofSeconds(30))) {
            c.process().destroyForcibly();
            waitForExit(c, Duration.ofSeconds(30));
        }
    }

    /** Waits until the REST API answers {@code /overview}. */
    void awaitRestApi() {
        awaitCondition(
                "the JobManager's REST API at " + restUrl(),
                START_TIMEOUT,
                () -> {
                    try {
                        return get("/overview").has("taskmanagers");
                    } catch (RestUnavailable e) {
                        return false;
                    }
                });
    }

    /** Waits until exactly these TaskManagers are registered (a lost one is gone from the list). */
    void awaitTaskManagers(Set<String> ids, Duration timeout) {
        awaitCondition(
                "TaskManagers " + ids + " registered",
                timeout,
                () -> registeredTaskManagers().equals(ids));
    }

    Set<String> registeredTaskManagers() {
        Set<String> ids = new HashSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /**
     * Polls {@code condition} every 100 ms until it holds; fails after {@code timeout}, or as soon
     * as a child has died, with the tails of the logs.
     */
    void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Child c : children.values()) {
                if (!ended.contains(c.name()) && !c.process().isAlive()) {
                    throw new IllegalStateException(
                            c.name()
                                    + " exited with code "
                                    + c.process().exitValue()
                                    + " while waiting for "
                                    + what
                                    + logTails());
                }
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + logTails());
            }
            pause();
        }
    }

    // ---- REST -----------------------------------------------------------------------------------

    /** The REST API is not (yet, or any more) answering. */
    static final class RestUnavailable extends RuntimeException {
        RestUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(restUrl() + path)).GET(), path);
    }

    JsonNode post(String path, String json) {
        return send(
                HttpRequest.newBuilder(URI.create(restUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                path);
    }

    JsonNode post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code POST /jars/upload}: multipart/form-data with the jar in the field {@code jarfile}.
     * Returns the jar id for {@code /jars/{jarid}/run}.
     */
    String uploadJar(Path jar) {
        String boundary = "----gmv-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body =
                    HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                            HttpRequest.BodyPublishers.ofFile(jar),
                            HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
        JsonNode r =
                send(
                        HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(body),
                        "/jars/upload");
        if (!"success".equals(r.path("status").asText())) {
            throw new IllegalStateException("jar upload failed: " + r);
        }
        // "filename" is the path on the JobManager; its last segment is the jar id.
        return Path.of(r.path("filename").asText()).getFileName().toString();
    }

    /**
     * {@code POST /jars/{jarid}/run}: the JobManager runs the jar's main class with these
     * arguments; returns the id of the job it submitted.
     */
    String runJar(String jarId, List<String> programArgs) {
        JsonNode r = post("/jars/" + jarId + "/run", Map.of("programArgsList", programArgs));
        String jobId = r.path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw new IllegalStateException("no job id in the answer: " + r + logTails());
        }
        return jobId;
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            request.timeout(Duration.ofMinutes(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new RestUnavailable("REST API at " + restUrl() + " refused " + path, e);
        } catch (IOException e) {
            throw new RestUnavailable("REST call " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + path, e);
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "REST "
                            + path
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body()
                            + logTails());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "REST " + path + " answered no JSON: " + response.body());
        }
    }

    // ---- processes ------------------------------------------------------------------------------

    private void launch(String name, List<String> memoryOptions, String main, List<String> args) {
        Path log = dir.resolve(name + ".log");
        Path out = dir.resolve(name + ".out");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memoryOptions);
        // Small heaps on a small machine: the serial collector, no parallel GC threads.
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(JAVA_17_OPENS);
        cmd.add("-Dlog.file=" + log);
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties"));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(main);
        cmd.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        try {
            Files.writeString(
                    out,
                    "---- " + String.join(" ", cmd) + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process p = pb.start();
            p.getOutputStream().close();
            children.put(name, new Child(name, p, log, out));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    private Child child(String name) {
        Child c = children.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no process " + name);
        }
        return c;
    }

    private static boolean waitForExit(Child c, Duration timeout) {
        try {
            return c.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void killAll() {
        List<Child> all = new ArrayList<>(children.values());
        java.util.Collections.reverse(all); // TaskManagers first, the JobManager last
        for (Child c : all) {
            if (c.process().isAlive()) {
                c.process().destroyForcibly();
            }
        }
        for (Child c : all) {
            waitForExit(c, Duration.ofSeconds(30));
        }
    }

    /**
     * Kills every child (SIGKILL: nothing of a test cluster is worth an orderly shutdown). The
     * shutdown hook stays: at exit it finds nothing left to kill, as a second close does.
     */
    @Override
    public void close() {
        killAll();
    }

    /** The last lines of every child's log and output, to end an exception message. */
    String logTails() {
        StringBuilder b = new StringBuilder();
        for (Child c : children.values()) {
            b.append(tail(c.log())).append(tail(c.out()));
        }
        return b.toString();
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            List<String> tail =
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\n---- last lines of " + file + ":\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "\n---- cannot read " + file + ": " + e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // the interval of a polling loop, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    private static String yamlScalar(String v) {
        return v.matches("[A-Za-z0-9._/-]+") ? v : "'" + v.replace("'", "''") + "'";
    }

    // ---- the class path -------------------------------------------------------------------------

    /**
     * The test JVM's class path, narrowed to what a Flink distribution's {@code lib/} holds.
     *
     * <p>Under Surefire/Failsafe {@code java.class.path} may be a single manifest-only jar; its
     * {@code Class-Path} is then the real class path. From that:
     *
     * <ul>
     *   <li>Dropped: our own modules ({@code target/classes}, {@code target/test-classes}, {@code
     *       gmv-*.jar}): the job's code must come from the submitted jar.
     *   <li>Dropped: what the shaded job jar carries itself: the Kafka and JDBC connectors and
     *       flink-connector-base, kafka-clients (with zstd-jni), the PostgreSQL driver (with
     *       checker-qual), unshaded Jackson and SnakeYAML. With them on the cluster's class path,
     *       Flink's parent-first class loading ({@code org.apache.flink.*}) would run the cluster's
     *       copy instead of the jar's, and a jar missing a connector would still pass.
     *   <li>Dropped: the embedded test stack and test tools: {@code kafka_2.13} and every other
     *       {@code org.apache.kafka} jar, Scala and the broker's libraries, zonky's embedded
     *       PostgreSQL and its archives, JUnit, AssertJ, flink-test-utils and Flink's test jars,
     *       Testcontainers, Curator/ZooKeeper test servers, unshaded Netty and Guava, ...
     * </ul>
     *
     * Rather than listing everything to drop, this keeps a jar only if it is one of: Flink's own
     * ({@code org.apache.flink}, minus the above), FRocksDB ({@code com.ververica:frocksdbjni}),
     * Log4j 2 and SLF4J, or one of the third-party libraries that flink-core, flink-runtime,
     * flink-clients, flink-streaming-java, flink-runtime-web and flink-statebackend-rocksdb depend
     * on at compile or runtime scope ({@link #FLINK_THIRD_PARTY}). A dependency Flink gains in a
     * future version then fails loudly (ClassNotFoundException in a child's log) instead of a test
     * library leaking in silently. {@link #checkFlinkOnly} then checks the jars' contents.
     */
    static List<String> flinkOnlyClassPath() {
        List<Path> all = testClassPath();
        List<String> kept = new ArrayList<>();
        for (Path p : all) {
            if (isFlinkRuntime(p)) {
                kept.add(p.toString());
            }
        }
        checkFlinkOnly(kept);
        return kept;
    }

    /** Third-party artifacts (artifactId) of Flink's runtime, as Maven resolves them. */
    private static final Set<String> FLINK_THIRD_PARTY =
            Set.of(
                    // flink-core
                    "commons-lang3",
                    "commons-text",
                    "commons-collections",
                    "commons-compress",
                    "snakeyaml-engine",
                    "kryo",
                    "reflectasm",
                    "objenesis",
                    "minlog",
                    "jsr305",
                    // flink-runtime, flink-clients, flink-streaming-java
                    "commons-io",
                    "commons-cli",
                    "commons-math3",
                    "javassist",
                    "snappy-java",
                    "lz4-java",
                    "async-profiler",
                    // flink-statebackend-rocksdb
                    "frocksdbjni",
                    // logging: what a distribution's lib/ holds
                    "slf4j-api",
                    "log4j-api",
                    "log4j-core",
                    "log4j-slf4j2-impl");

    /** Flink artifacts that are not part of a cluster: connectors the job jar carries, tests. */
    private static final Set<String> NOT_FLINK_RUNTIME =
            Set.of(
                    "flink-connector-kafka",
                    "flink-connector-jdbc-core",
                    "flink-connector-jdbc-postgres",
                    "flink-connector-base",
                    "flink-test-utils",
                    "flink-test-utils-junit");

    private static boolean isFlinkRuntime(Path p) {
        String file = p.getFileName().toString();
        if (!Files.isRegularFile(p) || !file.endsWith(".jar") || file.startsWith("gmv-")) {
            return false; // module output directories, our own jars
        }
        Path versionDir = p.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getParent() == null) {
            return false; // not a jar from a Maven repository
        }
        String artifact = artifactDir.getFileName().toString();
        String version = versionDir.getFileName().toString();
        if (!file.equals(artifact + "-" + version + ".jar")) {
            return false; // classified jars: Flink's test jars (-tests), sources, ...
        }
        String group = artifactDir.getParent().toString().replace(File.separatorChar, '/');
        if (group.endsWith("/org/apache/flink")) {
            return !NOT_FLINK_RUNTIME.contains(artifact);
        }
        return FLINK_THIRD_PARTY.contains(artifact);
    }

    /** Packages that must not be on the cluster's class path. */
    private static final List<String> FORBIDDEN =
            List.of(
                    "com/livegmv/",
                    "org/apache/flink/connector/kafka/",
                    "org/apache/flink/connector/jdbc/",
                    "org/apache/kafka/",
                    "org/postgresql/",
                    "com/fasterxml/jackson/",
                    "io/zonky/",
                    "scala/",
                    "org/junit/",
                    "org/assertj/");

    /** Fails when a class-path entry holds any class of {@link #FORBIDDEN}. */
    static void checkFlinkOnly(List<String> classPath) {
        for (String entry : classPath) {
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream()
                        .map(java.util.zip.ZipEntry::getName)
                        .filter(n -> FORBIDDEN.stream().anyMatch(n::startsWith))
                        .findFirst()
                        .ifPresent(
                                n -> {
                                    throw new IllegalStateException(
                                            "the cluster class path would hold "
                                                    + n
                                                    + " from "
                                                    + entry);
                                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + entry, e);
            }
        }
    }

    /** This JVM's class path, unwrapped from a manifest-only jar (Surefire, Failsafe). */
    static List<Path> testClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath());
            }
        }
        if (entries.size() != 1 || !entries.get(0).toString().endsWith(".jar")) {
            return entries;
        }
        Path jar = entries.get(0);
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) {
                return entries;
            }
            List<Path> unwrapped = new ArrayList<>();
            URI base = jar.getParent().toUri();
            for (String url : cp.trim().split("\\s+")) {
                unwrapped.add(Path.of(base.resolve(url)));
            }
            return unwrapped;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }
}
