package com.livegmv.tools.cli;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.UsageException;
import com.livegmv.tools.screen.FestivalScreen;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** {@code gmv screen}: the festival screen of a database the live job writes. */
final class ScreenCommand implements Cli.Command {
    @Override
    public CommandLine flags() {
        return new CommandLine(
                        "screen",
                        "Serves the festival screen (a web page: each campaign's GMV, the tier funnel, the top"
                                + " streamers,\ngrants, rejected and late events, the job's lag) from the tables"
                                + " of a database the live job writes.")
                .option(
                        "--jdbc-url",
                        "URL",
                        "the database (required); user and password in the URL or in ~/.pgpass")
                .option(
                        "--port",
                        "N",
                        "port to listen on; default "
                                + FestivalScreen.DEFAULT_PORT
                                + ", 0 any free one")
                .option(
                        "--bind",
                        "ADDR",
                        "address to listen on; default 127.0.0.1 (this machine only), 0.0.0.0 for every"
                                + " interface");
    }

    @Override
    public String summary() {
        return "serve the festival screen (a web page) of a database the live job writes";
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        String jdbc = cl.require("--jdbc-url");
        if (!jdbc.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url must start with jdbc:postgresql:, got " + jdbc);
        }
        int port = cl.intValue("--port", FestivalScreen.DEFAULT_PORT, 0, 65535);
        String bindFlag = cl.get("--bind", "127.0.0.1");
        InetAddress bind;
        try {
            // Literal addresses only: no name lookup for a flag.
            if (!bindFlag.equals("localhost")
                    && !bindFlag.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new UnknownHostException(bindFlag);
            }
            bind = InetAddress.getByName(bindFlag);
        } catch (UnknownHostException e) {
            throw new UsageException(
                    "--bind must be an address of this machine such as 127.0.0.1 or 0.0.0.0, got "
                            + bindFlag);
        }
        try (Connection c = DriverManager.getConnection(jdbc)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new UsageException(
                    "cannot reach PostgreSQL at "
                            + withoutParameters(jdbc)
                            + " ("
                            + e.getMessage()
                            + "); check --jdbc-url");
        }
        FestivalScreen screen;
        try {
            screen = FestivalScreen.start(jdbc, bind, port);
        } catch (IOException e) {
            throw new UsageException(
                    "--port "
                            + port
                            + ": cannot listen on "
                            + bindFlag
                            + ":"
                            + port
                            + " ("
                            + e.getMessage()
                            + ")");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(screen::close, "gmv-screen-stop"));
        out.println("festival screen: " + screen.url());
        err.println(
                "gmv screen: reading " + withoutParameters(jdbc) + " every second; Ctrl-C to stop");
        Thread.currentThread().join();
        return 0;
    }

    /** The URL without its parameters, which may hold a password. */
    static String withoutParameters(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
