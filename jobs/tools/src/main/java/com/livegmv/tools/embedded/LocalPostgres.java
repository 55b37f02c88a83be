package com.livegmv.tools.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for {@code gmv demo} and end-to-end tests.
 * The cluster lives in {@code dir/pgdata} and keeps its port for the life of this object, so {@link
 * #stop()} then {@link #restart()} brings the same data back at the same JDBC URL.
 *
 * <p>When the JVM runs as root, zonky runs initdb and postgres through {@code unshare -U}, since
 * PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;

    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private boolean closed;

    private LocalPostgres(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.dataDir = this.dir.resolve("pgdata");
        this.logFile = this.dir.resolve("postgres.log");
        this.port = port;
    }

    /**
     * Starts PostgreSQL with its cluster in {@code dir/pgdata} (initialised on first use, reused
     * after) and its output in {@code dir/postgres.log}. {@code port} 0 picks a free port.
     */
    public static LocalPostgres start(Path dir, int port) {
        LocalPostgres pg = new LocalPostgres(dir, port != 0 ? port : LocalKafka.freePort());
        pg.launch();
        return pg;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE?user=postgres} (no password: trust). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    /** The postmaster's process (its children are the server's other processes), if it runs. */
    public Optional<ProcessHandle> process() {
        try {
            List<String> lines =
                    Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
                PreparedStatement q =
                        c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            // Two callers racing: the loser sees duplicate_database, which is fine.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}): clients are disconnected, data is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
        LOG.info("PostgreSQL on port {} stopped in {} ms", port, millisSince(t0));
    }

    /** Stops the server if it runs, then starts it on the same port and data directory. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    // ---------------------------------------------------------------------------------------

    private synchronized void launch() {
        long t0 = System.nanoTime();
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        try {
            Files.createDirectories(dir);
            stopOrphan();
            Files.writeString(
                    logFile,
                    "---- starting PostgreSQL at " + Instant.now() + " ----\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            LOG.info(
                    "Starting PostgreSQL on port {} ({} cluster in {})",
                    port,
                    fresh ? "new" : "existing",
                    dataDir);
            server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setPGStartupWait(STARTUP_WAIT)
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            // zonky turns this off for speed; a fault test needs real durability.
                            .setServerConfig("synchronous_commit", "on")
                            // The exactly-once JDBC sink uses XA, i.e. PREPARE TRANSACTION.
                            .setServerConfig("max_prepared_transactions", "64")
                            .setServerConfig("max_connections", "100")
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL failed to start on port "
                            + port
                            + " with data in "
                            + dataDir
                            + ": "
                            + e
                            + LocalKafka.logTail(logFile),
                    e);
        }
        LOG.info("PostgreSQL ready at {} in {} ms", jdbcUrl("postgres"), millisSince(t0));
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running (pg_ctl daemonises it) and holding
     * the data directory. Stop such a leftover before starting on the same directory.
     */
    private void stopOrphan() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            boolean isPostgres =
                    ph.flatMap(h -> h.info().command())
                            .map(cmd -> cmd.endsWith("/postgres"))
                            .orElse(false);
            if (ph.isPresent() && ph.get().isAlive() && isPostgres) {
                LOG.warn("Stopping leftover postmaster pid {} on {}", pid, dataDir);
                ph.get().destroy(); // SIGTERM: smart shutdown; its clients are gone already
                ph.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn(
                    "Could not check or stop a leftover postmaster in {}: {}",
                    dataDir,
                    e.toString());
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
