package com.livegmv.jobs.live;

import com.livegmv.events.ParsedRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The {@code job_status} row of the live job: its watermark and event-time lag, the last completed
 * checkpoint and the events read, every {@link #WRITE_EVERY_MILLIS} ms, so that "how far behind is
 * the job?" is a query. Off the hot path: a counter beside the source (chained to it, one increment
 * per record) sends a summary each second to one writer, whose input watermark is the job's (the
 * minimum over every partition); the writer upserts from its own thread, so a slow database never
 * holds up a record or a checkpoint barrier. One row per job, not per subtask: no minimum to take
 * in SQL, and no rows of subtasks that a rescale removed.
 */
public final class JobStatus {
    static final long SUMMARY_EVERY_MILLIS = 1_000;
    static final long WRITE_EVERY_MILLIS = 2_000;

    private JobStatus() {}

    /** Adds the counter beside {@code records} (the source's output) and the writer. */
    public static void attach(DataStream<ParsedRecord> records, LiveSettings s) {
        records.transform(
                        "Job status: events in",
                        TypeInformation.of(Summary.class),
                        new EventCounter())
                .uid("job-status-counter")
                .transform(
                        "Job status (PostgreSQL)",
                        TypeInformation.of(Summary.class),
                        new Writer(s.groupId(), s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword()))
                .uid("job-status-writer")
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /** One counter subtask's events read so far. */
    public static final class Summary {
        public int subtask;
        public int subtasks;
        public long eventsIn;

        public Summary() {}

        Summary(int subtask, int subtasks, long eventsIn) {
            this.subtask = subtask;
            this.subtasks = subtasks;
            this.eventsIn = eventsIn;
        }
    }

    /**
     * Counts the valid events of its source subtask. The count is operator state, so after a
     * restore it resumes from the checkpoint together with the source's offsets: events read again
     * are not counted twice.
     */
    static final class EventCounter extends AbstractStreamOperator<Summary>
            implements OneInputStreamOperator<ParsedRecord, Summary> {
        private static final long serialVersionUID = 1L;

        private transient ListState<Long> saved;
        private transient long events;

        @Override
        public void initializeState(StateInitializationContext context) throws Exception {
            super.initializeState(context);
            saved =
                    context.getOperatorStateStore()
                            .getListState(new ListStateDescriptor<>("events-in", Long.class));
            events = 0;
            for (Long n : saved.get()) {
                events += n; // after a rescale, a subtask may get several counts
            }
        }

        @Override
        public void open() throws Exception {
            super.open();
            schedule();
        }

        private void schedule() {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + SUMMARY_EVERY_MILLIS, t -> tick());
        }

        private void tick() {
            emit();
            schedule();
        }

        private void emit() {
            output.collect(
                    new StreamRecord<>(
                            new Summary(
                                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                                    getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                                    events)));
        }

        @Override
        public void processElement(StreamRecord<ParsedRecord> element) {
            if (element.getValue().event != null) {
                events++;
            }
        }

        @Override
        public void snapshotState(StateSnapshotContext context) throws Exception {
            super.snapshotState(context);
            saved.update(List.of(events));
        }

        @Override
        public void finish() throws Exception {
            emit();
            super.finish();
        }
    }

    /**
     * Upserts the job's row. Keeps nothing in state: after a restore the counters send their
     * restored counts within a second, and the row keeps its last checkpoint until a new one
     * completes. The row is written only once every counter has reported, so the events-in figure
     * never drops while they do.
     */
    static final class Writer extends AbstractStreamOperator<Summary>
            implements OneInputStreamOperator<Summary, Summary> {
        private static final long serialVersionUID = 1L;

        static final String UPSERT =
                "INSERT INTO job_status (job, flink_job_id, state, watermark, event_time_lag_ms,"
                        + " events_in, last_checkpoint_id, last_checkpoint_at, restarts, parallelism,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (job) DO UPDATE SET flink_job_id = EXCLUDED.flink_job_id,"
                        + " state = EXCLUDED.state,"
                        + " watermark = coalesce(EXCLUDED.watermark, job_status.watermark),"
                        + " event_time_lag_ms = EXCLUDED.event_time_lag_ms,"
                        + " events_in = EXCLUDED.events_in,"
                        + " last_checkpoint_id = coalesce(EXCLUDED.last_checkpoint_id,"
                        + " job_status.last_checkpoint_id),"
                        + " last_checkpoint_at = coalesce(EXCLUDED.last_checkpoint_at,"
                        + " job_status.last_checkpoint_at),"
                        + " restarts = EXCLUDED.restarts, parallelism = EXCLUDED.parallelism,"
                        + " updated_at = EXCLUDED.updated_at";

        private final String job;
        private final String jdbcUrl;
        private final String jdbcUser;
        private final String jdbcPassword;

        private transient String flinkJobId;
        private transient int restarts;
        private transient Map<Integer, Long> counts;
        private transient int subtasks;
        private transient long watermark;
        private transient long lastCheckpointId;
        private transient long lastCheckpointAt;
        private transient ExecutorService io;
        private transient AtomicBoolean writing;
        private transient Connection connection;

        Writer(String job, String jdbcUrl, String jdbcUser, String jdbcPassword) {
            this.job = job;
            this.jdbcUrl = jdbcUrl;
            this.jdbcUser = jdbcUser;
            this.jdbcPassword = jdbcPassword;
        }

        @Override
        public void open() throws Exception {
            super.open();
            // On a cluster the driver comes with the job jar, where DriverManager does not look.
            Class.forName("org.postgresql.Driver");
            flinkJobId = getRuntimeContext().getJobInfo().getJobId().toString();
            restarts = getRuntimeContext().getTaskInfo().getAttemptNumber();
            counts = new HashMap<>();
            watermark = Long.MIN_VALUE;
            lastCheckpointId = -1;
            writing = new AtomicBoolean();
            io =
                    Executors.newSingleThreadExecutor(
                            r -> {
                                Thread t = new Thread(r, "gmv-job-status-writer");
                                t.setDaemon(true);
                                return t;
                            });
            schedule();
        }

        private void schedule() {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + WRITE_EVERY_MILLIS, t -> tick());
        }

        private void tick() {
            Row row = row("RUNNING");
            // A write still under way (a slow database) is not queued behind: the next tick has
            // newer figures anyway.
            if (row != null && writing.compareAndSet(false, true)) {
                io.execute(() -> write(row));
            }
            schedule();
        }

        @Override
        public void processElement(StreamRecord<Summary> element) {
            Summary s = element.getValue();
            counts.put(s.subtask, s.eventsIn);
            subtasks = s.subtasks;
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            if (mark.getTimestamp() != Long.MAX_VALUE) {
                watermark = mark.getTimestamp(); // the end of event time is no time to show
            }
            super.processWatermark(mark);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            super.notifyCheckpointComplete(checkpointId);
            lastCheckpointId = checkpointId;
            lastCheckpointAt = System.currentTimeMillis();
        }

        /**
         * Flink finishes operators only at the end of the input or a drain (stop --drain), when
         * event time has run to its end: the job's last word is FINISHED. A job that stops any
         * other way (a stop with a savepoint, a cancel, a crash) keeps its last RUNNING row, which
         * stops being updated.
         */
        @Override
        public void finish() throws Exception {
            Row row = row("FINISHED");
            if (row != null) {
                Future<?> done = io.submit(() -> write(row));
                try {
                    done.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("could not write the final job_status row of {}", job, e);
                }
            }
            super.finish();
        }

        @Override
        public void close() throws Exception {
            if (io != null) {
                io.shutdownNow();
                io.awaitTermination(10, TimeUnit.SECONDS);
            }
            closeConnection();
            super.close();
        }

        record Row(
                String state,
                long watermark,
                long eventsIn,
                long checkpointId,
                long checkpointAt,
                long now,
                int restarts,
                int parallelism) {}

        /** The row to write now, or null while a counter has not reported yet. */
        Row row(String state) {
            if (subtasks == 0 || counts.size() < subtasks) {
                return null;
            }
            long events = 0;
            for (long n : counts.values()) {
                events += n;
            }
            return new Row(
                    state,
                    watermark,
                    events,
                    lastCheckpointId,
                    lastCheckpointAt,
                    System.currentTimeMillis(),
                    restarts,
                    subtasks);
        }

        /** On the writer's own thread. A failure is logged and the next tick tries again. */
        private void write(Row r) {
            try {
                if (connection == null || connection.isClosed()) {
                    Properties p = new Properties();
                    if (jdbcUser != null) {
                        p.setProperty("user", jdbcUser);
                    }
                    if (jdbcPassword != null) {
                        p.setProperty("password", jdbcPassword);
                    }
                    p.setProperty("connectTimeout", "5");
                    p.setProperty("socketTimeout", "10");
                    connection = DriverManager.getConnection(jdbcUrl, p);
                }
                try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
                    boolean known = r.watermark() != Long.MIN_VALUE;
                    ps.setString(1, job);
                    ps.setString(2, flinkJobId);
                    ps.setString(3, r.state());
                    ps.setObject(
                            4, known ? utc(r.watermark()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    if (known && r.state().equals("RUNNING")) {
                        ps.setLong(5, r.now() - r.watermark());
                    } else {
                        ps.setNull(5, Types.BIGINT);
                    }
                    ps.setLong(6, r.eventsIn());
                    if (r.checkpointId() >= 0) {
                        ps.setLong(7, r.checkpointId());
                        ps.setObject(8, utc(r.checkpointAt()));
                    } else {
                        ps.setNull(7, Types.BIGINT);
                        ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                    }
                    ps.setInt(9, r.restarts());
                    ps.setInt(10, r.parallelism());
                    ps.setObject(11, utc(r.now()));
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                LOG.warn("could not update job_status of {}: {}", job, e.getMessage());
                closeConnection();
            } finally {
                writing.set(false);
            }
        }

        private void closeConnection() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }

        private static OffsetDateTime utc(long epochMillis) {
            return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
        }
    }
}
