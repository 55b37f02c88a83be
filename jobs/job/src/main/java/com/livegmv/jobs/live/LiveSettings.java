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
 * defaults of {@link GmvOptions}, so a caller names only what differs; a new setting is one
 * component, one builder field and one setter. {@link #toString} shows no secret: neither the
 * database password nor the values of the Kafka client properties.
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

    /** The defaults of {@link GmvOptions} for this plan. */
    public static Builder builder(CampaignPlan plan) {
        return new Builder(plan);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(plan)
                .kafka(bootstrapServers, inputTopics, grantsTopic, groupId)
                .kafkaProperties(kafkaProperties)
                .idleness(partitionIdleness, idleOnlyWhenEmpty)
                .bounded(bounded)
                .jdbc(jdbcUrl, jdbcUser, jdbcPassword)
                .parallelism(parallelism)
                .maxOutOfOrderness(maxOutOfOrderness)
                .maxFutureSkew(maxFutureSkew)
                .checkpoints(checkpointInterval, checkpointDir, savepointDir)
                .stateBackend(stateBackend)
                .restartAttempts(restartAttempts)
                .injectFailures(injectFailures)
                .progressInterval(progressInterval);
    }

    /** Settings by name; unset ones keep the {@link GmvOptions} default. */
    public static final class Builder {
        private final CampaignPlan plan;
        private String bootstrapServers = GmvOptions.KAFKA_BOOTSTRAP.defaultValue();
        private List<String> inputTopics = GmvOptions.INPUT_TOPICS.defaultValue();
        private String grantsTopic = GmvOptions.GRANTS_TOPIC.defaultValue();
        private String groupId = GmvOptions.GROUP_ID.defaultValue();
        private Map<String, String> kafkaProperties = Map.of();
        private Duration partitionIdleness = GmvOptions.IDLENESS.defaultValue();
        private boolean idleOnlyWhenEmpty = GmvOptions.IDLE_ONLY_EMPTY.defaultValue();
        private boolean bounded;
        private String jdbcUrl = GmvOptions.JDBC_URL.defaultValue();
        private String jdbcUser = GmvOptions.JDBC_USER.defaultValue();
        private String jdbcPassword = GmvOptions.JDBC_PASSWORD.defaultValue();
        private int parallelism = GmvOptions.PARALLELISM.defaultValue();
        private Duration maxOutOfOrderness = GmvOptions.MAX_OUT_OF_ORDERNESS.defaultValue();
        private Duration maxFutureSkew = GmvOptions.MAX_FUTURE_SKEW.defaultValue();
        private Duration checkpointInterval = GmvOptions.CHECKPOINT_INTERVAL.defaultValue();
        private String checkpointDir = GmvOptions.CHECKPOINT_DIR.defaultValue();
        private String savepointDir = GmvOptions.SAVEPOINT_DIR.defaultValue();
        private String stateBackend = GmvOptions.STATE_BACKEND.defaultValue();
        private int restartAttempts = GmvOptions.RESTART_ATTEMPTS.defaultValue();
        private int injectFailures = GmvOptions.INJECT_FAILURES.defaultValue();
        private Duration progressInterval = GmvOptions.PROGRESS_INTERVAL.defaultValue();

        private Builder(CampaignPlan plan) {
            this.plan = plan;
        }

        /** Where events come from and grants go: brokers, input topics, grants topic, group. */
        public Builder kafka(
                String bootstrapServers,
                List<String> inputTopics,
                String grantsTopic,
                String groupId) {
            this.bootstrapServers = bootstrapServers;
            this.inputTopics = inputTopics;
            this.grantsTopic = grantsTopic;
            this.groupId = groupId;
            return this;
        }

        /**
         * Client properties for every Kafka client of the job ({@code gmv.kafka.properties.*},
         * without the prefix), e.g. {@code security.protocol}; none by default.
         */
        public Builder kafkaProperties(Map<String, String> properties) {
            this.kafkaProperties = properties;
            return this;
        }

        public Builder inputTopics(List<String> topics) {
            this.inputTopics = topics;
            return this;
        }

        /** When a quiet partition stops holding the watermark back. */
        public Builder idleness(Duration partitionIdleness, boolean onlyWhenEmpty) {
            this.partitionIdleness = partitionIdleness;
            this.idleOnlyWhenEmpty = onlyWhenEmpty;
            return this;
        }

        /** Stop at the offsets current at the start (tests), instead of running forever. */
        public Builder bounded(boolean bounded) {
            this.bounded = bounded;
            return this;
        }

        /** The database the tables go to; user and password may be null when the URL has them. */
        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            return this;
        }

        public Builder jdbcUrl(String url) {
            this.jdbcUrl = url;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder maxOutOfOrderness(Duration maxOutOfOrderness) {
            this.maxOutOfOrderness = maxOutOfOrderness;
            return this;
        }

        public Builder maxFutureSkew(Duration maxFutureSkew) {
            this.maxFutureSkew = maxFutureSkew;
            return this;
        }

        /** How often, and where, checkpoints and savepoints go (URIs). */
        public Builder checkpoints(Duration interval, String checkpointDir, String savepointDir) {
            this.checkpointInterval = interval;
            this.checkpointDir = checkpointDir;
            this.savepointDir = savepointDir;
            return this;
        }

        /** "rocksdb" or "hashmap". */
        public Builder stateBackend(String stateBackend) {
            this.stateBackend = stateBackend;
            return this;
        }

        public Builder restartAttempts(int restartAttempts) {
            this.restartAttempts = restartAttempts;
            return this;
        }

        public Builder injectFailures(int injectFailures) {
            this.injectFailures = injectFailures;
            return this;
        }

        /** How often the latest progress rows go to the database. */
        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
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
