package com.livegmv.jobs.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks before the live job starts, so that a wrong address or a missing topic is one clear
 * sentence instead of a restart loop: Kafka reachable with every topic present, PostgreSQL
 * reachable with the tables installed.
 */
public final class Preflight {
    private Preflight() {}

    /** A problem an operator must fix before the job can run. */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message);
        }
    }

    /**
     * @return notices for the operator from installing the schema (see {@link
     *     PostgresTables#installSchema})
     */
    public static List<String> check(LiveSettings s) {
        checkTopics(s.bootstrapServers(), topics(s));
        try {
            return PostgresTables.installSchema(
                    s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.plan());
        } catch (IllegalStateException e) {
            throw new NotReady(e.getMessage());
        }
    }

    static List<String> topics(LiveSettings s) {
        List<String> all = new ArrayList<>(s.inputTopics());
        all.add(s.grantsTopic());
        return all;
    }

    public static void checkTopics(String bootstrap, List<String> topics) {
        try {
            checkTopicsOrThrow(bootstrap, topics);
        } catch (org.apache.kafka.common.KafkaException e) {
            // e.g. "No resolvable bootstrap urls": a wrong --kafka, said in one sentence.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new NotReady(
                    "cannot reach Kafka at "
                            + bootstrap
                            + " ("
                            + cause.getMessage()
                            + "); check --kafka");
        }
    }

    private static void checkTopicsOrThrow(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing;
            try {
                existing = new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new NotReady(
                        "cannot reach Kafka at "
                                + bootstrap
                                + " within 15 s ("
                                + (e.getCause() != null ? e.getCause().getMessage() : e)
                                + "); check --kafka");
            }
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new NotReady(
                        "Kafka at "
                                + bootstrap
                                + " has no topic "
                                + String.join(", ", missing)
                                + "; create it (see README, \"Topics\") or name others with"
                                + " --input-topics / --grants-topic");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while checking Kafka");
        }
    }

    /** Creates the topics that do not exist yet (idempotent), for the demo and tests. */
    public static void ensureTopics(String bootstrap, int partitions, List<String> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(p)) {
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
