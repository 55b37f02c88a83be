package com.livegmv.tools.screen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livegmv.jobs.LocalCluster;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The festival screen: a page for the wall of the room where a festival is run (each campaign's GMV
 * ticking, the tier funnel, the leading streamers, grants, rejected and late events, the job's
 * lag), and the JSON endpoints behind it, read from PostgreSQL each second.
 *
 * <p>The JDK's HTTP server: five GET endpoints and a few static files need no framework, and the
 * launcher's class path stays as it is. The page, its script and Chart.js (a webjar) come from the
 * class path, so it works on a machine without internet access.
 */
public final class FestivalScreen implements AutoCloseable {
    /** The port of {@code gmv screen}, and the first one {@code gmv demo} tries. */
    public static final int DEFAULT_PORT = 8090;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATIC =
            Map.of(
                    "/", "screen/index.html",
                    "/screen.css", "screen/screen.css",
                    "/screen.js", "screen/screen.js");
    private static final String WEBJARS = "/webjars/";

    private final HttpServer server;
    private final ExecutorService threads;
    private final ScreenData data;

    private FestivalScreen(String jdbcUrl, InetAddress bind, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        threads = Executors.newFixedThreadPool(4, FestivalScreen::daemonThread);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        data = new ScreenData(jdbcUrl);
    }

    /** A thread of the server's pool: it must not keep the JVM alive. */
    private static Thread daemonThread(Runnable r) {
        Thread t = new Thread(r, "gmv-screen-http");
        t.setDaemon(true);
        return t;
    }

    /**
     * Serves the screen of the database at {@code jdbcUrl} on {@code bind:port} (port 0: a free
     * one).
     *
     * @throws IOException when the port cannot be bound
     */
    public static FestivalScreen start(String jdbcUrl, InetAddress bind, int port)
            throws IOException {
        FestivalScreen screen = new FestivalScreen(jdbcUrl, bind, port);
        screen.server.start();
        return screen;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address: on localhost unless bound to one other address only. */
    public String url() {
        return LocalCluster.url(server.getAddress().getAddress(), port()) + "/";
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
                send(x, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(x, path.substring("/api/".length()));
            } else if (STATIC.containsKey(path)) {
                resource(x, STATIC.get(path));
            } else if (path.startsWith(WEBJARS) && !path.contains("..")) {
                resource(x, "META-INF/resources" + path);
            } else {
                send(x, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void api(HttpExchange x, String name) throws IOException {
        ScreenData.Read<?> read =
                switch (name) {
                    case "campaigns" -> ScreenData::campaigns;
                    case "leaders" -> c -> ScreenData.leaders(c, query(x.getRequestURI()));
                    case "grants" -> ScreenData::grantsByKind;
                    case "quality" -> ScreenData::quality;
                    case "job" -> ScreenData::job; // null (JSON null) before the job's first row
                    default -> null;
                };
        if (read == null) {
            send(x, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Object body;
        try {
            body = data.read(read);
        } catch (SQLException e) {
            // 42P01: undefined table, i.e. the job has not installed the schema yet.
            String why =
                    "42P01".equals(e.getSQLState())
                            ? "no gmv tables in this database yet"
                            : "database unavailable: " + e.getMessage();
            send(x, 503, "application/json", JSON.writeValueAsBytes(Map.of("error", why)));
            return;
        }
        send(x, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    /** The {@code campaign} query parameter. */
    private static String query(URI uri) {
        String q = uri.getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith("campaign=")) {
                    return URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static void resource(HttpExchange x, String name) throws IOException {
        try (InputStream in = FestivalScreen.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(x, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(x, 200, contentType(name), in.readAllBytes());
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void send(HttpExchange x, int status, String type, byte[] body)
            throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        data.close();
    }
}
