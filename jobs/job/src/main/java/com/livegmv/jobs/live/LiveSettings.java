package com.livegmv.jobs.live;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Everything the live job needs, validated. Built with {@link #builder}, which starts from the
 * defaults of {@link GmvOptions}, so a caller assigns only what differs; a new setting is one
 * component, one builder field of its name and its default in {@link #builder}. {@link #toString}
 * shows no secret: neither the database password nor the values of the Kafka client properties.
 */
public record LiveSettings(
        CampaignPlan plan,
        String bootstrapServers,
        List<String> inputTopics,
        String grantsTopic,
        String groupId,
        Map<String, String> kafkaProperties,
        Duration partitionIdleness,
        boolean idleOnlyWhenEmpty,
        boolean bounded,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int parallelism,
        Duration maxOutOfOrderness,
        Duration maxFutureSkew,
        Duration checkpointInterval,
        String checkpointDir,
        String savepointDir,
        String stateBackend,
        int restartAttempts,
        int injectFailures,
        Duration progressInterval)
        implements Serializable {

    public LiveSettings {
        Objects.requireNonNull(plan, "plan");
        // The settings travel inside the job graph: no list views, which do not serialize.
        inputTopics = List.copyOf(inputTopics);
        KafkaProperties.check(kafkaProperties);
        kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaProperties));
    }

    /** The settings by name, with the password and the client properties' values hidden. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "LiveSettings[", "]");
        for (RecordComponent c : LiveSettings.class.getRecordComponents()) {
            Object v =
                    switch (c.getName()) {
                        case "jdbcPassword" ->
                                jdbcPassword == null || jdbcPassword.isEmpty() ? "" : "***";
                        case "jdbcUrl" -> Secrets.jdbcUrl(jdbcUrl);
                        case "kafkaProperties" -> "[" + KafkaProperties.keys(kafkaProperties) + "]";
                        default -> value(c);
                    };
            j.add(c.getName() + "=" + v);
        }
        return j.toString();
    }

    private Object value(RecordComponent c) {
        try {
            return c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The defaults of {@link GmvOptions} for this plan (unbounded). */
    public static Builder builder(CampaignPlan plan) {
        Builder b =
                new Builder(plan)
                        .kafka(
                                GmvOptions.KAFKA_BOOTSTRAP.defaultValue(),
                                GmvOptions.INPUT_TOPICS.defaultValue(),
                                GmvOptions.GRANTS_TOPIC.defaultValue(),
                                GmvOptions.GROUP_ID.defaultValue())
                        .idleness(
                                GmvOptions.IDLENESS.defaultValue(),
                                GmvOptions.IDLE_ONLY_EMPTY.defaultValue())
                        .jdbc(
                                GmvOptions.JDBC_URL.defaultValue(),
                                GmvOptions.JDBC_USER.defaultValue(),
                                GmvOptions.JDBC_PASSWORD.defaultValue())
                        .checkpoints(
                                GmvOptions.CHECKPOINT_INTERVAL.defaultValue(),
                                GmvOptions.CHECKPOINT_DIR.defaultValue(),
                                GmvOptions.SAVEPOINT_DIR.defaultValue());
        b.kafkaProperties = Map.of();
        b.parallelism = GmvOptions.PARALLELISM.defaultValue();
        b.maxOutOfOrderness = GmvOptions.MAX_OUT_OF_ORDERNESS.defaultValue();
        b.maxFutureSkew = GmvOptions.MAX_FUTURE_SKEW.defaultValue();
        b.stateBackend = GmvOptions.STATE_BACKEND.defaultValue();
        b.restartAttempts = GmvOptions.RESTART_ATTEMPTS.defaultValue();
        b.injectFailures = GmvOptions.INJECT_FAILURES.defaultValue();
        b.progressInterval = GmvOptions.PROGRESS_INTERVAL.defaultValue();
        return b;
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(plan);
        for (RecordComponent c : LiveSettings.class.getRecordComponents()) {
            // Every component but the plan has the builder field of its name.
            if (!c.getName().equals("plan")) {
                try {
                    Builder.class.getField(c.getName()).set(b, value(c));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return b;
    }

    /** The settings as fields: assign those that differ, then {@link #build}. */
    public static final class Builder {
        private final CampaignPlan plan;
        public String bootstrapServers;
        public List<String> inputTopics;
        public String grantsTopic;
        public String groupId;

        /**
         * Client properties for every Kafka client of the job ({@code gmv.kafka.properties.*},
         * without the prefix), e.g. {@code security.protocol}; none by default.
         */
        public Map<String, String> kafkaProperties;

        public Duration partitionIdleness;
        public boolean idleOnlyWhenEmpty;

        /** Stop at the offsets current at the start (tests), instead of running forever. */
        public boolean bounded;

        public String jdbcUrl;
        public String jdbcUser;
        public String jdbcPassword;
        public int parallelism;
        public Duration maxOutOfOrderness;
        public Duration maxFutureSkew;
        public Duration checkpointInterval;
        public String checkpointDir;
        public String savepointDir;

        /** "rocksdb" or "hashmap". */
        public String stateBackend;

        public int restartAttempts;
        public int injectFailures;

        /** How often the latest progress rows go to the database. */
        public Duration progressInterval;

        private Builder(CampaignPlan plan) {
            this.plan = plan;
        }

        /** Where events come from and grants go: brokers, input topics, grants topic, group. */
        public Builder kafka(String brokers, List<String> inputs, String grants, String group) {
            this.bootstrapServers = brokers;
            this.inputTopics = inputs;
            this.grantsTopic = grants;
            this.groupId = group;
            return this;
        }

        /** When a quiet partition stops holding the watermark back. */
        public Builder idleness(Duration partitionIdleness, boolean onlyWhenEmpty) {
            this.partitionIdleness = partitionIdleness;
            this.idleOnlyWhenEmpty = onlyWhenEmpty;
            return this;
        }

        /** The database the tables go to; user and password may be null when the URL has them. */
        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            return this;
        }

        /** How often, and where, checkpoints and savepoints go (URIs). */
        public Builder checkpoints(Duration interval, String checkpointDir, String savepointDir) {
            this.checkpointInterval = interval;
            this.checkpointDir = checkpointDir;
            this.savepointDir = savepointDir;
            return this;
        }

        public LiveSettings build() {
            return new LiveSettings(
                    plan,
                    bootstrapServers,
                    inputTopics,
                    grantsTopic,
                    groupId,
                    kafkaProperties,
                    partitionIdleness,
                    idleOnlyWhenEmpty,
                    bounded,
                    jdbcUrl,
                    jdbcUser,
                    jdbcPassword,
                    parallelism,
                    maxOutOfOrderness,
                    maxFutureSkew,
                    checkpointInterval,
                    checkpointDir,
                    savepointDir,
                    stateBackend,
                    restartAttempts,
                    injectFailures,
                    progressInterval);
        }
    }
}
