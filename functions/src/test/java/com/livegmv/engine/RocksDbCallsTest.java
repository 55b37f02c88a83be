package com.livegmv.engine;

import static com.livegmv.engine.Ev.order;
import static com.livegmv.engine.Ev.preview;
import static com.livegmv.engine.Ev.registration;
import static com.livegmv.engine.Ev.session;
import static com.livegmv.engine.Ev.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.Event;
import com.livegmv.output.Grant;
import java.time.Instant;
import java.util.Collection;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * Counts what an order costs the engine in RocksDB, from RocksDB's own statistics: reads (gets),
 * writes (puts and deletes) and iterator seeks, per order, when each batch holds one order of a
 * streamer (a live stream at a low rate per streamer) and when it holds ten (a busier one).
 */
class RocksDbCallsTest {
    private static final int STREAMERS = 50;

    /** Set by the options factory, in this JVM, when the harness opens RocksDB. */
    private static volatile Statistics statistics;

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Grant> harness;

    static final class CountingOptions implements RocksDBOptionsFactory {
        @Override
        public DBOptions createDBOptions(
                DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
            Statistics s = new Statistics();
            handlesToClose.add(s);
            statistics = s;
            return currentOptions.setStatistics(s);
        }

        @Override
        public ColumnFamilyOptions createColumnOptions(
                ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
            return currentOptions;
        }
    }

    record Calls(double reads, double writes, double seeks) {}

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new IncentiveEngine(Plans.plan(Plans.FESTIVAL), true),
                        e -> e.streamerId,
                        Types.STRING);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.setRocksDBOptions(new CountingOptions());
        harness.setStateBackend(rocksDb);
        harness.open();
        for (int s = 0; s < STREAMERS; s++) {
            String id = "s" + s;
            for (Event e :
                    new Event[] {
                        registration(id, "C", "2024-11-26T00:00:00Z"),
                        preview(id, "p-" + id, "2024-12-04T00:00:00Z"),
                        session(id, "live-" + id, "SHOPPING", true, "2024-12-05T00:00:00Z")
                    }) {
                harness.processElement(e, e.eventTime);
            }
        }
        harness.processWatermark(t("2024-12-05T00:00:00Z"));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Sends {@code perBatch} orders of every streamer between watermarks, ten times over. */
    private Calls perOrder(int perBatch) throws Exception {
        long reads = statistics.getTickerCount(TickerType.NUMBER_KEYS_READ);
        long writes = statistics.getTickerCount(TickerType.NUMBER_KEYS_WRITTEN);
        long seeks = statistics.getTickerCount(TickerType.NUMBER_DB_SEEK);
        long time = t("2024-12-05T01:00:00Z");
        int orders = 0;
        for (int batch = 0; batch < 10; batch++) {
            for (int i = 0; i < perBatch; i++) {
                time += 1_000;
                for (int s = 0; s < STREAMERS; s++) {
                    String id = "s" + s;
                    Event o =
                            order(
                                    id,
                                    "o-" + batch + "-" + i,
                                    "live-" + id,
                                    100,
                                    Instant.ofEpochMilli(time).toString());
                    harness.processElement(o, o.eventTime);
                    orders++;
                }
            }
            harness.processWatermark(time);
        }
        return new Calls(
                (statistics.getTickerCount(TickerType.NUMBER_KEYS_READ) - reads) / (double) orders,
                (statistics.getTickerCount(TickerType.NUMBER_KEYS_WRITTEN) - writes)
                        / (double) orders,
                (statistics.getTickerCount(TickerType.NUMBER_DB_SEEK) - seeks) / (double) orders);
    }

    @Test
    void shouldCostAnOrderAloneInItsBatchThreeReadsAndTwoWrites() throws Exception {
        // The order's duplicate check, its session, the streamer's value; the order's id and the
        // streamer's value written back; nothing else (no reorder list, no timer value).
        Calls c = perOrder(1);
        assertThat(c.reads()).isEqualTo(3.0);
        assertThat(c.writes()).isEqualTo(2.0);
        assertThat(c.seeks()).isZero();
    }

    @Test
    void shouldCostAnOrderAmongTenOfItsStreamerAboutOneReadAndOneWrite() throws Exception {
        Calls c = perOrder(10);
        assertThat(c.reads()).isEqualTo(1.2);
        assertThat(c.writes()).isEqualTo(1.1);
        assertThat(c.seeks()).isZero();
    }
}
