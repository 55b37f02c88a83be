package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.junit.jupiter.api.Test;

class SafeCloseJdbcSinkTest {
    /** Records what the wrapper asks of the connector's writer; closing fails like a lost DB. */
    static class Recording
            implements StatefulSinkWriter<String, JdbcWriterState>,
                    CommittingSinkWriter<String, JdbcCommitable> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void write(String row, Context context) {
            calls.add("write " + row);
        }

        @Override
        public void flush(boolean endOfInput) {
            calls.add("flush");
        }

        @Override
        public void writeWatermark(Watermark watermark) {
            calls.add("watermark " + watermark.getTimestamp());
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() {
            return List.of();
        }

        @Override
        public void close() throws IOException {
            throw new IOException("connection refused");
        }
    }

    @Test
    void flushesAfterEveryWatermarkSoRowsNeedNotWaitForABatchOrACheckpoint() throws Exception {
        Recording inner = new Recording();
        var w = new SafeCloseJdbcSink.Writer<>(inner, "incentive_grant", true);
        w.write("g1", null);
        w.write("g2", null);
        w.writeWatermark(new Watermark(7));
        assertThat(inner.calls).containsExactly("write g1", "write g2", "flush", "watermark 7");
    }

    @Test
    void leavesBatchingToTheConnectorOtherwise() throws Exception {
        Recording inner = new Recording();
        var w = new SafeCloseJdbcSink.Writer<>(inner, "streamer_progress", false);
        w.write("p1", null);
        w.writeWatermark(new Watermark(7));
        assertThat(inner.calls).containsExactly("write p1", "watermark 7");
    }

    @Test
    void closingNeverThrowsEvenWhenTheDatabaseIsGone() {
        var w = new SafeCloseJdbcSink.Writer<>(new Recording(), "incentive_grant", true);
        assertThatCode(w::close).doesNotThrowAnyException();
    }
}
