package com.livegmv.tools.bench;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.TierLadder;
import com.livegmv.events.Event;
import com.livegmv.events.EventParser;
import com.livegmv.events.EventType;
import com.livegmv.events.InvalidEventException;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.Tables;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The kafka-streams-e2e peer: the same Kafka -> aggregate -> PostgreSQL pipeline as the live job,
 * written the way a Java team would with Kafka Streams ({@code exactly_once_v2}, RocksDB stores),
 * so that kafka-e2e has a yardstick measured the same way.
 *
 * <p>What it does, per input record of the three topics, in arrival order: parses it with the job's
 * own parser (unparseable records are dropped); an {@code ORDER_PAID} without risk flags counts
 * toward every campaign whose event window holds its event time, once per order id (the order is
 * kept in the {@code ids} store); an {@code ORDER_REFUNDED} of a known order subtracts {@code
 * min(refund, paid - refunded so far)} from the campaigns the order counted toward whose settlement
 * has not passed, once per refund id. The GMV per (campaign, streamer) is kept in the {@code gmv}
 * store with the highest tier granted; each tier the GMV reaches for the first time is an INSTANT
 * grant, inserted into the same {@code incentive_grant} table at once (an idempotent insert by
 * grant id, so a record processed again after a failure changes nothing).
 *
 * <p>What it does not do: sessions and categories, registrations, previews and eligibility (every
 * streamer is paid), event-time order (no watermarks: records apply as they arrive), settlement,
 * post-event rewards and clawbacks, and the progress, settlement, rejected and late tables.
 */
final class KafkaStreamsPeer {
    static final String GMV_STORE = "gmv";
    static final String IDS_STORE = "ids";

    /** What the peer needs; written to a file by the bench for the peer's JVM. */
    record Settings(
            CampaignPlan plan,
            String bootstrapServers,
            List<String> inputTopics,
            String applicationId,
            String jdbcUrl,
            String stateDir,
            int threads)
            implements Serializable {
        Settings {
            inputTopics = List.copyOf(inputTopics);
        }
    }

    private KafkaStreamsPeer() {}

    static Topology topology(Settings s) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(GMV_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()));
        b.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(IDS_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()));
        b.stream(s.inputTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new Gmv(s), GMV_STORE, IDS_STORE);
        return b.build();
    }

    static Properties properties(Settings s) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
        return p;
    }

    /** The peer's JVM: {@code args[0]} is the settings file; prints READY once running. */
    public static void main(String[] args) throws Exception {
        Settings s = ChildJob.readSettings(Path.of(args[0]), Settings.class);
        KafkaStreams streams = new KafkaStreams(topology(s), properties(s));
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener(
                (now, before) -> {
                    if (now == KafkaStreams.State.RUNNING
                            && before == KafkaStreams.State.REBALANCING) {
                        ChildJob.signalReady();
                    } else if (now == KafkaStreams.State.ERROR
                            || now == KafkaStreams.State.NOT_RUNNING) {
                        stopped.countDown();
                    }
                });
        streams.setUncaughtExceptionHandler(
                e -> {
                    e.printStackTrace();
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .SHUTDOWN_CLIENT;
                });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "kafka-streams-close"));
        streams.start();
        stopped.await();
        System.exit(1);
    }

    /** The aggregation; one instance per stream task. */
    static final class Gmv implements Processor<byte[], byte[], Void, Void> {
        private final CampaignPlan plan;
        private final String jdbcUrl;
        private KeyValueStore<String, byte[]> gmv;
        private KeyValueStore<String, byte[]> ids;
        private Connection db;
        private PreparedStatement insertGrant;

        Gmv(Settings s) {
            this.plan = s.plan();
            this.jdbcUrl = s.jdbcUrl();
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            gmv = context.getStateStore(GMV_STORE);
            ids = context.getStateStore(IDS_STORE);
            try {
                db = DriverManager.getConnection(jdbcUrl);
                insertGrant = db.prepareStatement(Tables.INCENTIVE_GRANT.upsertSql());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
            }
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            byte[] v = record.value();
            if (v == null) {
                return; // a watermark heartbeat, not an event
            }
            Event e;
            try {
                e = EventParser.parse(v, 0, v.length);
            } catch (InvalidEventException bad) {
                return;
            }
            if (e.type == EventType.ORDER_PAID) {
                order(e);
            } else if (e.type == EventType.ORDER_REFUNDED) {
                refund(e);
            }
        }

        private void order(Event e) {
            if (e.risky) {
                return;
            }
            int counted = 0;
            for (int i = 0; i < plan.size(); i++) {
                if (plan.get(i).inEvent(e.eventTime)) {
                    counted |= 1 << i;
                }
            }
            String id = "o/" + e.streamerId + "/" + e.key;
            if (counted == 0 || ids.get(id) != null) {
                return;
            }
            // paid, refunded so far, the campaigns it counted toward
            ids.put(
                    id,
                    ByteBuffer.allocate(20)
                            .putLong(e.amountFen)
                            .putLong(0)
                            .putInt(counted)
                            .array());
            for (int i = 0; i < plan.size(); i++) {
                if ((counted & 1 << i) != 0) {
                    add(plan.get(i), e, e.amountFen);
                }
            }
        }

        private void refund(Event e) {
            String orderId = "o/" + e.streamerId + "/" + e.orderId;
            String refundId = "r/" + e.streamerId + "/" + e.key;
            byte[] o = ids.get(orderId);
            if (o == null || ids.get(refundId) != null) {
                return;
            }
            ids.put(refundId, new byte[0]);
            ByteBuffer order = ByteBuffer.wrap(o);
            long paid = order.getLong(0);
            long refunded = order.getLong(8);
            int counted = order.getInt(16);
            long applied = Math.min(e.amountFen, paid - refunded);
            if (applied <= 0) {
                return;
            }
            order.putLong(8, refunded + applied);
            ids.put(orderId, o);
            for (int i = 0; i < plan.size(); i++) {
                Campaign c = plan.get(i);
                if ((counted & 1 << i) != 0 && e.eventTime < c.settleAt()) {
                    add(c, e, -applied);
                }
            }
        }

        /** Adds to GMV(c, streamer); grants every tier reached for the first time. */
        private void add(Campaign c, Event e, long delta) {
            String key = c.id() + "/" + e.streamerId;
            byte[] old = gmv.get(key);
            long before = old == null ? 0 : ByteBuffer.wrap(old).getLong(0);
            int granted = old == null ? 0 : ByteBuffer.wrap(old).getInt(8);
            long after = before + delta;
            TierLadder ladder = c.ladder();
            int reached = delta > 0 ? ladder.levelFor(after) : granted;
            for (int level = granted + 1; level <= reached; level++) {
                grant(c, e, level, after);
            }
            gmv.put(
                    key,
                    ByteBuffer.allocate(12)
                            .putLong(after)
                            .putInt(Math.max(granted, reached))
                            .array());
        }

        private void grant(Campaign c, Event e, int level, long gmvFen) {
            Grant g =
                    new Grant(
                            c.id(),
                            e.streamerId,
                            GrantKind.INSTANT,
                            level,
                            c.ladder().tier(level).instantRewardFen(),
                            gmvFen,
                            e.eventTime,
                            e.type.name(),
                            e.key,
                            System.currentTimeMillis());
            try {
                Tables.INCENTIVE_GRANT.bind(insertGrant, g);
                insertGrant.executeUpdate();
            } catch (SQLException ex) {
                throw new IllegalStateException("cannot insert grant " + g.grantId(), ex);
            }
        }

        @Override
        public void close() {
            try {
                if (db != null) {
                    db.close();
                }
            } catch (SQLException ignored) {
                // closing on the way out
            }
        }
    }
}
