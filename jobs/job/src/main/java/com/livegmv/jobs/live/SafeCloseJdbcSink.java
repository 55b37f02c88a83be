package com.livegmv.jobs.live;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC sink, except that closing its writer never throws, and that it may flush after every
 * watermark.
 *
 * <p>Why: when PostgreSQL is down, the connector's writer flushes its pending rows in {@code
 * close()} and throws. Close runs while Flink is already handling the task's failure, and an
 * exception there is "FATAL - exception in exception handler": the whole TaskManager shuts down
 * (seen in a test with a 30 s database outage). Swallowing it is safe: rows are acknowledged only
 * by a completed checkpoint (the writer flushes on every checkpoint), so whatever was not flushed
 * is read again from Kafka after the restore and written again, idempotently.
 *
 * <p>pgjdbc's own assertions (a batch meeting a connection that broke while idle) are not part of
 * its contract: without them it throws the SQLException the connector retries on a new connection.
 * Test JVMs run with assertions on, so the build turns pgjdbc's off ({@code -da:org.postgresql...})
 * rather than this class special-casing them.
 *
 * <p>Flushing after a watermark writes the rows an engine step emitted (grants) as soon as the step
 * is done: the engine emits in batches at watermarks, so one round trip per step serves them all,
 * and none waits for a batch interval or a checkpoint.
 */
final class SafeCloseJdbcSink<T>
        implements Sink<T>,
                SupportsWriterState<T, JdbcWriterState>,
                SupportsCommitter<JdbcCommitable> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SafeCloseJdbcSink.class);

    private final JdbcSink<T> sink;
    private final String table;
    private final boolean flushOnWatermark;

    SafeCloseJdbcSink(JdbcSink<T> sink, String table, boolean flushOnWatermark) {
        this.sink = sink;
        this.table = table;
        this.flushOnWatermark = flushOnWatermark;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(sink.createWriter(context), table, flushOnWatermark);
    }

    @Override
    public StatefulSinkWriter<T, JdbcWriterState> restoreWriter(
            WriterInitContext context, Collection<JdbcWriterState> state) throws IOException {
        return new Writer<>(sink.restoreWriter(context, state), table, flushOnWatermark);
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context)
            throws IOException {
        return sink.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    static final class Writer<
                    T,
                    W extends
                            StatefulSinkWriter<T, JdbcWriterState>
                                    & CommittingSinkWriter<T, JdbcCommitable>>
            implements StatefulSinkWriter<T, JdbcWriterState>,
                    CommittingSinkWriter<T, JdbcCommitable> {
        private final W writer;
        private final String table;
        private final boolean flushOnWatermark;

        Writer(W writer, String table, boolean flushOnWatermark) {
            this.writer = writer;
            this.table = table;
            this.flushOnWatermark = flushOnWatermark;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            writer.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            if (flushOnWatermark) {
                flush(false);
            }
            writer.writeWatermark(watermark);
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return writer.prepareCommit();
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (Exception e) {
                LOG.warn(
                        "PostgreSQL writer for {} could not flush on close ({}); the rows since the"
                                + " last checkpoint are written again after the restart",
                        table,
                        e.getMessage());
            }
        }
    }
}
