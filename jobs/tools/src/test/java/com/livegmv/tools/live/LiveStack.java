package com.livegmv.tools.live;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.live.LiveSettings;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.tools.embedded.LocalKafka;
import com.livegmv.tools.embedded.LocalPostgres;
import com.livegmv.tools.generate.GeneratedFestival;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded Kafka and PostgreSQL that the live end-to-end tests run against, with the plan of
 * {@code config/campaigns.yaml}; each run of a job gets topics, a database and directories of its
 * own from {@link #fresh}.
 */
public final class LiveStack implements AutoCloseable {
    public static final Path CAMPAIGNS = GeneratedFestival.CAMPAIGNS;

    public final LocalKafka kafka;
    public final LocalPostgres pg;
    public final CampaignPlan plan;
    private final Path dir;

    private LiveStack(LocalKafka kafka, LocalPostgres pg, CampaignPlan plan, Path dir) {
        this.kafka = kafka;
        this.pg = pg;
        this.plan = plan;
        this.dir = dir;
    }

    /** A plain Kafka broker and PostgreSQL under {@code dir}. */
    public static LiveStack start(Path dir) throws Exception {
        return start(dir, LocalKafka.start(dir.resolve("kafka")));
    }

    /** PostgreSQL under {@code dir} next to {@code kafka}, which this stack closes. */
    public static LiveStack start(Path dir, LocalKafka kafka) throws Exception {
        try {
            LocalPostgres pg = LocalPostgres.start(dir.resolve("pg"), 0);
            return new LiveStack(kafka, pg, CampaignLoader.load(CAMPAIGNS), dir);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * Settings for one run named {@code id}: its own three input topics and grants topic (three
     * partitions each, every partition with a leader), database with the schema, and checkpoint and
     * savepoint directories; parallelism 2, 2 s out-of-orderness, 30 s idleness, a checkpoint every
     * 500 ms on RocksDB, no restarts.
     */
    public LiveSettings.Builder fresh(String id, CampaignPlan plan) {
        List<String> topics =
                List.of(id + "-sessions", id + "-signups", id + "-orders", id + "-grants");
        kafka.createTopics(3, topics.toArray(new String[0]));
        pg.createDatabase(id);
        PostgresTables.installSchema(pg.jdbcUrl(id), null, null, plan);
        LiveSettings.Builder b = LiveSettings.builder(plan);
        b.parallelism = 2;
        b.maxOutOfOrderness = Duration.ofSeconds(2);
        b.stateBackend = "rocksdb";
        b.restartAttempts = 0;
        return b.kafka(kafka.bootstrapServers(), topics.subList(0, 3), topics.get(3), "group-" + id)
                .jdbc(pg.jdbcUrl(id), null, null)
                .idleness(Duration.ofSeconds(30), false)
                .checkpoints(
                        Duration.ofMillis(500),
                        dir.resolve(id + "-cp").toUri().toString(),
                        dir.resolve(id + "-sp").toUri().toString());
    }

    /** A generated festival of the plan, 0.5 % of it invalid lines. */
    public List<String> generated(int streamers, int events, long seed) {
        return GeneratedFestival.lines(plan, streamers, events, seed, 0.005);
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            pg.close();
        }
    }
}
