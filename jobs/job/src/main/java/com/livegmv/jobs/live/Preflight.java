package com.livegmv.jobs.live;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Checks before the live job starts, so that a wrong address, a missing topic or an unusable
 * directory is one clear sentence instead of a stack trace or a restart loop: local checkpoint and
 * savepoint directories writable, the savepoint to start from present, Kafka reachable with every
 * topic present, PostgreSQL reachable with the tables installed.
 *
 * <p>Directories on other file systems ({@code s3://}, {@code hdfs://}, ...) cannot be checked from
 * here without their plugins; Flink reports them when the job starts.
 */
public final class Preflight {
    /** The file that makes a directory a savepoint or retained checkpoint. */
    private static final String METADATA = "_metadata";

    private Preflight() {}

    /** A problem an operator must fix before the job can run. */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message);
        }
    }

    /**
     * Every check; {@code savepoint} is the path to start from, or null.
     *
     * @return notices for the operator from installing the schema (see {@link
     *     PostgresTables#installSchema})
     */
    public static List<String> check(LiveSettings s, String savepoint) {
        checkDirectories(s, savepoint);
        checkTopics(s.bootstrapServers(), s.kafkaProperties(), topics(s));
        try {
            return PostgresTables.installSchema(
                    s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.plan());
        } catch (IllegalStateException e) {
            throw new NotReady(e.getMessage());
        }
    }

    /** The checks that need no network: what run refuses before it contacts anything. */
    public static void checkDirectories(LiveSettings s, String savepoint) {
        writableDirectory("--checkpoint-dir", s.checkpointDir());
        writableDirectory("--savepoint-dir", s.savepointDir());
        if (savepoint != null) {
            savepoint(savepoint);
        }
    }

    /** The local directory of a path or {@code file:} URI; null for other file systems. */
    static Path local(String flag, String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            // Not a URI (a space, say): a plain local path.
            return Path.of(location);
        }
        if (uri.getScheme() == null) {
            return Path.of(location);
        }
        if (!uri.getScheme().equals("file")) {
            return null;
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new NotReady(flag + ": not a file URI with a path: " + location);
        }
        return Path.of(uri.getPath());
    }

    private static void writableDirectory(String flag, String location) {
        Path dir = local(flag, location);
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".gmv-write-check", ""));
        } catch (IOException | SecurityException e) {
            throw new NotReady(
                    flag
                            + ": cannot create or write "
                            + location
                            + " ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + ")");
        }
    }

    /** A savepoint or retained checkpoint: a directory holding {@code _metadata}, or that file. */
    private static void savepoint(String location) {
        Path p = local("--from-savepoint", location);
        if (p == null) {
            return;
        }
        if (!Files.exists(p)) {
            throw new NotReady("--from-savepoint: no such file or directory: " + location);
        }
        boolean metadata =
                Files.isDirectory(p)
                        ? Files.isRegularFile(p.resolve(METADATA))
                        : p.getFileName().toString().equals(METADATA);
        if (!metadata || !Files.isReadable(Files.isDirectory(p) ? p.resolve(METADATA) : p)) {
            throw new NotReady(
                    "--from-savepoint: "
                            + location
                            + " is not a savepoint: no readable "
                            + METADATA
                            + " file (name a savepoint directory or a retained checkpoint's"
                            + " chk-N directory)");
        }
    }

    static List<String> topics(LiveSettings s) {
        List<String> all = new ArrayList<>(s.inputTopics());
        all.add(s.grantsTopic());
        return all;
    }

    /**
     * Kafka answers at {@code bootstrap}, with the job's client properties, and has every topic.
     * Bounded by 15 s, and refused credentials end it at once: they are one sentence, never a
     * timeout. No message shows a property's value ({@link Secrets#scrub}).
     */
    public static void checkTopics(
            String bootstrap, Map<String, String> clientProperties, List<String> topics) {
        try {
            checkTopicsOrThrow(bootstrap, clientProperties, topics);
        } catch (org.apache.kafka.common.KafkaException e) {
            // e.g. "No resolvable bootstrap urls" (a wrong --kafka) or "Failed to create new
            // KafkaAdminClient" (a client property Kafka refuses), said in one sentence.
            throw kafkaProblem(
                    "cannot reach Kafka at " + bootstrap,
                    rootMessage(e),
                    clientProperties,
                    "--kafka"
                            + (clientProperties.isEmpty() ? "" : " and the gmv.kafka.properties"));
        }
    }

    private static void checkTopicsOrThrow(
            String bootstrap, Map<String, String> clientProperties, List<String> topics) {
        // The preflight's own bound, whatever the job's clients are given.
        try (Admin admin =
                Admin.create(KafkaProperties.admin(bootstrap, clientProperties, 5_000, 10_000))) {
            Set<String> existing;
            try {
                existing = new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof AuthenticationException) {
                    List<String> unset = KafkaProperties.unsetVariables(clientProperties);
                    throw kafkaProblem(
                            "Kafka at " + bootstrap + " refused the credentials",
                            cause.getMessage(),
                            clientProperties,
                            "gmv.kafka.properties"
                                    + (unset.isEmpty()
                                            ? ""
                                            : " (not set in this environment: "
                                                    + String.join(", ", unset)
                                                    + ")"));
                }
                throw kafkaProblem(
                        "cannot reach Kafka at " + bootstrap + " within 15 s",
                        cause.getMessage(),
                        clientProperties,
                        "--kafka"
                                + (clientProperties.isEmpty()
                                        ? ""
                                        : " and gmv.kafka.properties.security.protocol"));
            }
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new NotReady(
                        "Kafka at "
                                + bootstrap
                                + " has no topic "
                                + String.join(", ", missing)
                                + (clientProperties.isEmpty()
                                        ? ""
                                        // With ACLs, topics the user may not describe are unlisted.
                                        : " that its user may describe")
                                + "; create it (see README, \"Topics\") or name others with"
                                + " --input-topics / --grants-topic");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while checking Kafka");
        }
    }

    /** "{problem} ({cause}); check {what}", the cause without a client property's value. */
    private static NotReady kafkaProblem(
            String problem, String cause, Map<String, String> clientProperties, String what) {
        return new NotReady(
                problem + " (" + Secrets.scrub(cause, clientProperties) + "); check " + what);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Creates the topics that do not exist yet (idempotent), for the demo and tests. */
    public static void ensureTopics(String bootstrap, int partitions, List<String> topics) {
        try (Admin admin =
                Admin.create(KafkaProperties.admin(bootstrap, Map.of(), 10_000, 15_000))) {
            Set<String> existing =
                    new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
            List<org.apache.kafka.clients.admin.NewTopic> create =
                    topics.stream()
                            .filter(t -> !existing.contains(t))
                            .map(
                                    t ->
                                            new org.apache.kafka.clients.admin.NewTopic(
                                                    t, partitions, (short) 1))
                            .toList();
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new NotReady(
                    "cannot create topics on Kafka at " + bootstrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while creating topics");
        }
    }
}
