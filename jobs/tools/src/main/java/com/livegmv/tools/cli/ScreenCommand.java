package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.jobs.live.Secrets;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import picocli.CommandLine.Command;

/** {@code gmv screen}: the festival screen of a database the live job writes. */
@Command(
        name = "screen",
        header = "Serve the festival screen (a web page) of a database the live job writes.",
        description =
                "Serves the festival screen (a web page: each campaign's GMV, the tier funnel, the"
                        + " top streamers, grants, rejected and late events, the job's lag) from"
                        + " the tables of a database the live job writes.")
final class ScreenCommand extends Cli.Command {
    ScreenCommand() {
        super("--jdbc-url [--port=" + FestivalScreen.DEFAULT_PORT + "] [--bind=127.0.0.1]");
    }

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        String jdbcUrl = value("--jdbc-url");
        int port = value("--port");
        InetAddress bind = value("--bind");
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new UsageException(
                    "cannot reach PostgreSQL at %s (%s); check --jdbc-url"
                            .formatted(Secrets.jdbcUrl(jdbcUrl), e.getMessage()));
        }
        FestivalScreen screen;
        try {
            screen = FestivalScreen.start(jdbcUrl, bind, port);
        } catch (IOException e) {
            throw new UsageException(
                    "--port %d: cannot listen on %s:%d (%s)"
                            .formatted(port, bind.getHostAddress(), port, e.getMessage()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(screen::close, "gmv-screen-stop"));
        out.println("festival screen: " + screen.url());
        err.println(
                "gmv screen: reading "
                        + Secrets.jdbcUrl(jdbcUrl)
                        + " every second; Ctrl-C to stop");
        Thread.currentThread().join();
        return 0;
    }
}
